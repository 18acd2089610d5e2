"""Tokens table -> term frequencies, keyness, collocations, tf-idf, concordances, dispersion.

The pipeline grammar is quanteda's: tokens -> document-term matrix -> statistics. Every choice
that removes or merges tokens (stopwords, numbers, stemming) lives in one :class:`TermChoices`
object, is passed explicitly and can be shown as a table, so an analysis says what it counted.

The libraries do the work: SciPy holds the document-term matrix (built from term codes: the
matrix scikit-learn's ``CountVectorizer`` would give), scikit-learn weights it by tf-idf,
NLTK's collocation finders score n-grams, SciPy gives the chi-squared tail of G2. What is
written here is the bookkeeping around them and the corpus-linguistic keyness
statistics (Rayson and Garside 2000; Hardie 2014), which no maintained library ships for
frequency lists.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Literal

import numpy as np
import pandas as pd
from nltk.collocations import (
    BigramAssocMeasures,
    BigramCollocationFinder,
    TrigramAssocMeasures,
    TrigramCollocationFinder,
)
from scipy import sparse
from scipy.stats import chi2
from sklearn.feature_extraction.text import TfidfTransformer

from helpers.actors import load_alias_table
from helpers.paths import PACKAGE_DATA_DIR
from helpers.text import (
    STOPWORD_EXCEPTIONS,
    STOPWORDS,
    normalise_token,
    stem_display_forms,
    stemmer,
    string_column,
    tokenize,
)

TermForm = Literal["norm", "stem", "token"]
_DIGITS_ONLY = re.compile(r"^[\d.,:/%-]+$")


@cache
def spelling_variants(path: str | None = None) -> Mapping[str, str]:
    """American spelling -> British, from ``data/spelling_variants.csv`` (or ``path``).

    Only pairs that are the same word either way: *defense* -> *defence*, *organize* ->
    *organise*. Words whose other spelling is another word (*story*/*storey*, *check*/*cheque*,
    *program*/*programme*) are not in the table.

    >>> spelling_variants()["defense"], spelling_variants()["organizing"]
    ('defence', 'organising')
    """
    table = pd.read_csv(Path(path) if path else PACKAGE_DATA_DIR / "spelling_variants.csv",
                        dtype=str, keep_default_na=False)
    return MappingProxyType(dict(zip(table["american"], table["british"])))  # cached: read-only


def _folded_words(text: str) -> list[str]:
    return [unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()
            for word in re.findall(r"\w+", text)]


def is_metonym(alias: str, actor: str) -> bool:
    """Whether ``alias`` stands for ``actor`` rather than naming it: no word of one shares
    its first five letters (accents and case aside) with a word of the other, and neither is
    the other's initials. *Kremlin* and *Kyiv* are metonyms; *Zelenskiy*, *Kir Starmer*,
    *US* and *EU leaders* are names of their actors. *Britain* for the United Kingdom shares
    no word with it and is counted apart too: a known limit of the rule.

    >>> is_metonym("Kremlin", "Russia"), is_metonym("Zelenskiy", "Zelensky")
    (True, False)
    >>> is_metonym("U.S.", "United States"), is_metonym("Sánchez", "Sanchez")
    (False, False)
    """
    alias_words, actor_words = _folded_words(alias), _folded_words(actor)
    for short, long in ((alias_words, actor_words), (actor_words, alias_words)):
        initials = "".join(word[0] for word in long)
        if "".join(short) in (initials, initials + "a"):  # US, USA, EU for European Union
            return False
    return not any(a[:5] == b[:5] for a in alias_words for b in actor_words)


def name_term(alias: str, actor: str, kind: str, merge_metonyms: bool = False) -> str:
    """The term an alias counts as: its actor's name in lower case, except a role, which
    stays itself ("U.S. President" and "US President" are one term, *us president*), and a
    metonym (``kind`` ``metonym``) unless ``merge_metonyms``.

    >>> name_term("Kir Starmer", "Starmer", "person"), name_term("U.S. President", "Trump", "role")
    ('starmer', 'us president')
    """
    if kind == "role" or (kind == "metonym" and not merge_metonyms):
        return alias.lower().replace(".", "")
    return actor.lower()


@cache
def name_phrases(alias_table: str | None = None
                 ) -> dict[str, tuple[tuple[tuple[str, ...], str, str], ...]]:
    """The alias table's names and roles as token sequences, by first token, longest first.

    Each maps to the term it becomes and its kind: ``role``, ``metonym``
    (:func:`is_metonym`) or the table's kind. A name or metonym becomes its actor's name in
    lower case; a role stays itself, as one term (*french president*): it names an office,
    and merging it into Macron would take *president* out of the text's words.
    """
    aliases = load_alias_table(alias_table)
    by_first: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    for alias, actor, kind in zip(aliases["alias"], aliases["actor"], aliases["kind"]):
        # tokenized inside a sentence: at a string's end "U.S." would lose its period
        words = tuple(token for _, _, token in tokenize(f"{alias} said"))[:-1]
        if words:
            if kind not in ("role", "person") and is_metonym(alias, actor):
                kind = "metonym"
            by_first.setdefault(words[0], []).append(
                (words, name_term(alias, actor, kind, merge_metonyms=True), kind))
    return {first: tuple(sorted(found, key=lambda phrase: (-len(phrase[0]), phrase[0])))
            for first, found in by_first.items()}


@dataclass(frozen=True)
class TermChoices:
    """What counts as a term, and which spellings count as one. Punctuation is never a term.

    ``form``: ``norm`` (lower case), ``stem`` (Snowball; shown by its most frequent lower-case
    form) or ``token`` (exact text, nothing merged). ``drop_stopwords``: leave out
    :data:`helpers.text.STOPWORDS` (never the acronyms in
    :data:`helpers.text.STOPWORD_EXCEPTIONS`: "US" is not "us"). ``drop_numbers``: leave out
    tokens made only of digits and separators ('2025', '17', '3.5').

    With ``norm`` or ``stem``, as quanteda's ``tokens_compound`` and dictionaries do:
    ``merge_names`` makes every name in the alias table (``alias_table``; the packaged one by
    default) one term named by its actor, so *von der Leyen* is one term, not three, *US*,
    *U.S.* and *United States* are one (and no stem of *stated*), *Zelenskiy* and *Zelenskyy*
    count as *zelensky*; a multi-word role is one term of its own (*nato secretary
    general*). ``merge_metonyms`` (off by default) also counts the places and buildings the
    table lets stand for an actor as that actor (*Kremlin* and *Moscow* as *russia*): right
    for counting actors, but as vocabulary *Washington* is also a city and a newspaper, so by
    default a metonym is one term of its own (*kremlin*, *kyiv*).
    ``merge_spellings`` counts American spellings as their British form
    (:func:`spelling_variants`: *defense* as *defence*). ``reporting_only`` leaves out
    headings and list items (the ``is_prose`` flag of the tokens table), which in news are
    labels, summaries and appended commentary rather than reported sentences.

    Rates are per 1,000 *words* of the text counted (every token with a letter or digit,
    stopwords included; only prose sentences with ``reporting_only``), so they do not move
    when the stopword, number or merging choices change.
    """

    form: TermForm = "norm"
    drop_stopwords: bool = True
    drop_numbers: bool = True
    merge_names: bool = True
    merge_metonyms: bool = False
    merge_spellings: bool = True
    reporting_only: bool = True
    alias_table: str | None = None

    def __post_init__(self):
        if self.form not in ("norm", "stem", "token"):
            raise ValueError(f"form must be 'norm', 'stem' or 'token', not {self.form!r}")

    @property
    def merges(self) -> bool:
        return self.form != "token"

    def describe(self) -> pd.DataFrame:
        """The choices as a small table, to show next to any result computed with them."""
        phrases = [phrase for found in name_phrases(self.alias_table).values()
                   for phrase in found]
        n_names = sum(kind not in ("role", "metonym") for _, _, kind in phrases)
        n_roles = sum(kind == "role" and len(words) > 1 for words, _, kind in phrases)
        n_metonyms = sum(kind == "metonym" for _, _, kind in phrases)
        actors = {term for _, term, kind in phrases if kind not in ("role", "metonym")}
        table_name = Path(self.alias_table).name if self.alias_table else "actor_aliases.csv"
        exact = " (not with exact word forms)" if not self.merges else ""
        meaning = {
            "form": {"norm": "lower-cased word forms", "stem": "Snowball stems, shown by their "
                     "most frequent lower-case form", "token": "exact word forms"}[self.form],
            "drop_stopwords": (f"{len(STOPWORDS)} stopwords left out (scikit-learn's list "
                               "plus clitics), but not the acronyms "
                               f"{', '.join(sorted(STOPWORD_EXCEPTIONS))}")
            if self.drop_stopwords else "stopwords kept",
            "drop_numbers": "tokens of digits only left out" if self.drop_numbers
            else "numbers kept",
            "merge_names": (f"the {n_names} names of {len(actors)} actors in {table_name} are "
                            "one term per actor (multi-word names, spelling variants); its "
                            f"{n_roles} multi-word roles one term each{exact}")
            if self.merge_names else "names counted word by word, as written",
            "merge_metonyms": (f"the table's {n_metonyms} metonyms (Kremlin, Kyiv, ...) counted"
                               f" as their actor{exact}") if self.merge_metonyms
            else f"the table's {n_metonyms} metonyms (Kremlin, Kyiv, ...) are terms of their own",
            "merge_spellings": (f"{len(spelling_variants())} American spellings counted as "
                                f"British (spelling_variants.csv){exact}")
            if self.merge_spellings else "spellings counted as written",
            "reporting_only": "headings and list items left out" if self.reporting_only
            else "all text counted, headings and list items included",
            "alias_table": "the alias table whose names and roles merge_names uses",
        }
        rows = [{"choice": k, "value": v, "meaning": meaning[k]}
                for k, v in asdict(self).items()]
        rows[-1]["value"] = table_name
        return pd.DataFrame(rows).set_index("choice")


def _codes(values: pd.Series) -> tuple[np.ndarray, list]:
    """A column as codes into its distinct values, a missing value being one of them
    (factorised in place, by Arrow for an Arrow-backed column, so a column of millions of
    tokens never becomes millions of Python strings)."""
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    return codes, distinct.tolist()


def _string_dtype(values: pd.Series):
    """The string dtype a rebuilt column keeps: its own (a table read back from the
    processed files has missing values as ``pd.NA``), else pandas' default."""
    return values.dtype if isinstance(values.dtype, pd.StringDtype) else "str"


def _merge_spellings(norms: tuple[np.ndarray, list], stems: tuple[np.ndarray, list]
                     ) -> tuple[list, tuple[np.ndarray, list]]:
    """The coded ``norm`` and ``stem`` columns with American spellings replaced by British
    ones: the norms' new distinct values (their codes do not change), and the stems' codes
    and values, a merged row taking the stem of the British form. Stems are not mapped by
    themselves: Snowball cuts *organize* to *organ* and *nationalize* to *nation*, so a
    stem-level table would merge unrelated words; the table lists inflections instead."""
    norm_codes, distinct = norms
    variants = spelling_variants()
    british = [variants.get(norm) for norm in distinct]
    if not any(british):
        return distinct, stems
    stem_codes, stem_values = stems[0].copy(), list(stems[1])
    stem = stemmer().stem
    stem_of_norm = np.full(len(distinct), -1, dtype=np.int64)
    for code, word in enumerate(british):
        if word:
            stem_of_norm[code] = len(stem_values)
            stem_values.append(stem(word))
    merged = stem_of_norm[norm_codes]
    changed = merged >= 0
    stem_codes[changed] = merged[changed]
    return [b or n for b, n in zip(british, distinct)], (stem_codes, stem_values)


def _name_matches(tokens: pd.DataFrame, alias_table: str | None, merge_metonyms: bool = False,
                  coded: tuple[np.ndarray, list] | None = None
                  ) -> tuple[np.ndarray, np.ndarray, list[str], list[str]]:
    """Where alias-table names start and end (token positions, end exclusive), the term each
    becomes and its kind. Matching is case-sensitive and within a sentence over consecutive
    tokens, as in :mod:`helpers.actors`; the longest name wins, and names do not overlap. A
    metonym becomes its actor only with ``merge_metonyms``, else itself in lower case.
    ``coded`` is the ``token`` column already as :func:`_codes` gives it."""
    phrases = name_phrases(alias_table)
    codes, forms = _codes(tokens["token"]) if coded is None else coded
    doc_codes, _ = pd.factorize(tokens["doc_id"])
    sentence_ids = tokens["sentence_id"].to_numpy()
    token_ids = tokens["token_id"].to_numpy()
    begins_name = np.array([form in phrases for form in forms], dtype=bool)
    n = len(codes)
    starts, ends, terms, kinds = [], [], [], []
    for i in np.flatnonzero(begins_name[codes]) if n else []:
        if ends and i < ends[-1]:
            continue
        for words, term, kind in phrases[forms[codes[i]]]:
            end = i + len(words)
            if (end <= n and tuple(forms[c] for c in codes[i:end]) == words
                    and doc_codes[end - 1] == doc_codes[i]
                    and sentence_ids[end - 1] == sentence_ids[i]
                    and token_ids[end - 1] - token_ids[i] == len(words) - 1):
                starts.append(i)
                ends.append(end)
                if kind == "metonym" and not merge_metonyms:
                    term = name_term(" ".join(words), term, kind)
                terms.append(term)
                kinds.append(kind)
                break
    return (np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64), terms, kinds)


def _replaced(values: pd.Series, positions: np.ndarray, new, dtype) -> np.ndarray:
    array = values.to_numpy(dtype=dtype).copy()
    array[positions] = new
    return array


def _with_values(coded: tuple[np.ndarray, list], positions: np.ndarray, new: list[str]
                 ) -> tuple[np.ndarray, list]:
    """A coded column with the rows at ``positions`` set to ``new``."""
    codes, distinct = coded[0].copy(), list(coded[1])
    added: dict[str, int] = {}
    codes[positions] = [added.setdefault(value, len(distinct) + len(added)) for value in new]
    return codes, distinct + list(added)


def _require_prose_flag(tokens: pd.DataFrame, choices: TermChoices) -> None:
    if choices.reporting_only and "is_prose" not in tokens:
        raise ValueError("the tokens table has no is_prose column (it predates the reporting "
                         "switch): run notebook 00 again, or use reporting_only=False")


def _merged_tokens(tokens: pd.DataFrame, choices: TermChoices
                   ) -> tuple[pd.DataFrame, np.ndarray]:
    """Every token row with names and spellings merged as ``choices`` say, and a mask that
    is False on the second and later tokens of a merged name (its first row stands for it).
    Rows are not dropped here, so a caller that selects rows anyway copies the table once.
    The string columns are changed as codes into their distinct values and built once at
    the end: at millions of tokens each string column is hundreds of megabytes."""
    _require_prose_flag(tokens, choices)
    table = tokens.reset_index(drop=True)
    whole = np.ones(len(table), dtype=bool)
    if not (choices.merges and (choices.merge_spellings or choices.merge_names)):
        return table, whole
    coded = {name: _codes(table[name]) for name in ("norm", "stem")}
    changed = {}
    if choices.merge_spellings:
        norm_values, coded["stem"] = _merge_spellings(coded["norm"], coded["stem"])
        coded["norm"] = (coded["norm"][0], norm_values)
    if choices.merge_names:
        coded["token"] = _codes(table["token"])
        starts, ends, actors, _ = _name_matches(table, choices.alias_table,
                                                choices.merge_metonyms, coded["token"])
        if len(starts):
            for name in list(coded):  # one column at a time, so one copy of codes at most
                coded[name] = _with_values(coded[name], starts, actors)
            changed = {
                "end": _replaced(table["end"], starts, table["end"].to_numpy()[ends - 1],
                                 dtype=np.int64),
                "is_word": _replaced(table["is_word"], starts, True, dtype=bool),
                "is_stopword": _replaced(table["is_stopword"], starts, False, dtype=bool),
            }
            inside = np.zeros(len(table) + 1, dtype=np.int64)  # +1 at a name's second token
            np.add.at(inside, starts + 1, 1)
            np.add.at(inside, ends, -1)
            whole = np.cumsum(inside[:-1]) == 0
        else:
            del coded["token"]
    for name in list(coded):
        codes, values = coded.pop(name)  # each column's codes freed once it is built
        changed[name] = string_column(values, codes, _string_dtype(table[name]))
    return table.assign(**changed), whole


def _counted(table: pd.DataFrame, choices: TermChoices) -> np.ndarray:
    """Which rows of a merged table count as terms: words, less what ``choices`` leave out."""
    keep = table["is_word"].to_numpy(dtype=bool, copy=True)  # a view would alter the table
    if choices.drop_stopwords:
        keep &= ~table["is_stopword"].to_numpy(dtype=bool)
    if choices.drop_numbers:  # decided once per distinct token: news repeats words
        codes, forms = _codes(table["token"])
        digits = np.array([isinstance(form, str) and re.match(_DIGITS_ONLY, form) is not None
                           for form in forms],
                          dtype=bool)
        keep &= ~digits[codes]
    if choices.reporting_only:
        keep &= table["is_prose"].to_numpy(dtype=bool)
    return keep


def term_tokens(tokens: pd.DataFrame, choices: TermChoices) -> pd.DataFrame:
    """The tokens with a ``term`` column, names and spellings merged as ``choices`` say.

    A new table (``tokens`` is not changed): a multi-word name is one row (its first token's,
    ``end`` extended to the name's end), whose ``token``, ``norm``, ``stem`` and ``term`` are
    its actor's name in lower case; merged spellings change ``norm`` and ``stem`` too, so
    labels follow. Nothing is left out here: :func:`select_terms` does that.
    """
    table, whole = _merged_tokens(tokens, choices)
    if not whole.all():
        table = table.loc[whole]
    return table.assign(term=table[choices.form])


def term_merges(tokens: pd.DataFrame, choices: TermChoices) -> pd.DataFrame:
    """What the merging choices did to the text they count: each written form that was
    merged, the term it counts as, why (``name``, ``role``, ``metonym`` or ``spelling``) and
    how often. Headings and list items are left out with ``reporting_only``, as in the counts.

    Columns ``written``, ``term``, ``by``, ``count``; most frequent first. Empty with exact
    word forms or with both merges off.
    """
    _require_prose_flag(tokens, choices)
    table = tokens[["doc_id", "sentence_id", "token_id", "token", "norm"]]
    if choices.reporting_only:
        table = table.loc[tokens["is_prose"].to_numpy(dtype=bool)]
    table = table.reset_index(drop=True)
    counts: Counter[tuple[str, str, str]] = Counter()
    in_name = np.zeros(len(table), dtype=bool)
    if choices.merges and choices.merge_names:
        starts, ends, terms, kinds = _name_matches(table, choices.alias_table,
                                                   choices.merge_metonyms)
        codes, forms = _codes(table["token"])
        for start, end, term, kind in zip(starts, ends, terms, kinds):
            in_name[start:end] = True
            written = " ".join(forms[code] for code in codes[start:end])
            if written.lower() != term:
                counts[written, term, kind if kind in ("role", "metonym") else "name"] += 1
    if choices.merges and choices.merge_spellings:
        variants = spelling_variants()
        codes, norms = _codes(table["norm"].loc[~in_name])
        for norm, count in zip(norms, np.bincount(codes, minlength=len(norms)).tolist()):
            if norm in variants:
                counts[norm, variants[norm], "spelling"] += count
    counts = pd.DataFrame([(*key, n) for key, n in counts.items()],
                          columns=["written", "term", "by", "count"]).astype({"count": "int64"})
    return counts.sort_values(["count", "written", "term", "by"],
                              ascending=[False, True, True, True], ignore_index=True)


def select_terms(tokens: pd.DataFrame, choices: TermChoices) -> pd.DataFrame:
    """The token rows that count as terms under ``choices``, with a ``term`` column added.

    A new table; ``tokens`` is not changed. Columns: those of :func:`term_tokens`.
    """
    table, whole = _merged_tokens(tokens, choices)
    table = table.loc[whole & _counted(table, choices)]
    return table.assign(term=table[choices.form])


def _display_forms(selected: pd.DataFrame, form: TermForm) -> dict[str, str]:
    """term -> label: a stem's most frequent lower-case form among the counted tokens."""
    if form != "stem":
        return {}
    forms = stem_display_forms(selected)
    return dict(zip(forms["stem"], forms["display"]))


@dataclass(frozen=True)
class DocumentTermMatrix:
    """Documents x terms counts (sparse), with what is needed to read them.

    ``counts`` is a SciPy CSR matrix, rows in ``doc_ids`` order, columns in ``terms`` order
    (alphabetical, scikit-learn's order). ``words`` holds each document's word count, the
    denominator of rates. ``labels`` maps a stem to the form shown for it.
    """

    doc_ids: tuple[str, ...]
    terms: tuple[str, ...]
    counts: sparse.csr_matrix
    words: np.ndarray
    choices: TermChoices
    labels: dict[str, str] = field(default_factory=dict)

    def label(self, term: str) -> str:
        return self.labels.get(term, term)

    def to_frame(self) -> pd.DataFrame:
        """The matrix as a dense DataFrame (documents x terms); fine for small corpora."""
        return pd.DataFrame(self.counts.toarray(), index=pd.Index(self.doc_ids, name="doc_id"),
                            columns=pd.Index(self.terms, name="term"))

    def rows(self, doc_ids) -> np.ndarray:
        """Row positions of ``doc_ids``; an unknown id is an error naming it."""
        position = {d: i for i, d in enumerate(self.doc_ids)}
        missing = [d for d in doc_ids if d not in position]
        if missing:
            raise KeyError(f"not in the document-term matrix: {', '.join(map(str, missing))}")
        return np.array([position[d] for d in doc_ids], dtype=int)


def document_term_matrix(tokens: pd.DataFrame, choices: TermChoices = TermChoices(),
                         doc_ids=None) -> DocumentTermMatrix:
    """Count terms per document: a SciPy sparse matrix built from the term codes.

    The tokens are already made (``helpers.text``), so this only counts: the same matrix
    scikit-learn's ``CountVectorizer(analyzer=...)`` gives for each document's list of terms
    (columns in alphabetical order), without the Python list of strings per document that it
    needs, which at millions of tokens takes gigabytes. ``doc_ids`` fixes the rows (an
    article with no terms keeps an empty row; an article named twice is an error); by default
    the documents of ``tokens``, sorted. Stems are labelled by their most frequent form among
    the counted tokens of those documents.
    """
    if doc_ids is None:
        doc_ids = sorted(pd.unique(tokens["doc_id"]).tolist())
    doc_ids = tuple(doc_ids)
    named = pd.Series(doc_ids, dtype=object)
    repeated = sorted(set(named[named.duplicated()].astype(str)))
    if repeated:
        raise ValueError(f"doc_ids names an article twice: {', '.join(repeated)}")
    table, whole = _merged_tokens(tokens, choices)
    # Rows and columns are worked out on codes of the whole table, masked, rather than on a
    # copy of the counted rows: at millions of tokens that copy is hundreds of megabytes.
    doc_codes, docs = _codes(table["doc_id"])
    row_of = {doc_id: row for row, doc_id in enumerate(doc_ids)}
    rows = np.array([row_of.get(doc_id, -1) for doc_id in docs], dtype=np.int64)[doc_codes]
    del doc_codes
    counted = tokens["is_word"].to_numpy(dtype=bool) & (rows >= 0)
    if choices.reporting_only:
        counted &= tokens["is_prose"].to_numpy(dtype=bool)
    words = np.bincount(rows[counted], minlength=len(doc_ids)).astype(np.int64)
    keep = whole & _counted(table, choices) & (rows >= 0)
    if not keep.any():
        raise ValueError("no terms to count: every token was left out by the term choices")
    term_codes, values = _codes(table[choices.form])
    term_codes, rows = term_codes[keep], rows[keep]
    used = np.flatnonzero(np.bincount(term_codes, minlength=len(values)))
    order = sorted(used.tolist(), key=values.__getitem__)  # CountVectorizer's column order
    column_of = np.full(len(values), -1, dtype=np.int64)
    column_of[order] = np.arange(len(order))
    counts = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64),
                                (rows, column_of[term_codes])),
                               shape=(len(doc_ids), len(order)))
    counts.sum_duplicates()  # also sorts each row's columns
    labels = (_display_forms(table.loc[keep, ["stem", "norm"]], choices.form)
              if choices.form == "stem" else {})
    return DocumentTermMatrix(
        doc_ids=doc_ids,
        terms=tuple(values[k] for k in order),
        counts=counts,
        words=words,
        choices=choices,
        labels=labels,
    )


def _per_1000(count, words):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(words > 0, 1000 * np.asarray(count, dtype=float) / words, np.nan)


def group_matrix(dtm: DocumentTermMatrix, groups: pd.Series, top: int | None = None
                 ) -> DocumentTermMatrix:
    """The matrix with one row per group of documents (``groups``: doc_id -> group; counts
    and word counts summed), for per-outlet or per-week tables once per-article ones no
    longer read; only the ``top`` groups with the most words when given. Documents without
    a group are left out."""
    group_of = groups.reindex(list(dtm.doc_ids))
    known = np.flatnonzero(group_of.notna().to_numpy())
    codes, names = pd.factorize(group_of.iloc[known], sort=True)
    indicator = sparse.csr_matrix((np.ones(len(known)), (codes, known)),
                                  shape=(len(names), len(dtm.doc_ids)))
    counts = (indicator @ dtm.counts).tocsr()
    words = np.asarray(indicator @ dtm.words).ravel()
    keep = np.arange(len(names))
    if top is not None and len(names) > top:
        keep = np.sort(np.argsort(-words, kind="stable")[:top])
    return DocumentTermMatrix(tuple(str(n) for n in names[keep]), dtm.terms, counts[keep],
                              words[keep].astype(np.int64), dtm.choices, dtm.labels)


def term_frequencies(dtm: DocumentTermMatrix, *, by_document: bool = False) -> pd.DataFrame:
    """Raw counts and rates per 1,000 words, for the corpus or for each document.

    Corpus columns: ``term``, ``count``, ``per_1000``, ``documents`` (how many contain it).
    With ``by_document``: ``doc_id``, ``term``, ``count``, ``per_1000`` (zero counts left out).
    Sorted by count, most frequent first, ties alphabetical.
    """
    if by_document:
        coo = dtm.counts.tocoo()
        table = pd.DataFrame({
            "doc_id": np.array(dtm.doc_ids, dtype=object)[coo.row],
            "term": [dtm.label(dtm.terms[j]) for j in coo.col],
            "count": coo.data.astype(np.int64),
        })
        table["per_1000"] = _per_1000(table["count"], dtm.words[coo.row])
        return (table.sort_values(["doc_id", "count", "term"], ascending=[True, False, True])
                .reset_index(drop=True))
    totals = np.asarray(dtm.counts.sum(axis=0)).ravel()
    table = pd.DataFrame({
        "term": [dtm.label(t) for t in dtm.terms],
        "count": totals.astype(np.int64),
        "per_1000": _per_1000(totals, dtm.words.sum()),
        "documents": np.asarray((dtm.counts > 0).sum(axis=0)).ravel().astype(np.int64),
    })
    return table.sort_values(["count", "term"], ascending=[False, True]).reset_index(drop=True)


def top_terms_by_document(dtm: DocumentTermMatrix, n: int = 10) -> pd.DataFrame:
    """The ``n`` most frequent terms of each document, side by side ('term (count)').

    Ties at the cut-off are broken alphabetically.
    """
    table = term_frequencies(dtm, by_document=True)
    columns = {}
    for doc_id in dtm.doc_ids:
        top = table[table["doc_id"] == doc_id].head(n)
        column = [f"{t} ({c})" for t, c in zip(top["term"], top["count"])]
        columns[doc_id] = column + [""] * (n - len(column))
    return pd.DataFrame(columns, index=pd.RangeIndex(1, n + 1, name="rank"))


# --- keyness -----------------------------------------------------------------------------------

def log_likelihood(a, b, c, d):
    """Log-likelihood G2 of a term's frequency in two corpora (Rayson and Garside 2000).

    ``a``, ``b``: the term's frequency in the target and the reference corpus; ``c``, ``d``:
    their sizes. Expected ``E1 = c(a+b)/(c+d)``, ``E2 = d(a+b)/(c+d)``;
    ``G2 = 2 (a ln(a/E1) + b ln(b/E2))``, a zero frequency contributing zero. Works on scalars
    and arrays.

    >>> round(float(log_likelihood(10, 5, 1000, 2000)), 4)   # = 10 ln 2
    6.9315
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    expected_a = c * (a + b) / (c + d)
    expected_b = d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        part_a = np.where(a > 0, a * np.log(a / expected_a), 0.0)
        part_b = np.where(b > 0, b * np.log(b / expected_b), 0.0)
    return 2 * (part_a + part_b)


def log_ratio(a, b, c, d, *, zero: float = 0.5):
    """Hardie's (2014) log ratio: log2 of the ratio of relative frequencies.

    An effect size: +1 means twice as frequent in the target, -1 half as frequent. A zero
    frequency is replaced by ``zero`` (0.5, Hardie's convention) so the ratio stays finite.

    >>> float(log_ratio(10, 5, 1000, 2000)), float(log_ratio(0, 4, 1000, 1000))
    (2.0, -3.0)
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    a = np.where(a > 0, a, zero)
    b = np.where(b > 0, b, zero)
    return np.log2((a / c) / (b / d))


KEYNESS_COLUMNS = ["term", "count_target", "count_reference", "per_1000_target",
                   "per_1000_reference", "g2", "p_value", "log_ratio", "direction"]


def keyness(dtm: DocumentTermMatrix, target, *, min_count: int = 3) -> pd.DataFrame:
    """Keyness of the ``target`` documents against all the others, both directions.

    ``target`` is one doc_id or a list of them (an outlet, a summit). Terms with fewer than
    ``min_count`` occurrences in the whole corpus are left out. Columns: ``term``,
    ``count_target``, ``count_reference``, ``per_1000_target``, ``per_1000_reference``,
    ``g2`` (signed: negative when the term is rarer in the target), ``p_value`` (chi-squared,
    1 df, uncorrected), ``log_ratio``, ``direction`` (``over`` or ``under``). Sorted by
    signed G2, most over-used first.
    """
    target_ids = [target] if isinstance(target, str) else list(target)
    rows = dtm.rows(target_ids)
    if len(rows) == 0 or len(rows) == len(dtm.doc_ids):
        raise ValueError("keyness needs a target and a non-empty reference")
    in_target = np.zeros(len(dtm.doc_ids), dtype=bool)
    in_target[rows] = True
    counts_target = np.asarray(dtm.counts[in_target].sum(axis=0)).ravel()
    counts_reference = np.asarray(dtm.counts[~in_target].sum(axis=0)).ravel()
    size_target = int(dtm.words[in_target].sum())
    size_reference = int(dtm.words[~in_target].sum())
    if size_target == 0 or size_reference == 0:
        raise ValueError("keyness needs words on both sides: the "
                         f"{'target' if size_target == 0 else 'reference'} has none")
    keep = counts_target + counts_reference >= min_count
    a, b = counts_target[keep], counts_reference[keep]
    g2 = log_likelihood(a, b, size_target, size_reference)
    ratio = log_ratio(a, b, size_target, size_reference)
    over = a / size_target >= b / size_reference
    table = pd.DataFrame({
        "term": [dtm.label(t) for t, k in zip(dtm.terms, keep) if k],
        "count_target": a.astype(np.int64),
        "count_reference": b.astype(np.int64),
        "per_1000_target": _per_1000(a, size_target),
        "per_1000_reference": _per_1000(b, size_reference),
        "g2": np.where(over, g2, -g2),
        "p_value": chi2.sf(g2, df=1),
        "log_ratio": ratio,
        "direction": np.where(over, "over", "under"),
    })
    return table.sort_values(["g2", "term"], ascending=[False, True]).reset_index(drop=True)


def _head_with_ties(table: pd.DataFrame, n: int) -> pd.DataFrame:
    """The first ``n`` rows, plus any further rows tied on G2 with the last of them."""
    if len(table) <= n or n == 0:
        return table.head(n)
    return table[table.index.isin(table.index[:n]) | (table["g2"] == table["g2"].iloc[n - 1])]


def keyness_by_group(dtm: DocumentTermMatrix, groups: pd.Series, *, top: int = 5,
                     min_count: int = 3) -> pd.DataFrame:
    """For each group of documents against the rest, its ``top`` over- and under-used terms.

    ``groups`` maps doc_id -> group (an article id, an outlet, a summit); documents with a
    missing group are only ever reference. Terms tied with the last one shown are all shown,
    so a cut-off never hides an equal term. Columns: ``group``, then those of :func:`keyness`.
    """
    frames = []
    known = groups.dropna()
    for group in sorted(known.unique()):
        members = sorted(known.index[known == group])
        if len(members) == len(dtm.doc_ids):
            continue  # nothing left to compare against
        table = keyness(dtm, members, min_count=min_count)
        over = _head_with_ties(table[table["direction"] == "over"], top)
        under = _head_with_ties(table[table["direction"] == "under"].sort_values(
            ["g2", "term"], ascending=[True, True]), top)
        frames.append(pd.concat([over, under]).assign(group=group))
    if not frames:
        return pd.DataFrame(columns=["group", *KEYNESS_COLUMNS])
    result = pd.concat(frames, ignore_index=True)
    return result[["group", *[c for c in result.columns if c != "group"]]]


# --- collocations ------------------------------------------------------------------------------

def _word_runs(tokens: pd.DataFrame, form: TermForm) -> list[list[str]]:
    """Each sentence split at punctuation into runs of words, so no n-gram spans a comma;
    sentences in (doc_id, sentence_id) order. Array operations over the whole table: a
    sentence at a time was the slowest step of a large corpus."""
    if tokens.empty:
        return []
    doc = pd.factorize(tokens["doc_id"], sort=True)[0]
    sentence = tokens["sentence_id"].to_numpy(dtype=np.int64)
    order = np.lexsort((np.arange(len(tokens)), sentence, doc))
    doc, sentence = doc[order], sentence[order]
    is_word = tokens["is_word"].to_numpy(dtype=bool)[order]
    codes, distinct = _codes(tokens[form])  # shared strings, not one per token
    values = np.asarray(distinct, dtype=object)[codes[order]]
    new_sentence = np.ones(len(order), dtype=bool)
    new_sentence[1:] = (doc[1:] != doc[:-1]) | (sentence[1:] != sentence[:-1])
    after_word = np.zeros(len(order), dtype=bool)
    after_word[1:] = is_word[:-1]
    starts = (is_word & (new_sentence | ~after_word))[is_word]
    words = values[is_word]
    bounds = [*np.flatnonzero(starts).tolist(), len(words)]
    return [words[a:b].tolist() for a, b in zip(bounds[:-1], bounds[1:])]


def collocations(tokens: pd.DataFrame, *, n: int = 2, min_count: int = 3,
                 choices: TermChoices = TermChoices(), sort_by: str = "log_likelihood"
                 ) -> pd.DataFrame:
    """N-grams (n = 2 or 3) scored by NLTK's association measures.

    Candidates are contiguous words within a sentence, never across punctuation; n-grams seen
    fewer than ``min_count`` times are dropped (so hapaxes do not top PMI) and, with
    ``choices.drop_stopwords``, so are n-grams that contain a stopword. Word frequencies and
    N count every word, as the measures assume; names and spellings are merged and headings
    and list items left out as ``choices`` say (a multi-word name is one word). Columns:
    ``ngram``, ``count``, ``pmi``, ``log_likelihood``, ``t_score``; sorted by ``sort_by``
    (highest first), ties by n-gram.
    """
    if n == 2:
        finder_class, measures = BigramCollocationFinder, BigramAssocMeasures
    elif n == 3:
        finder_class, measures = TrigramCollocationFinder, TrigramAssocMeasures
    else:
        raise ValueError(f"collocations are scored for n = 2 or 3, not {n}")
    columns = ["ngram", "count", "pmi", "log_likelihood", "t_score"]
    if sort_by not in columns[1:]:
        raise ValueError(f"sort_by must be one of {columns[1:]}, not {sort_by!r}")
    merged = term_tokens(tokens, choices)
    if choices.reporting_only:
        merged = merged.loc[merged["is_prose"].to_numpy(dtype=bool)]
    finder = finder_class.from_documents(_word_runs(merged, "term"))
    finder.apply_freq_filter(min_count)
    words = merged[merged["is_word"].astype(bool)]
    if choices.drop_stopwords:
        # a form is a stopword when all its tokens are: the stem 'last' of 'lasting' stays
        all_stop = words.groupby("term")["is_stopword"].all()
        stop_forms = set(all_stop.index[all_stop.to_numpy(dtype=bool)])
        finder.apply_word_filter(lambda word: word in stop_forms)
    if choices.drop_numbers:
        finder.apply_word_filter(lambda word: bool(_DIGITS_ONLY.match(word)))
    scores = {
        name: dict(finder.score_ngrams(measure))
        for name, measure in [("pmi", measures.pmi), ("log_likelihood", measures.likelihood_ratio),
                              ("t_score", measures.student_t)]
    }
    labels = _display_forms(words, choices.form)
    rows = [{"ngram": " ".join(labels.get(w, w) for w in gram), "count": count,
             "pmi": scores["pmi"][gram], "log_likelihood": scores["log_likelihood"][gram],
             "t_score": scores["t_score"][gram]}
            for gram, count in finder.ngram_fd.items()]
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values([sort_by, "ngram"], ascending=[False, True]).reset_index(drop=True)


# --- tf-idf ------------------------------------------------------------------------------------

def tfidf_terms(dtm: DocumentTermMatrix, *, top: int = 10, min_documents: int = 1,
                max_documents: int | None = None) -> pd.DataFrame:
    """The ``top`` terms of each document by tf-idf (scikit-learn's TfidfTransformer defaults:
    raw counts, smoothed idf, rows L2-normalised).

    Terms in fewer than ``min_documents`` or more than ``max_documents`` documents are dropped
    first. A term found in every document still scores (smoothed idf is 1, not 0), so a
    frequent everyday term can outrank a distinctive one; ``max_documents`` = number of
    documents - 1 keeps only terms that can distinguish; when no term is left the table is
    empty. Columns: ``doc_id``, ``rank``, ``term``, ``tfidf``, ``count``, ``documents``.
    """
    document_frequency = np.asarray((dtm.counts > 0).sum(axis=0)).ravel()
    upper = len(dtm.doc_ids) if max_documents is None else max_documents
    columns = np.flatnonzero((document_frequency >= min_documents)
                             & (document_frequency <= upper))
    names = ["doc_id", "rank", "term", "tfidf", "count", "documents"]
    if len(columns) == 0:  # nothing distinguishes these documents (e.g. copies of one text)
        return pd.DataFrame(columns=names)
    counts = dtm.counts[:, columns]
    weights = TfidfTransformer().fit_transform(counts).toarray()
    dense_counts = counts.toarray()
    rows = []
    for i, doc_id in enumerate(dtm.doc_ids):
        order = sorted(np.flatnonzero(weights[i] > 0),
                       key=lambda j: (-round(weights[i, j], 12), dtm.terms[columns[j]]))
        for rank, j in enumerate(order[:top], start=1):
            rows.append({"doc_id": doc_id, "rank": rank, "term": dtm.label(dtm.terms[columns[j]]),
                         "tfidf": float(weights[i, j]), "count": int(dense_counts[i, j]),
                         "documents": int(document_frequency[columns[j]])})
    return pd.DataFrame(rows, columns=names)


# --- concordance and dispersion ----------------------------------------------------------------

def _query_forms(query: str, match: str) -> list[str]:
    if match not in ("exact", "norm", "stem"):
        raise ValueError(f"match must be 'exact', 'norm' or 'stem', not {match!r}")
    words = [token for _, _, token in tokenize(query)]
    if not words:
        raise ValueError(f"empty query: {query!r}")
    if match == "exact":
        return words
    norms = [normalise_token(w) for w in words]
    if match == "norm":
        return norms
    # punctuation has no stem in the tokens table; it is matched on its lower-case form
    return [stemmer().stem(w) if re.search(r"\w", w) else w for w in norms]


def find_term(tokens: pd.DataFrame, query: str, *, match: str = "stem") -> pd.DataFrame:
    """Every occurrence of a word or phrase: the rows of its first token, with the phrase end.

    ``match``: ``exact`` (case-sensitive text), ``norm`` (case-insensitive) or ``stem`` (any
    form with the same Snowball stem: 'guarantee' finds 'guarantees' and 'guaranteed'). A
    phrase matches consecutive tokens of one sentence, as collocations do. Rows are in
    ``doc_id``, ``token_id`` order. Columns: ``doc_id``, ``sentence_id``, ``token_id``,
    ``start``, ``end`` (character span of the whole match).
    """
    forms = _query_forms(query, match)
    column = {"exact": "token", "norm": "norm", "stem": "stem"}[match]
    table = tokens if _in_reading_order(tokens) else tokens.sort_values(["doc_id", "token_id"])
    # the column is compared whole (no Python string per token); later words only where
    # the first matched
    starts = np.flatnonzero(_equals(table, column, forms[0]))
    for k, form in enumerate(forms[1:], start=1):
        starts = starts[starts + k < len(table)]
        following = table.iloc[starts + k]
        same_place = ((following["doc_id"].to_numpy() == table["doc_id"].to_numpy()[starts])
                      & (following["sentence_id"].to_numpy()
                         == table["sentence_id"].to_numpy()[starts]))
        starts = starts[same_place & _equals(following, column, form)]
    ends = starts + len(forms) - 1
    found = pd.DataFrame({
        "doc_id": table["doc_id"].to_numpy()[starts],
        "sentence_id": table["sentence_id"].to_numpy()[starts],
        "token_id": table["token_id"].to_numpy()[starts],
        "start": table["start"].to_numpy()[starts],
        "end": table["end"].to_numpy()[ends],
    }, columns=["doc_id", "sentence_id", "token_id", "start", "end"])
    return found.sort_values(["doc_id", "token_id"], ignore_index=True)


def _equals(table: pd.DataFrame, column: str, form: str) -> np.ndarray:
    """Rows whose ``column`` is ``form``; punctuation has no stem, so an empty stem is
    compared on the lower-case form."""
    values = table[column]
    equal = (values == form).fillna(False).to_numpy(dtype=bool)
    if column == "stem":
        unstemmed = (values.isna() | (values == "").fillna(False)).to_numpy(dtype=bool)
        equal = equal | unstemmed & (table["norm"] == form).fillna(False).to_numpy(dtype=bool)
    return equal


def _in_reading_order(tokens: pd.DataFrame) -> bool:
    """Whether each article's tokens are one block in token order (as the tokens table and
    its read-back are), so that the next row is the next token."""
    if len(tokens) < 2:
        return True
    codes, distinct = pd.factorize(tokens["doc_id"])
    token_ids = tokens["token_id"].to_numpy()
    new_doc = codes[1:] != codes[:-1]
    return bool(np.count_nonzero(new_doc) == len(distinct) - 1
                and np.all(new_doc | (token_ids[1:] > token_ids[:-1])))


def concordance(articles: pd.DataFrame, tokens: pd.DataFrame, query: str, *,
                match: str = "stem", width: int = 50) -> pd.DataFrame:
    """Keyword in context: each occurrence of ``query`` with ``width`` characters either side.

    Context comes from the article's cleaned text, paragraph breaks shown as ' ¶ '; it may
    run across sentences, as in any concordancer. Columns: ``doc_id``, ``sentence_id``,
    ``left``, ``keyword``, ``right``.
    """
    hits = find_term(tokens, query, match=match)
    with_hits = articles.loc[articles["doc_id"].isin(hits["doc_id"].unique()).to_numpy(dtype=bool)]
    texts = dict(zip(with_hits["doc_id"], with_hits["text"]))
    rows = []
    for hit in hits.itertuples(index=False):
        text = texts[hit.doc_id]
        left = _flatten(text[max(0, hit.start - width - 10):hit.start])[-width:]
        right = _flatten(text[hit.end:hit.end + width + 10])[:width]
        rows.append({"doc_id": hit.doc_id, "sentence_id": hit.sentence_id, "left": left,
                     "keyword": _flatten(text[hit.start:hit.end]), "right": right})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "left", "keyword", "right"])


def _flatten(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\n\n", " ¶ "))


def format_concordance(lines: pd.DataFrame, *, label=lambda doc_id: doc_id,
                       max_lines: int | None = None) -> str:
    """KWIC lines as aligned plain text: 'label | left  KEYWORD  right'; at most
    ``max_lines`` of them, then a line saying how many more there are."""
    if lines.empty:
        return "(no occurrences)"
    more = ""
    if max_lines is not None and len(lines) > max_lines:
        rest = lines.iloc[max_lines:]
        more = (f"\n... and {len(rest):,} more lines in {rest['doc_id'].nunique():,} "
                "article(s)")
        lines = lines.head(max_lines)
    left_width = int(lines["left"].str.len().max())
    labels = [label(d) for d in lines["doc_id"]]
    label_width = max(len(x) for x in labels)
    return "\n".join(
        f"{name:<{label_width}} | {left:>{left_width}}  {keyword}  {right}"
        for name, left, keyword, right in zip(labels, lines["left"], lines["keyword"],
                                               lines["right"])
    ) + more


def dispersion(tokens: pd.DataFrame, queries: list[str], *, match: str = "stem") -> pd.DataFrame:
    """Where each query occurs in each article, as a position from 0 (start) to 1 (end).

    Position is the token index over the article's token count. Columns: ``query``,
    ``doc_id``, ``token_id``, ``position``.
    """
    sizes = tokens.groupby("doc_id").size()
    frames = []
    for query in queries:
        hits = find_term(tokens, query, match=match)
        frames.append(pd.DataFrame({
            "query": query,
            "doc_id": hits["doc_id"],
            "token_id": hits["token_id"],
            "position": hits["token_id"] / hits["doc_id"].map(sizes),
        }))
    table = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return table.reindex(columns=["query", "doc_id", "token_id", "position"])


def deviation_of_proportions(hits_per_part, part_sizes) -> float:
    """Gries's (2008) DP: how unevenly a term is spread over corpus parts (0 even, ~1 in one).

    ``DP = 0.5 * sum |v_i - s_i|``, with ``v_i`` the share of the term's hits in part ``i`` and
    ``s_i`` the part's share of the corpus.

    >>> deviation_of_proportions([2, 2], [100, 100]), deviation_of_proportions([4, 0], [100, 300])
    (0.0, 0.75)
    """
    hits = np.asarray(hits_per_part, dtype=float)
    sizes = np.asarray(part_sizes, dtype=float)
    if hits.sum() == 0:
        return math.nan
    return float(0.5 * np.abs(hits / hits.sum() - sizes / sizes.sum()).sum())


def dispersion_summary(tokens: pd.DataFrame, queries: list[str], *, match: str = "stem"
                       ) -> pd.DataFrame:
    """Per query: hits in each article, total, articles containing it and Gries's DP.

    Part sizes are the articles' word counts (as for rates). Columns: ``query``, one per
    doc_id, ``total``, ``articles``, ``dp``.
    """
    words_of = tokens["doc_id"][tokens["is_word"].to_numpy(dtype=bool)]  # one column, not all
    sizes = (words_of.groupby(words_of).size()
             .reindex(sorted(tokens["doc_id"].unique()), fill_value=0))
    hits = dispersion(tokens, queries, match=match)
    table = (hits.groupby(["query", "doc_id"]).size().unstack("doc_id")
             .reindex(index=queries, columns=sizes.index).fillna(0).astype(np.int64))
    table.columns.name = None
    table["total"] = table[sizes.index].sum(axis=1)
    table["articles"] = (table[sizes.index] > 0).sum(axis=1)
    table["dp"] = [deviation_of_proportions(row, sizes.to_numpy())
                   for row in table[sizes.index].to_numpy()]
    return table


# --- rank-frequency ----------------------------------------------------------------------------

def rank_frequency(dtm: DocumentTermMatrix) -> pd.DataFrame:
    """Terms ranked by corpus frequency: ``rank`` is the ordinal position (1, 2, 3, ...; equal
    counts ordered alphabetically), as in Zipf plots, so the hundreds of hapaxes spread over
    their ranks instead of collapsing onto one point; ``tied_rank`` is the shared 'min' rank.
    Columns: ``rank``, ``tied_rank``, ``term``, ``count``, ``relative`` (share of all terms).
    """
    table = term_frequencies(dtm)[["term", "count"]]
    table.insert(0, "rank", np.arange(1, len(table) + 1, dtype=np.int64))
    table.insert(1, "tied_rank",
                 table["count"].rank(method="min", ascending=False).astype(np.int64))
    table["relative"] = table["count"] / table["count"].sum()
    return table


def zipf_fit(ranks: pd.DataFrame, *, max_rank: int | None = None) -> dict[str, float]:
    """Least-squares line through log10(count) against log10(rank).

    Returns ``slope`` (Zipf's law predicts about -1), ``intercept`` and ``r_squared``;
    ``max_rank`` limits the fit to the head of the list, where hapax plateaus do not weigh.
    """
    data = ranks if max_rank is None else ranks[ranks["rank"] <= max_rank]
    if data["rank"].nunique() < 2 or data["count"].nunique() < 2:
        raise ValueError("a rank-frequency fit needs at least two ranks with different counts")
    x = np.log10(data["rank"].to_numpy(dtype=float))
    y = np.log10(data["count"].to_numpy(dtype=float))
    slope, intercept = np.polyfit(x, y, 1)
    predicted = slope * x + intercept
    r_squared = 1 - ((y - predicted) ** 2).sum() / ((y - y.mean()) ** 2).sum()
    return {"slope": float(slope), "intercept": float(intercept),
            "r_squared": float(r_squared), "terms": int(len(data))}
