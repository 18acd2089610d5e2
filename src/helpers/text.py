"""Articles table -> sentences, tokens, stems and n-grams.

Only NLTK parts that need no downloaded data are used, so results never depend on which NLTK
data packages a machine happens to have and nothing is fetched at run time:

- sentences: :class:`nltk.tokenize.punkt.PunktSentenceTokenizer` with an explicit list of
  abbreviations (:data:`ABBREVIATIONS`) instead of the downloadable ``punkt`` model;
- words: :class:`nltk.tokenize.NLTKWordTokenizer` (the Treebank rules behind ``word_tokenize``),
  with character offsets as its ``span_tokenize`` gives them;
- stems: :class:`nltk.stem.SnowballStemmer` (English, rules in code);
- stopwords: scikit-learn's ``ENGLISH_STOP_WORDS`` (shipped with the package) plus clitics.

Both tokenizers run through :mod:`helpers.tokenizers`, which gives NLTK's spans exactly but
handles a whole corpus at once instead of one sentence at a time (4-8 times faster on the BBC
benchmark).

Nothing is removed here: stopwords and punctuation are flags on the tokens table, so each
analysis states its own choice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

import numpy as np
import pandas as pd
import pyarrow as pa
from nltk.stem.snowball import SnowballStemmer
from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
from nltk.util import ngrams as nltk_ngrams
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from helpers.corpus import ends_sentence
from helpers.tokenizers import BulkPunkt, treebank_tokens

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
# Capitalised acronyms whose lower case is a stopword: "US" is the United States, never "us";
# "IT" and "WHO" are a trade and an organisation. Matched case-sensitively, so "It" and "Who"
# at a sentence start stay stopwords. In 2,225 BBC articles every "US", "IT" and "WHO" is one.
STOPWORD_EXCEPTIONS = frozenset({"US", "IT", "WHO"})
_HAS_WORD_CHARACTER = re.compile(r"\w")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")  # paragraphs are split by blank lines


@cache
def sentence_tokenizer() -> PunktSentenceTokenizer:
    """Punkt with the project's abbreviation list (no downloaded model)."""
    parameters = PunktParameters()
    parameters.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(parameters)


@cache
def bulk_sentence_tokenizer() -> BulkPunkt:
    """The same Punkt, run through :class:`helpers.tokenizers.BulkPunkt`."""
    return BulkPunkt(sentence_tokenizer())


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
    for paragraph in _PARAGRAPH.finditer(text):
        offset = paragraph.start()
        for start, end in paragraph_sentences(paragraph.group()):
            spans.append((offset + start, offset + end))
    return spans


# The platform X is no initial: Punkt reads "wrote on X. He said" as one sentence, as it
# does "George W. Bush"; after on/to/via/at the full stop ends the sentence.
_PLATFORM_STOP = re.compile(r"\b(?:on|to|via|at) X\.(?=\s+[A-Z\"“‘'])")


def paragraph_sentences(paragraph: str) -> list[tuple[int, int]]:
    """Punkt's sentence spans of one paragraph, also split after the platform X ("... he
    wrote on X. He said ...").

    >>> text = '"No," he wrote on X. He said so. George W. Bush spoke.'
    >>> [text[a:b] for a, b in paragraph_sentences(text)]
    ['"No," he wrote on X.', 'He said so.', 'George W. Bush spoke.']
    """
    spans = []
    for start, end in bulk_sentence_tokenizer().span_tokenize(paragraph):
        for stop in _PLATFORM_STOP.finditer(paragraph, start, end):
            spans.append((start, stop.end()))
            start = stop.end() + len(paragraph[stop.end():end]) - len(
                paragraph[stop.end():end].lstrip())
        spans.append((start, end))
    return spans


def tokenize(sentence: str) -> list[tuple[int, int, str]]:
    """Word tokens of one sentence as ``(start, end, token)``; the token is the exact text.

    >>> [t for _, _, t in tokenize("Trump's \\"peace\\" plan isn't U.S.-led.")]
    ['Trump', "'s", '"', 'peace', '"', 'plan', 'is', "n't", 'U.S.-led', '.']
    """
    found = treebank_tokens([sentence])
    return list(zip(found.starts.tolist(), found.ends.tolist(), found.tokens))


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
    columns = {name: [] for name in ["doc_id", "sentence_id", "paragraph_id", "start", "end",
                                     "is_heading", "is_list_item", "sentence"]}
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        sentence_id = 0
        for paragraph_id, paragraph in enumerate(_PARAGRAPH.finditer(text)):
            offset = paragraph.start()
            paragraph_end = text.find("\n\n", offset)
            paragraph_end = len(text) if paragraph_end == -1 else paragraph_end
            heading = is_heading(text[offset:paragraph_end])
            list_item = text.startswith("- ", offset)
            for start, end in paragraph_sentences(paragraph.group()):
                columns["doc_id"].append(doc_id)
                columns["sentence_id"].append(sentence_id)
                columns["paragraph_id"].append(paragraph_id)
                columns["start"].append(offset + start)
                columns["end"].append(offset + end)
                columns["is_heading"].append(heading)
                columns["is_list_item"].append(list_item)
                columns["sentence"].append(text[offset + start:offset + end])
                sentence_id += 1
    return pd.DataFrame(columns)


def reporting_sentences(sentences: pd.DataFrame, reporting_only: bool = True) -> pd.DataFrame:
    """The sentences that count as reporting: never headings, and not list items when
    ``reporting_only`` (the suite's default: in news a bulleted list is a summary, a
    "what we know" box or appended commentary, not reported sentences). A table without
    ``is_list_item`` keeps all its prose.
    """
    keep = ~sentences["is_heading"].astype(bool).to_numpy()
    if reporting_only and "is_list_item" in sentences:
        keep &= ~sentences["is_list_item"].astype(bool).to_numpy()
    return sentences.loc[keep]


def sentences_by_document(sentences: pd.DataFrame, columns: list[str]
                          ) -> Iterator[tuple[str, list[tuple]]]:
    """``(doc_id, rows)`` per article, by doc_id; ``rows`` hold ``columns``, in sentence order.

    One sort and plain tuples: for thousands of articles, a pandas groupby and column access
    per article cost more than the work done on each.

    >>> table = pd.DataFrame({"doc_id": ["b", "a", "a"], "sentence_id": [0, 1, 0],
    ...                       "sentence": ["B.", "A2.", "A1."]})
    >>> list(sentences_by_document(table, ["sentence_id", "sentence"]))
    [('a', [(0, 'A1.'), (1, 'A2.')]), ('b', [(0, 'B.')])]
    """
    ordered = sentences.sort_values(["doc_id", "sentence_id"], kind="stable")
    doc_ids = ordered["doc_id"].tolist()
    rows = list(zip(*(ordered[column].tolist() for column in columns)))
    starts = [0] + [k for k in range(1, len(doc_ids)) if doc_ids[k] != doc_ids[k - 1]]
    for start, end in zip(starts, starts[1:] + [len(doc_ids)]):
        if start < end:
            yield doc_ids[start], rows[start:end]


def normalise_token(token: str) -> str:
    """The lower-cased form used for counting (quotes are already folded by the cleaner).

    >>> normalise_token("Zelenskiy"), normalise_token("N'T")
    ('zelenskiy', "n't")
    """
    return token.lower()


def tokens_table(sentences: pd.DataFrame, batch_size: int = 20_000) -> pd.DataFrame:
    """One row per word token of every sentence.

    Columns: ``doc_id``, ``sentence_id``, ``token_id`` (0-based within the article),
    ``start`` and ``end`` (offsets into the article's cleaned text), ``token`` (exact text),
    ``norm`` (lower case), ``is_word`` (has a letter or digit), ``is_stopword`` (``norm`` in
    :data:`STOPWORDS` and ``token`` not in :data:`STOPWORD_EXCEPTIONS`), ``stem`` (Snowball
    English, of ``norm``; empty for punctuation), ``is_prose`` (the sentence is neither a
    heading nor a list item; missing from ``sentences`` without those flags, it is True).
    Rows are ordered by ``doc_id``, then by position. Sentences are tokenized ``batch_size``
    at a time; the flags and stems are worked out once per distinct form, and the string
    columns are Arrow buffers built from codes into the distinct forms, which keeps a large
    table small.
    """
    if sentences["doc_id"].isna().any():
        raise ValueError(f"{int(sentences['doc_id'].isna().sum())} sentence(s) have no doc_id: "
                         "every sentence must name its article")
    doc_codes, doc_names = pd.factorize(sentences["doc_id"], sort=True)
    order = np.argsort(doc_codes, kind="stable")
    doc_codes = doc_codes[order]
    sentence_ids = sentences["sentence_id"].to_numpy(dtype=np.int64)[order]
    offsets = sentences["start"].to_numpy(dtype=np.int64)[order]
    prose = np.ones(len(sentences), dtype=bool)
    for flag in ("is_heading", "is_list_item"):
        if flag in sentences:
            prose &= ~sentences[flag].to_numpy(dtype=bool)
    prose = prose[order]
    texts = sentences["sentence"]

    # Each batch's tokens are replaced at once by codes into one list of distinct forms, and
    # the string columns are built from those codes (string_column), so the table never holds
    # one Python string per token: at a million articles that alone would take gigabytes.
    code_of: dict[str, int] = {}
    codes, sizes, starts, ends = [], [], [], []
    for first in range(0, len(texts), batch_size):
        found = treebank_tokens(texts.take(order[first:first + batch_size]).tolist())
        batch_codes, batch_forms = pd.factorize(pd.Series(found.tokens, dtype=object))
        known = np.array([code_of.setdefault(form, len(code_of)) for form in batch_forms],
                         dtype=np.int64)
        codes.append(known[batch_codes])
        sizes.append(found.sizes)
        starts.append(found.starts)
        ends.append(found.ends)
    # Arrays are shifted and numbered in place, and the columns are not copied into one
    # block: at millions of tokens each int64 column is a hundred megabytes.
    codes, sizes, starts, ends = (np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
                                  for parts in (codes, sizes, starts, ends))
    n_tokens = len(codes)
    forms = list(code_of)

    token_sentence = np.repeat(np.arange(len(texts)), sizes)
    token_doc = doc_codes[token_sentence]
    new_doc = np.ones(n_tokens, dtype=bool)
    new_doc[1:] = token_doc[1:] != token_doc[:-1]
    token_ids = np.arange(n_tokens)
    token_ids -= np.maximum.accumulate(np.where(new_doc, token_ids, 0))
    del new_doc
    sentence_offsets = offsets[token_sentence]
    starts += sentence_offsets
    ends += sentence_offsets
    del sentence_offsets

    norms = [normalise_token(form) for form in forms]
    is_word = np.array([_HAS_WORD_CHARACTER.search(form) is not None for form in forms],
                       dtype=bool)
    is_stopword = np.array([norm in STOPWORDS and form not in STOPWORD_EXCEPTIONS
                            for norm, form in zip(norms, forms)], dtype=bool)
    stem = cache(stemmer().stem)  # news repeats words: stem each form once
    stems = [stem(norm) if word else "" for norm, word in zip(norms, is_word)]
    return pd.DataFrame({
        "doc_id": doc_names.take(token_doc).array,
        "sentence_id": sentence_ids[token_sentence],
        "token_id": token_ids,
        "start": starts,
        "end": ends,
        "token": string_column(forms, codes),
        "norm": string_column(norms, codes),
        "is_word": is_word[codes],
        "is_stopword": is_stopword[codes],
        "stem": string_column(stems, codes),
        "is_prose": prose[token_sentence],
    }, copy=False)


def string_column(values, codes: np.ndarray, dtype="str") -> pd.api.extensions.ExtensionArray:
    """``values[codes]`` as a pandas string array of ``dtype``, built by Arrow from the
    distinct values: one buffer, not a Python string object per row (what a column of
    millions of tokens would otherwise cost while it is built). A missing value stays missing.

    >>> list(string_column(["troops", "aid"], np.array([1, 0, 1])))
    ['aid', 'troops', 'aid']
    """
    distinct = pa.array(list(values), type=pa.large_string(), from_pandas=True)
    return pd.array(distinct.take(pa.array(np.asarray(codes, dtype=np.int64))), dtype=dtype)


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
