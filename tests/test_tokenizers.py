"""The bulk tokenizers give exactly NLTK's spans: on the corpus and on text built to hit each rule."""

import re

import pytest
from nltk.tokenize import NLTKWordTokenizer

from helpers.text import sentence_tokenizer
from helpers.tokenizers import SEPARATOR, BulkPunkt, treebank_tokens

# One or more sentences for each Treebank rule, and the places the batch could leak between
# sentences (a sentence starting or ending with the characters a rule looks at).
AWKWARD_SENTENCES = [
    '"We will not accept a ceasefire," Zelenskiy said.',
    "He said: \"It's over.\"",
    '"',
    '."',
    ".",
    "...",
    "Wait...",
    "'Tis the season, 'twas said.",
    "I cannot, gonna, gotta, wanna go, lemme see, gimme that, more'n that, d'ye hear?",
    "They'll say we'd gone; you're sure they've left? I'm not; she's here, isn't she?",
    "THEY'LL GO. WE'D GO. IT'S FINE. DON'T!",
    "```quoted``` and ``quoted'' text with \"marks\"",
    "The ''old'' way: 'single quotes' and 'tis.",
    "Prices rose 3.5% (from $1,200) to €5bn; @user #tag & co * star.",
    "Costs: 3,000, 4:30, a:b, end:",
    "An en dash – an em dash — a figure dash ‒ a bar ― and -- double.",
    "Curly “quotes” and ‘single’ ones, «guillemets» and „low” marks.",
    "Trailing quote and bracket.)\"",
    "(Brackets [square] {curly} <angle>)",
    "U.S.-led talks in the U.K. ended.",
    "Line one\nline two\tand a tab",
    "What?! Really!? Yes.",
    "'Quoted start",
    "It's 'quoted.'",
    "ends with apostrophe'",
    "Macron's and Starmer's plan",
    "",
    ":leading colon",
    ", leading comma",
    # word characters as NLTK's engines see them (the contractions run on re, the rest on regex)
    "We cannot\u00b9 accept.",
    "Gotta\u00b2 go",
    "We cannot\u0301 go",
    "\u24d0bc cannot \u24d1",
    "Ka\u0301ra's 'tis \u00bdn't",
    "A lone surrogate \udc80 here.",
]
# Sentences the bulk path hands to NLTK: the separator, and the control characters whose
# spacing the two regular-expression engines disagree on.
SCREENED_SENTENCES = [
    "A sentence with a \x1c control character.",
    f"A sentence with the separator {SEPARATOR} inside.",
]

AWKWARD_PARAGRAPHS = [
    "Mr. Starmer met Mrs. May. Then he left.",
    "J. K. Rowling wrote. The U.S. troops went home. It ended.",
    'He said. "Next." Then (he left.) Finally.',
    "In 2004. The year was 2004. then it ended.",
    "The pre-war. It was the post-gov. talks.",
    "Very bad acting!!! I promise. Really?! Yes...",
    "Wait . . . there is more. . . . End.",
    "No. 10 said so. See p. 5 etc. and more.",
    "It ended.) Next one.' And 'this.' End",
    "The U.S. At last. e.g. this. i.e. that.",
    "Trailing space.   ",
    "Ends with an abbreviation Mr.",
    "Numbers 1. 2. 3. and a. b. c.",
    "Leaders met.\u201cIt works,\u201d he said.\u201d Then.",
    "Tab\tseparated. Sentences\there.",
    "A control\x1c character. In text.",
]


@pytest.fixture(scope="module")
def corpus_paragraphs(articles):
    return [m.group() for text in articles["text"]
            for m in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text)]


def nltk_spans(sentences):
    tokenizer = NLTKWordTokenizer()
    return [list(tokenizer.span_tokenize(s)) for s in sentences]


def test_word_spans_equal_nltk_on_awkward_sentences():
    assert treebank_tokens(AWKWARD_SENTENCES).spans() == nltk_spans(AWKWARD_SENTENCES)


def test_screened_sentences_among_others_keep_nltk_spans():
    mixed = AWKWARD_SENTENCES[:5] + SCREENED_SENTENCES + AWKWARD_SENTENCES[5:]
    assert treebank_tokens(mixed).spans() == nltk_spans(mixed)


def test_word_spans_equal_nltk_one_sentence_at_a_time():
    for sentence in AWKWARD_SENTENCES:
        assert treebank_tokens([sentence]).spans() == nltk_spans([sentence]), sentence


def test_tokens_are_the_text_at_their_spans():
    found = treebank_tokens(AWKWARD_SENTENCES)
    owners = [k for k, size in enumerate(found.sizes) for _ in range(size)]
    for token, owner, start, end in zip(found.tokens, owners, found.starts, found.ends):
        assert AWKWARD_SENTENCES[owner][start:end] == token


def test_word_spans_equal_nltk_on_the_corpus(corpus_paragraphs):
    punkt = sentence_tokenizer()
    sentences = [p[a:b] for p in corpus_paragraphs for a, b in punkt.span_tokenize(p)]
    assert len(sentences) > 100
    assert treebank_tokens(sentences).spans() == nltk_spans(sentences)


def test_no_sentences_give_no_tokens():
    found = treebank_tokens([])
    assert found.tokens == [] and found.spans() == []


def test_sentence_spans_equal_punkt_on_awkward_paragraphs():
    punkt = sentence_tokenizer()
    bulk = BulkPunkt(punkt)
    for paragraph in AWKWARD_PARAGRAPHS:
        assert bulk.span_tokenize(paragraph) == list(punkt.span_tokenize(paragraph)), paragraph


def test_sentence_spans_equal_punkt_on_the_corpus(corpus_paragraphs):
    punkt = sentence_tokenizer()
    bulk = BulkPunkt(punkt)
    assert ([bulk.span_tokenize(p) for p in corpus_paragraphs]
            == [list(punkt.span_tokenize(p)) for p in corpus_paragraphs])


def test_shortcut_decisions_equal_nltk():
    punkt = sentence_tokenizer()
    bulk = BulkPunkt(punkt)
    contexts = [
        "talks. The", 'said."', "said.)", "said.?", 'said. "Yes', "pre-war. It", "talks. the",
        "Mr. Smith", "mr. smith", "gov. talks", "post-gov. talks", "U.S. troops", "a. b",
        "2004. The", "etc. and", "said. . .", "said. .", "x. y", "Zelenskiy. (He", "Über. Das",
    ]
    assert [bulk.is_break(c) for c in contexts] == [punkt.text_contains_sentbreak(c)
                                                  for c in contexts]
    assert bulk.is_break("talks. The") and not bulk.is_break("Mr. Smith")


def test_ordinary_text_never_falls_back_to_nltk(monkeypatch, corpus_paragraphs):
    """The bulk rules, not the per-sentence fallback, produce the spans (else no speed-up)."""
    import helpers.tokenizers as tokenizers

    def refuse(*args):
        raise AssertionError("fell back to tokenizing sentences with NLTK")

    punkt = sentence_tokenizer()
    sentences = [p[a:b] for p in corpus_paragraphs for a, b in punkt.span_tokenize(p)]
    expected = nltk_spans(sentences + AWKWARD_SENTENCES)
    monkeypatch.setattr(tokenizers, "_merge", refuse)
    assert treebank_tokens(sentences + AWKWARD_SENTENCES).spans() == expected


def test_tokens_table_is_the_same_whatever_the_batch_size(tables):
    from helpers.text import tokens_table

    small_batches = tokens_table(tables["sentences"], batch_size=7)
    assert small_batches.equals(tables["tokens"])
