"""NLTK's Punkt and Treebank tokenizers, run in bulk: the same spans, several times faster.

:mod:`helpers.text` needs sentence and word spans for every article. NLTK computes them one
sentence at a time, through Python objects per token and a wall-clock timeout around every
regular-expression call (``nltk.redos``), which makes the plain NLTK pipeline run at about
0.5 MB of text per second. This module produces the same spans faster:

- :class:`BulkPunkt` walks the candidate sentence ends exactly as
  ``PunktSentenceTokenizer.span_tokenize`` does, but asks NLTK's own
  ``text_contains_sentbreak`` about each distinct candidate context only once (the decision
  depends on nothing else), and matches with NLTK's own patterns compiled without the timeout.
- :func:`treebank_tokens` applies the ``NLTKWordTokenizer`` rules to many sentences at once:
  the sentences are joined by a separator character that every rule treats like the edge of
  a string, so each rule runs once per batch instead of once per sentence; the character
  offsets come from the positions of the non-space characters, which is what NLTK's
  ``align_tokens`` finds one ``str.index`` at a time.

Each rule runs on the engine NLTK runs it on (the third-party ``regex`` for most, the
standard ``re`` for the contractions), or on ``re`` where the two provably agree, so word
characters and spaces mean what they mean in NLTK. Text the bulk path could treat differently
(the separator itself, the control characters U+001C-U+001F) is tokenized by NLTK, and every
batch is checked: a sentence whose tokens do not spell out its non-space text is tokenized by
NLTK too. The tests compare both functions with NLTK on the corpus and on awkward text; the
benchmark compares every span on the BBC corpus.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import regex
from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import PunktSentenceTokenizer

# Joins sentences in a batch. It cannot occur in cleaned text (the loader rejects files with
# NUL bytes); a sentence containing it anyway is handed to NLTK.
SEPARATOR = "\x00"

# NLTKWordTokenizer's rules (nltk/tokenize/destructive.py, NLTK 3.10, Apache 2.0) in NLTK's
# order, changed only where a rule looks past a sentence: "^" and "$" become look-arounds for
# the separator, and negated classes exclude it, so the separator acts as the string edge.
# NLTK runs the contractions on re and the rest on regex; rules without \w, \b or \d also
# run on re where it is faster, since there the engines agree (the control characters where
# their \s differs are screened out).
_S = SEPARATOR
_BEFORE_PADDING = [
    # STARTING_QUOTES
    ("regex", r"([«“‘„]|[`]+)", r" \1 "),
    ("regex", rf"(?<={_S})\"", r"``"),
    ("regex", r"(``)", r" \1 "),
    ("re", r"([ \(\[{<])(\"|\'{2})", r"\1 `` "),
    ("regex", r"(?i)(?<!\w)(\')(?!(?:re|ve|ll|m|t|s|d|n)\b)(?=\w)", r"\1 "),
    # PUNCTUATION
    ("regex", rf"([^\.{_S}])(\.)([\]\)}}>\"\'»”’ ]*+)\s*(?={_S})", r"\1 \2 \3 "),
    ("regex", rf"([:,])([^\d{_S}])", r" \1 \2"),
    ("regex", rf"([:,])(?={_S})", r" \1 "),
    ("regex", r"\.{2,}", r" \g<0> "),
    ("re", r"[;@#$%&]", r" \g<0> "),
    ("regex", r"[\u2012-\u2015]", r" \g<0> "),
    ("regex", rf"([^\.{_S}])(\.)([\]\)}}>\"\']*)\s*(?={_S})", r"\1 \2\3 "),
    ("regex", r"[?!]", r" \g<0> "),
    ("regex", rf"([^'{_S}])' ", r"\1 ' "),
    ("regex", r"[*]", r" \g<0> "),
    # PARENS_BRACKETS, DOUBLE_DASHES
    ("re", r"[\]\[\(\)\{\}\<\>]", r" \g<0> "),
    ("regex", r"--", r" -- "),
]
_AFTER_PADDING = [
    # ENDING_QUOTES ("\s+" -> " " rewritten to skip the single spaces, same result)
    ("re", r"([»”’])", r" \1 "),
    ("regex", r"''", " '' "),
    ("regex", r'"', " '' "),
    ("re", r"\s{2,}|[^\S ]", " "),
    ("regex", rf"([^' {_S}])('[sS]|'[mM]|'[dD]|') ", r"\1 \2 "),
    ("re", rf"([^' {_S}])('ll|'LL|'re|'RE|'ve|'VE|n't|N'T) ", r"\1 \2 "),
    # CONTRACTIONS2, CONTRACTIONS3
    ("re", r"(?i)\b(can)(?#X)(not)\b", r" \1 \2 "),
    ("re", r"(?i)\b(d)(?#X)('ye)\b", r" \1 \2 "),
    ("re", r"(?i)\b(gim)(?#X)(me)\b", r" \1 \2 "),
    ("re", r"(?i)\b(gon)(?#X)(na)\b", r" \1 \2 "),
    ("re", r"(?i)\b(got)(?#X)(ta)\b", r" \1 \2 "),
    ("re", r"(?i)\b(lem)(?#X)(me)\b", r" \1 \2 "),
    ("re", r"(?i)\b(more)(?#X)('n)\b", r" \1 \2 "),
    ("re", r"(?i)\b(wan)(?#X)(na)(?=\s)", r" \1 \2 "),
    ("re", r"(?i) ('t)(?#X)(is)\b", r" \1 \2 "),
    ("re", r"(?i) ('t)(?#X)(was)\b", r" \1 \2 "),
]
_ENGINES = {"re": re, "regex": regex}


def _compile(rules):
    return [(_ENGINES[engine].compile(pattern), replacement)
            for engine, pattern, replacement in rules]


_RULES_BEFORE_PADDING = _compile(_BEFORE_PADDING)
_RULES_AFTER_PADDING = _compile(_AFTER_PADDING)
_QUOTE_MARKS = regex.compile(r"``|'{2}|\"")
_QUOTE_TOKENS = frozenset({'"', "``", "''"})
# Characters str.isspace() (and so str.split and the re engine) counts as space but regex's
# \s does not; text holding them, or the separator, goes to NLTK itself.
_SCREENED = regex.compile(r"[\x00\x1c-\x1f]")
# What str.split() treats as space: the characters that never belong to a token.
_SPACE_CODES = np.array([c for c in range(0x110000) if chr(c).isspace()], dtype=np.uint32)

_WORD_TOKENIZER = NLTKWordTokenizer()


@dataclass(frozen=True)
class SentenceTokens:
    """Word tokens of a list of sentences, flat: ``sizes[k]`` tokens belong to sentence k.

    ``starts`` and ``ends`` are character offsets into each token's own sentence.
    """

    tokens: list[str]
    sizes: np.ndarray
    starts: np.ndarray
    ends: np.ndarray

    def spans(self) -> list[list[tuple[int, int]]]:
        """Per sentence, the ``(start, end)`` pairs ``span_tokenize`` would give."""
        bounds = np.concatenate([[0], np.cumsum(self.sizes)]).tolist()
        starts, ends = self.starts.tolist(), self.ends.tolist()
        return [list(zip(starts[a:b], ends[a:b])) for a, b in zip(bounds, bounds[1:])]


def _non_space_positions(text: str) -> np.ndarray:
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.flatnonzero(~np.isin(codes, _SPACE_CODES))


def treebank_tokens(sentences: list[str]) -> SentenceTokens:
    """``NLTKWordTokenizer().span_tokenize`` of every sentence, computed for all at once.

    >>> treebank_tokens(['"Yes," he said.', "It isn't."]).spans()
    [[(0, 1), (1, 4), (4, 5), (5, 6), (7, 9), (10, 14), (14, 15)], [(0, 2), (3, 5), (5, 8), (8, 9)]]
    """
    if _SCREENED.search("".join(sentences)):
        screened = [bool(_SCREENED.search(s)) for s in sentences]
        bulk = _bulk_tokens([s for s, bad in zip(sentences, screened) if not bad])
        return _merge(sentences, screened, bulk)
    return _bulk_tokens(sentences)


def _bulk_tokens(sentences: list[str]) -> SentenceTokens:
    if not sentences:
        empty = np.zeros(0, dtype=np.int64)
        return SentenceTokens([], empty, empty, empty)
    joined = SEPARATOR + SEPARATOR.join(sentences) + SEPARATOR
    text = joined
    for pattern, replacement in _RULES_BEFORE_PADDING:
        text = pattern.sub(replacement, text)
    text = text.replace(SEPARATOR, f" {SEPARATOR} ")  # NLTK pads each sentence with spaces
    for pattern, replacement in _RULES_AFTER_PADDING:
        text = pattern.sub(replacement, text)
    tokens = text.split()
    separators = np.array([i for i, token in enumerate(tokens) if token == SEPARATOR])
    _restore_quote_marks(tokens, separators, sentences)
    if "".join(tokens) != "".join(joined.split()):
        # e.g. a '```' beside a '"', which NLTK pairs oddly: those sentences go to NLTK
        failed = ["".join(tokens[a + 1:b]) != "".join(sentence.split())
                  for a, b, sentence in zip(separators, separators[1:], sentences)]
        return _merge(sentences, failed,
                      _bulk_tokens([s for s, bad in zip(sentences, failed) if not bad]))

    # Each token covers the next len(token) non-space characters of the joined text: the
    # offsets NLTK's align_tokens finds by searching from the end of the previous token.
    lengths = np.fromiter(map(len, tokens), dtype=np.int64, count=len(tokens))
    first = np.cumsum(lengths) - lengths
    positions = _non_space_positions(joined)
    sentence_offsets = np.cumsum([len(s) + 1 for s in sentences]) - [len(s) for s in sentences]
    keep = np.ones(len(tokens), dtype=bool)
    keep[separators] = False
    owner = np.cumsum(~keep)[keep] - 1  # index of the sentence each token belongs to
    starts = positions[first[keep]] - sentence_offsets[owner]
    ends = positions[(first + lengths - 1)[keep]] + 1 - sentence_offsets[owner]
    return SentenceTokens([t for t, k in zip(tokens, keep) if k], np.diff(separators) - 1,
                          starts, ends)


def _merge(sentences: list[str], by_nltk: list[bool], bulk: SentenceTokens) -> SentenceTokens:
    """Tokens of ``sentences``: NLTK's own where ``by_nltk``, else the next sentence of ``bulk``."""
    tokens, sizes, starts, ends = [], [], [], []
    bulk_spans = iter(bulk.spans())
    for sentence, nltk in zip(sentences, by_nltk):
        spans = (list(_WORD_TOKENIZER.span_tokenize(sentence)) if nltk
                 else next(bulk_spans))
        tokens.extend(sentence[a:b] for a, b in spans)
        sizes.append(len(spans))
        starts.extend(a for a, _ in spans)
        ends.extend(b for _, b in spans)
    return SentenceTokens(tokens, np.array(sizes, dtype=np.int64),
                          np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64))


def _restore_quote_marks(tokens: list[str], separators: np.ndarray, batch: list[str]) -> None:
    """Put back the quote marks the rules rewrote, sentence by sentence, as NLTK does.

    NLTK turns every '"' into '``' or "''" and then, in a sentence with '"' or "''", replaces
    the quote tokens in order by the marks found in the original sentence. Where the counts
    differ, the sentence no longer spells out its text and goes to NLTK.
    """
    for k, sentence in enumerate(batch):
        if '"' not in sentence and "''" not in sentence:
            continue
        where = [i for i in range(separators[k] + 1, separators[k + 1])
                 if tokens[i] in _QUOTE_TOKENS]
        for i, mark in zip(where, _QUOTE_MARKS.findall(sentence)):
            tokens[i] = mark


_LAST_WHITESPACE = regex.compile(f"[{regex.escape(string.whitespace)}]", regex.REVERSE)


def _last_whitespace_index(text: str) -> int:
    """As ``PunktSentenceTokenizer._get_last_whitespace_index``: 0 when there is none."""
    found = _LAST_WHITESPACE.search(text)
    return found.start() if found else 0


class BulkPunkt:
    """``PunktSentenceTokenizer.span_tokenize`` for many paragraphs, with the same spans.

    The walk over candidate sentence ends and the realignment of closing punctuation follow
    NLTK 3.10 line by line. Whether a candidate ends a sentence is NLTK's own
    ``text_contains_sentbreak``, cached by its context string, except for the commonest
    contexts, where the answer follows from NLTK's rules directly (see :meth:`is_break`).
    The tokenizer's parameters are read once, at construction: build a new one after
    changing them.
    """

    def __init__(self, punkt: PunktSentenceTokenizer, cache_size: int = 2**16):
        language = punkt._lang_vars
        self._punkt = punkt
        self._period_context = re.compile(language.period_context_re().pattern,
                                          re.UNICODE | re.VERBOSE)
        self._realignment = re.compile(language.re_boundary_realignment.pattern, re.MULTILINE)
        # "talks. The", 'said."', "pre-war. It": Punkt's first token is the word and its
        # period, and at least one token follows (a next word not starting with a period
        # cannot join it into an ellipsis).
        non_word = language._re_non_word_chars
        self._plain_end = re.compile(rf"([^\W\d_]+(?:-[^\W\d_]+)*)\.(?:{non_word}|\s+[^.\s]\S*)")
        self._abbreviations = frozenset(punkt._params.abbrev_types)
        self._shortcut = not punkt._params.collocations
        self._ask_nltk = lru_cache(maxsize=cache_size)(punkt.text_contains_sentbreak)

    def is_break(self, context: str) -> bool:
        """NLTK's ``text_contains_sentbreak(context)``.

        A word of two or more letters that is not a known abbreviation, followed by a period
        and another token, is a sentence break under NLTK's rules when no collocations are
        learnt (only abbreviations, initials and numbers are reconsidered), so that answer
        is given without asking NLTK.
        """
        if self._shortcut:
            plain = self._plain_end.fullmatch(context)
            if plain and len(plain[1]) > 1:
                word = plain[1].lower()
                if word not in self._abbreviations and \
                        word.split("-")[-1] not in self._abbreviations:
                    return True
        return self._ask_nltk(context)

    def _end_contexts(self, text: str):
        previous_start = previous_stop = 0
        previous_match = None
        for match in self._period_context.finditer(text):
            index = _last_whitespace_index(text[previous_stop:match.start()])
            word_start = index + previous_stop + 1 if index else previous_start
            if previous_match and previous_stop <= word_start:
                yield previous_match, (text[previous_start:previous_stop]
                                       + previous_match.group() + previous_match["after_tok"])
            previous_match = match
            previous_start, previous_stop = word_start, match.start()
        if previous_match:
            yield previous_match, (text[previous_start:previous_stop]
                                   + previous_match.group() + previous_match["after_tok"])

    def _slices(self, text: str) -> list[tuple[int, int]]:
        slices, last_break = [], 0
        for match, context in self._end_contexts(text):
            if self.is_break(context):
                slices.append((last_break, match.end()))
                last_break = match.start("next_tok") if match["next_tok"] else match.end()
        slices.append((last_break, len(text.rstrip())))
        return slices

    def span_tokenize(self, text: str) -> list[tuple[int, int]]:
        """Sentence spans of ``text``, as ``PunktSentenceTokenizer.span_tokenize`` gives them.

        >>> from helpers.text import sentence_tokenizer
        >>> BulkPunkt(sentence_tokenizer()).span_tokenize('Mr. Starmer spoke. "Yes." Then')
        [(0, 18), (19, 25), (26, 30)]
        """
        if _SCREENED.search(text):
            return list(self._punkt.span_tokenize(text))
        slices = self._slices(text)
        spans, realign = [], 0
        for k, (start, stop) in enumerate(slices):
            start += realign
            if k + 1 == len(slices):
                if start < stop:
                    spans.append((start, stop))
                continue
            next_start, next_stop = slices[k + 1]
            match = self._realignment.match(text[next_start:next_stop])
            if match:
                spans.append((start, next_start + len(match.group(0).rstrip())))
                realign = match.end()
            else:
                realign = 0
                if start < stop:
                    spans.append((start, stop))
        return spans
