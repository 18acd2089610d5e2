"""Articles table -> sentences, tokens, stems and n-grams.

Only NLTK parts that need no downloaded data are used, so results never depend on which NLTK
data packages a machine happens to have and nothing is fetched at run time:

- sentences: :class:`nltk.tokenize.punkt.PunktSentenceTokenizer` with an explicit list of
  abbreviations (:data:`ABBREVIATIONS`) instead of the downloadable ``punkt`` model;
- words: :class:`nltk.tokenize.NLTKWordTokenizer` (the Treebank rules behind ``word_tokenize``),
  through ``span_tokenize`` so every token keeps its character offsets;
- stems: :class:`nltk.stem.SnowballStemmer` (English, rules in code);
- stopwords: scikit-learn's ``ENGLISH_STOP_WORDS`` (shipped with the package) plus clitics.

Nothing is removed here: stopwords and punctuation are flags on the tokens table, so each
analysis states its own choice.
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from nltk.util import ngrams as nltk_ngrams
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from helpers.corpus import ends_sentence

# Abbreviations that end with a period but rarely end a sentence in news text (lower case,
# without the final period, as Punkt expects). "U.S." at a sentence end is then missed: a
# known, rare cost.
ABBREVIATIONS = frozenset({
    "u.s", "u.k", "u.n", "e.u", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "gen", "lt",
    "col", "maj", "capt", "sgt", "gov", "sen", "rep", "pres", "rev", "hon", "no", "vs", "etc",
    "e.g", "i.e", "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "approx", "est", "dept", "govt",
})
CLITICS = frozenset({"'s", "'re", "'ve", "'ll", "'d", "'m", "n't", "'"})
STOPWORDS = frozenset(ENGLISH_STOP_WORDS) | CLITICS
_HAS_WORD_CHARACTER = re.compile(r"\w")


@cache
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviation list (no downloaded model)."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


@cache
def word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


@cache
def stemmer() -> SnowballStemmer:
    return SnowballStemmer("english")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text``, paragraph by paragraph.

    Paragraphs (separated by a blank line) never share a sentence.

    >>> text = 'U.S. President Donald Trump spoke. "Yes," Macron said.\\n\\nA heading'
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['U.S. President Donald Trump spoke.', '"Yes," Macron said.', 'A heading']
    """
    spans = []
    for paragraph in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        offset = paragraph.start()
        for start, end in sentence_tokenizer().span_tokenize(paragraph.group()):
            spans.append((offset + start, offset + end))
    return spans


def tokenize(sentence: str) -> list[tuple[int, int, str]]:
    """Word tokens of one sentence as ``(start, end, token)``; the token is the exact text.

    >>> [t for _, _, t in tokenize("Trump's \\"peace\\" plan isn't U.S.-led.")]
    ['Trump', "'s", '"', 'peace', '"', 'plan', 'is', "n't", 'U.S.-led', '.']
    """
    return [(start, end, sentence[start:end])
            for start, end in word_tokenizer().span_tokenize(sentence)]


def is_heading(paragraph: str) -> bool:
    """A short paragraph without closing punctuation: a section heading, not prose.

    >>> is_heading("Washington's stance"), is_heading("Leaders met in Paris.")
    (True, False)
    """
    return (not ends_sentence(paragraph) and len(paragraph.split()) < 15
            and not paragraph.startswith("- "))


def sentences_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence of each article's cleaned ``text``.

    Columns: ``doc_id``, ``sentence_id`` (0-based within the article), ``paragraph_id``
    (0-based), ``start`` and ``end`` (character offsets into ``text``), ``is_heading``,
    ``is_list_item`` (the paragraph is a '- ' bullet), ``sentence``.
    """
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        paragraph_starts = [m.start() for m in re.finditer(r"(?:^|(?<=\n\n))[^\n]", text)]
        paragraph_id = -1
        for sentence_id, (start, end) in enumerate(split_sentences(text)):
            while (paragraph_id + 1 < len(paragraph_starts)
                   and paragraph_starts[paragraph_id + 1] <= start):
                paragraph_id += 1
            paragraph_end = text.find("\n\n", start)
            paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
            paragraph_start = paragraph_starts[paragraph_id]
            rows.append({
                "doc_id": doc_id,
                "sentence_id": sentence_id,
                "paragraph_id": paragraph_id,
                "start": start,
                "end": end,
                "is_heading": is_heading(text[paragraph_start:paragraph_end]),
                "is_list_item": text.startswith("- ", paragraph_start),
                "sentence": text[start:end],
            })
    columns = ["doc_id", "sentence_id", "paragraph_id", "start", "end", "is_heading",
               "is_list_item", "sentence"]
    return pd.DataFrame(rows, columns=columns)


def normalise_token(token: str) -> str:
    """The lower-cased form used for counting (quotes are already folded by the cleaner).

    >>> normalise_token("Zelenskiy"), normalise_token("N'T")
    ('zelenskiy', "n't")
    """
    return token.lower()


def tokens_table(sentences: pd.DataFrame) -> pd.DataFrame:
    """One row per word token of every sentence.

    Columns: ``doc_id``, ``sentence_id``, ``token_id`` (0-based within the article),
    ``start`` and ``end`` (offsets into the article's cleaned text), ``token`` (exact text),
    ``norm`` (lower case), ``is_word`` (has a letter or digit), ``is_stopword`` (``norm`` in
    :data:`STOPWORDS`), ``stem`` (Snowball English, of ``norm``; empty for punctuation).
    """
    columns = {name: [] for name in ["doc_id", "sentence_id", "token_id", "start", "end",
                                     "token", "norm", "is_word", "is_stopword", "stem"]}
    stem = cache(stemmer().stem)  # news repeats words: stem each form once
    span_tokenize = word_tokenizer().span_tokenize
    for doc_id, doc_sentences in sentences.groupby("doc_id", sort=True):
        token_id = 0
        for sentence_id, offset, sentence in zip(
            doc_sentences["sentence_id"], doc_sentences["start"], doc_sentences["sentence"]
        ):
            for start, end in span_tokenize(sentence):
                token = sentence[start:end]
                norm = normalise_token(token)
                word = _HAS_WORD_CHARACTER.search(token) is not None
                columns["doc_id"].append(doc_id)
                columns["sentence_id"].append(sentence_id)
                columns["token_id"].append(token_id)
                columns["start"].append(offset + start)
                columns["end"].append(offset + end)
                columns["token"].append(token)
                columns["norm"].append(norm)
                columns["is_word"].append(word)
                columns["is_stopword"].append(norm in STOPWORDS)
                columns["stem"].append(stem(norm) if word else "")
                token_id += 1
    return pd.DataFrame(columns)


def stem_display_forms(tokens: pd.DataFrame) -> pd.DataFrame:
    """For each stem, the most frequent lower-cased surface form, to show instead of the stem.

    Ties go to the alphabetically first form, so the choice is deterministic. Columns:
    ``stem``, ``display``, ``n_tokens`` (tokens with the stem), ``forms`` (all forms, by count).

    >>> toks = pd.DataFrame({"stem": ["negoti"] * 3 + ["talk"],
    ...                      "norm": ["negotiations", "negotiations", "negotiate", "talks"]})
    >>> stem_display_forms(toks)[["stem", "display", "n_tokens"]].to_dict("records")[0]
    {'stem': 'negoti', 'display': 'negotiations', 'n_tokens': 3}
    """
    words = tokens[tokens["stem"] != ""]
    counts = (words.groupby(["stem", "norm"]).size().rename("n").reset_index()
              .sort_values(["stem", "n", "norm"], ascending=[True, False, True]))
    rows = []
    for stem_value, forms in counts.groupby("stem", sort=True):
        rows.append({
            "stem": stem_value,
            "display": forms["norm"].iloc[0],
            "n_tokens": int(forms["n"].sum()),
            "forms": ", ".join(f"{form} ({n})" for form, n in zip(forms["norm"], forms["n"])),
        })
    return pd.DataFrame(rows, columns=["stem", "display", "n_tokens", "forms"])


def ngrams_table(tokens: pd.DataFrame, n: int = 2, *, column: str = "norm",
                 words_only: bool = True, skip_stopwords: bool = False) -> pd.DataFrame:
    """Every n-gram occurrence, within sentence boundaries.

    ``column`` picks the form (``norm``, ``stem`` or ``token``); ``words_only`` drops
    punctuation tokens first and ``skip_stopwords`` drops stopwords first (so 'troops to
    Ukraine' becomes the bigram 'troops ukraine'). Columns: ``doc_id``, ``sentence_id``,
    ``token_id`` (of the first token), ``ngram`` (forms joined by spaces).

    >>> toks = tokens_table(sentences_table(pd.DataFrame(
    ...     {"doc_id": ["a"], "text": ["Send troops to Ukraine. Now."]})))
    >>> ngrams_table(toks, 2)["ngram"].tolist()
    ['send troops', 'troops to', 'to ukraine']
    """
    if n < 1:
        raise ValueError(f"n must be 1 or more, not {n}")
    selected = tokens
    if words_only:
        selected = selected[selected["is_word"]]
    if skip_stopwords:
        selected = selected[~selected["is_stopword"]]
    rows = []
    for (doc_id, sentence_id), group in selected.groupby(["doc_id", "sentence_id"], sort=True):
        pairs = zip(group["token_id"], group[column])
        for gram in nltk_ngrams(pairs, n):
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id, "token_id": gram[0][0],
                         "ngram": " ".join(form for _, form in gram)})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "token_id", "ngram"])


def article_lengths(sentences: pd.DataFrame, tokens: pd.DataFrame) -> pd.DataFrame:
    """Size of each article: paragraphs, sentences, tokens, words and non-stopword words.

    ``words`` counts tokens with a letter or digit; ``content_words`` those not in
    :data:`STOPWORDS`; ``mean_sentence_words`` is words per prose (non-heading) sentence.
    """
    words = tokens[tokens["is_word"]]
    prose = sentences[~sentences["is_heading"]]
    prose_words = words.merge(prose[["doc_id", "sentence_id"]], on=["doc_id", "sentence_id"])
    table = pd.DataFrame({
        "paragraphs": sentences.groupby("doc_id")["paragraph_id"].nunique(),
        "sentences": sentences.groupby("doc_id").size(),
        "tokens": tokens.groupby("doc_id").size(),
        "words": words.groupby("doc_id").size(),
        "content_words": words[~words["is_stopword"]].groupby("doc_id").size(),
    }).fillna(0).astype(int)
    table["mean_sentence_words"] = (
        prose_words.groupby("doc_id").size() / prose.groupby("doc_id").size()
    ).round(1)
    table.index.name = "doc_id"
    return table
