"""Direct quotations, who said them, and the outside sources an article cites.

Quotes are found in each paragraph of the cleaned text, where curly quotation marks are
already straight (see :mod:`helpers.corpus`), so one rule covers both. A quote may span
sentences; an opening mark with no closing one in its paragraph runs to the paragraph's end
(the newspaper convention for a quote continued in the next paragraph) and is marked
``balanced=False``; nothing is dropped for being unbalanced.

Each quote is attributed by the first rule that applies, and the rule and the words that
decided it are kept (``attribution``, ``cue``), so every attribution can be audited:

1. ``after_quote``: ``"...," Macron said`` / ``"...," said Macron`` / ``"...," he stated``;
2. ``according_to``: "according to X" in the quote's sentence;
3. ``sentence_subject``: the quote is introduced inside a sentence whose subject is a known
   actor ("Albares said that "..."", "Rutte wrote on X: "..."", "Lavrov praised ... "..."");
   a sentence that opens with a pronoun ("He reiterated ... "..."") is resolved as in 5;
4. ``continuation``: the second half of a split quote (``"A," she said, "B."``), or a quote
   that opens a sentence with nothing attributing it, continues the previous quote of the
   same or the previous paragraph (``"A," he said. "B."``) unless a person is named between;
5. pronouns (he, she, him, his, her) resolve to the subject of the nearest earlier sentence
   (headings skipped) that names a person: its first person or role mention that is neither
   governed by a preposition ("with Trump") nor a possessive ("Trump's envoy"). A pronoun with
   no antecedent names no speaker. Gender is not checked.

A quote none of these attribute is kept with ``attribution="none"``. Single quotation marks
are not treated as quotes: in straight-quoted text they cannot be told from apostrophes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.actors import AliasMatcher, alias_matcher, find_mentions, load_alias_table
from helpers.paths import PACKAGE_DATA_DIR
from helpers.text import sentences_by_document

REPORTING_VERBS = (
    "said", "says", "say", "added", "adds", "stated", "states", "told", "tells", "wrote",
    "writes", "stressed", "stresses", "emphasized", "emphasised", "declared", "noted", "notes",
    "acknowledged", "warned", "warns", "insisted", "argued", "explained", "announced",
    "confirmed", "urged", "reiterated", "claimed", "asked", "replied", "posted", "tweeted",
    "continued", "concluded", "remarked", "recalled", "admitted", "commented", "explains",
)
_VERBS = "|".join(REPORTING_VERBS)
_SPEAKER_THEN_VERB = re.compile(
    rf"^\s*,?\s*(?P<speaker>[^\".!?;:,]{{1,80}}?)\s+(?P<verb>{_VERBS})\b"
)
_VERB_THEN_SPEAKER = re.compile(rf"^\s*,?\s*(?P<verb>{_VERBS})\s+(?P<speaker>[^\".!?;:,]{{1,80}})")
_ACCORDING_TO = re.compile(r"\b[Aa]ccording to (?P<speaker>[^\".!?;:,]{1,80})")
_PRONOUN = re.compile(r"^(?:he|she|him|his|her|they|them|their)$", re.IGNORECASE)
_PLURAL_PRONOUN = re.compile(r"^(?:they|them|their)$", re.IGNORECASE)
_OPENING_PRONOUN = re.compile(r"^\s*(?P<pronoun>He|She|His|Her)\b")
PERSON_KINDS = frozenset({"person", "role"})
PREPOSITIONS = frozenset({
    "with", "to", "for", "of", "by", "about", "from", "on", "at", "against", "between", "than",
    "toward", "towards", "behind", "after", "before", "over", "under", "into", "like",
    "including", "among", "despite", "without", "via",
})
QUOTE_COLUMNS = [
    "doc_id", "quote_id", "paragraph_id", "sentence_id", "start", "end", "quote", "n_words",
    "kind", "balanced", "speaker", "speaker_kind", "attribution", "cue",
]
# A source is cited when a cue stands right before it ("according to the BBC", "citing three
# officials", "wrote on social network X") or it is the subject of a reporting verb right
# after it ("BBC reports", "the FT reported", "Kremlin spokesman Dmitry Peskov cast doubt").
_CUE_BEFORE = re.compile(
    r"\b(?:according to|citing|cited by|quoted by|as|wrote on|posted on|said on|told)"
    r"\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^(?:'s)?\s+(?:[\w'-]+\s+){0,3}?(?P<verb>reports?|reported|said|says|told|wrote|writes|"
    r"posted|confirmed|announced|stated|cast doubt|denied|quoted)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Mention:
    actor: str
    kind: str
    start: int  # offset in the article text
    end: int
    not_subject: bool  # after a preposition ("with Trump") or possessive ("Trump's envoy")


def _previous_word(text: str, start: int) -> str:
    words = re.findall(r"[A-Za-z']+", text[max(0, start - 30) : start])
    return words[-1].lower() if words else ""


def _sentence_mentions(text: str, sentences: list[tuple[int, int, int, bool]],
                       aliases: AliasMatcher) -> dict[int, list[_Mention]]:
    mentions: dict[int, list[_Mention]] = {}
    for sentence_id, start, end, _ in sentences:
        sentence = text[start:end]
        mentions[sentence_id] = [
            _Mention(m["actor"], m["kind"], start + m["start"], start + m["end"],
                     _previous_word(sentence, m["start"]) in PREPOSITIONS
                     or sentence.startswith("'s", m["end"]))
            for m in find_mentions(sentence, aliases)
        ]
    return mentions


def _subject(mentions: list[_Mention], persons_only: bool = True) -> _Mention | None:
    candidates = [m for m in mentions if m.kind in PERSON_KINDS or not persons_only]
    free = [m for m in candidates if not m.not_subject]
    return (free or candidates or [None])[0]


def quote_spans(paragraph: str) -> list[tuple[int, int, bool]]:
    """``(start, end, balanced)`` of each double-quoted span, quotation marks excluded.

    >>> quote_spans('"Ready," he said. "Go')
    [(1, 7, True), (19, 21, False)]
    """
    marks = [m.start() for m in re.finditer('"', paragraph)]
    spans = [(a + 1, b, True) for a, b in zip(marks[0::2], marks[1::2]) if b > a + 1]
    if len(marks) % 2 and marks[-1] + 1 < len(paragraph):
        spans.append((marks[-1] + 1, len(paragraph), False))
    return spans


def quote_kind(quote: str) -> str:
    """``full`` for a quoted sentence or more, ``fragment`` for a quoted phrase.

    >>> quote_kind("We welcome talks about a peace agreement,"), quote_kind("reassurance force")
    ('full', 'fragment')
    """
    words = re.findall(r"\w+", quote)
    return "full" if quote[:1].isupper() and len(words) >= 5 else "fragment"


class _Attributor:
    """Attribution for the quotes of one article (see the module docstring for the rules)."""

    def __init__(self, text: str, sentences: list[tuple[int, int, int, bool]],
                 aliases: AliasMatcher):
        """``sentences``: (sentence_id, start, end, is_heading) of the article, in order."""
        self.text = text
        self.aliases = aliases
        self.mentions = _sentence_mentions(text, sentences, aliases)
        self.ids = [row[0] for row in sentences]
        self.starts = [row[1] for row in sentences]
        self.ends = [row[2] for row in sentences]
        self.headings = [row[3] for row in sentences]

    def sentence_at(self, offset: int) -> int:
        """Position (in self.ids) of the sentence holding ``offset``, or the one before it."""
        position = 0
        for index, start in enumerate(self.starts):
            if start <= offset:
                position = index
        return position

    def resolve_pronoun(self, position: int, before: int) -> _Mention | None:
        # The subject of the nearest earlier sentence naming a person (or earlier in this one).
        same = [m for m in self.mentions[self.ids[position]] if m.end <= before]
        if (subject := _subject(same)) is not None:
            return subject
        for index in range(position - 1, -1, -1):
            if self.headings[index]:
                continue  # a heading is no antecedent
            if (subject := _subject(self.mentions[self.ids[index]])) is not None:
                return subject
        return None

    def names_another_person_between(self, start: int, end: int, speaker: str) -> bool:
        return any(m.kind in PERSON_KINDS and m.actor != speaker and start <= m.start
                   and m.end <= end for mentions in self.mentions.values() for m in mentions)

    def speaker_from_phrase(self, phrase: str, position: int, before: int
                            ) -> tuple[str, str | None]:
        mentions = find_mentions(phrase, self.aliases)
        if mentions:
            return mentions[0]["actor"], mentions[0]["kind"]
        if _PRONOUN.match(phrase.strip()):
            # 'they' may be any group: not resolved to a person
            resolved = (None if _PLURAL_PRONOUN.match(phrase.strip())
                        else self.resolve_pronoun(position, before))
            if resolved is not None:
                return resolved.actor, resolved.kind
            return None, None  # a pronoun with no one to refer to names no speaker
        return re.sub(r"^(?:the|a|an)\s+", "", phrase.strip(), flags=re.IGNORECASE), None

    def attribute(self, start: int, end: int, balanced: bool, previous: dict | None
                  ) -> tuple[str | None, str | None, str, str]:
        """(speaker, speaker_kind, attribution, cue) for the quote at text[start:end]."""
        text = self.text
        first = self.sentence_at(start - 1)
        last = self.sentence_at(end)
        sentence_start, sentence_end = self.starts[first], self.ends[last]

        closing = text[end - 1 : end] if balanced else ""
        after = text[end + 1 : sentence_end] if balanced else ""
        if balanced and (closing in ",.!?" or after.lstrip().startswith(",")):
            for pattern in (_SPEAKER_THEN_VERB, _VERB_THEN_SPEAKER):
                match = pattern.match(after)
                if match and len(match.group("speaker").split()) <= 8:
                    speaker, kind = self.speaker_from_phrase(match.group("speaker"), first,
                                                             start)
                    if speaker is None:
                        return None, None, "none", match.group(0).strip(" ,") + " (unresolved)"
                    return speaker, kind, "after_quote", match.group(0).strip(" ,")

        context = text[sentence_start:sentence_end]
        if match := _ACCORDING_TO.search(context):
            phrase = " ".join(match.group("speaker").split()[:8])
            speaker, kind = self.speaker_from_phrase(phrase, first, start)
            return speaker, kind, "according_to", match.group(0).strip()

        continues = (previous is not None and previous["speaker"] is not None
                     and not self.names_another_person_between(previous["end"], start,
                                                               previous["speaker"]))
        if continues and previous["end"] > sentence_start:
            # '"A," she said, "B."': the second half of a split quote
            return (previous["speaker"], previous["speaker_kind"], "continuation",
                    f"continues quote {previous['quote_id']}")
        prefix = text[sentence_start : start - 1]
        if prefix.strip():
            if opening := _OPENING_PRONOUN.match(prefix):
                resolved = self.resolve_pronoun(first, sentence_start)
                if resolved is not None:
                    return (resolved.actor, resolved.kind, "sentence_subject",
                            f"{opening.group('pronoun')} -> {resolved.actor}")
            in_prefix = [m for m in self.mentions[self.ids[first]] if m.end <= start - 1]
            subject = _subject(in_prefix) or _subject(in_prefix, persons_only=False)
            if subject is not None:
                return (subject.actor, subject.kind, "sentence_subject",
                        text[subject.start : subject.end])
        elif continues:
            return (previous["speaker"], previous["speaker_kind"], "continuation",
                    f"continues quote {previous['quote_id']}")
        return None, None, "none", ""


def extract_quotes(articles: pd.DataFrame, sentences: pd.DataFrame,
                   aliases: pd.DataFrame | None = None) -> pd.DataFrame:
    """All direct quotes of every article, with speaker and the rule that attributed it.

    Columns: ``doc_id``, ``quote_id`` (0-based in the article), ``paragraph_id``,
    ``sentence_id`` (where the quote opens), ``start`` and ``end`` (offsets of the quoted
    words in the cleaned text), ``quote``, ``n_words``, ``kind`` (full | fragment),
    ``balanced``, ``speaker`` (canonical actor, or the phrase as written when it is not in the
    alias table; empty when unattributed), ``speaker_kind`` (the actor's kind, empty for a
    phrase), ``attribution`` (after_quote | according_to | sentence_subject | continuation |
    none) and ``cue`` (the words that decided it).
    """
    aliases = alias_matcher(load_alias_table() if aliases is None else aliases)
    rows: list[dict] = []
    headings = (sentences["is_heading"].astype(bool) if "is_heading" in sentences
                else False)
    by_doc = dict(sentences_by_document(sentences.assign(is_heading=headings),
                                        ["sentence_id", "start", "end", "is_heading"]))
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        doc_sentences = by_doc.get(doc_id)
        if not doc_sentences:
            continue
        attributor = _Attributor(text, doc_sentences, aliases)
        previous: dict | None = None
        quote_id = 0
        for paragraph_id, paragraph in enumerate(re.finditer(r"[^\n]+", text)):
            for start, end, balanced in quote_spans(paragraph.group()):
                start, end = paragraph.start() + start, paragraph.start() + end
                if previous is not None and previous["paragraph_id"] < paragraph_id - 1:
                    previous = None  # a continuation never jumps a paragraph
                speaker, kind, rule, cue = attributor.attribute(start, end, balanced, previous)
                quote = text[start:end]
                row = {
                    "doc_id": doc_id,
                    "quote_id": quote_id,
                    "paragraph_id": paragraph_id,
                    "sentence_id": attributor.ids[attributor.sentence_at(start - 1)],
                    "start": start,
                    "end": end,
                    "quote": quote,
                    "n_words": len(re.findall(r"\w+", quote)),
                    "kind": quote_kind(quote),
                    "balanced": balanced,
                    "speaker": speaker,
                    "speaker_kind": kind,
                    "attribution": rule,
                    "cue": cue,
                }
                rows.append(row)
                previous = row
                quote_id += 1
    return pd.DataFrame(rows, columns=QUOTE_COLUMNS)


def quote_summary(quotes: pd.DataFrame) -> pd.DataFrame:
    """Per article: quotes found, attributed, unattributed, unbalanced, full and fragments."""
    attributed = quotes["attribution"] != "none"
    summary = pd.DataFrame({
        "quotes": quotes.groupby("doc_id").size(),
        "attributed": attributed.groupby(quotes["doc_id"]).sum(),
        "unattributed": (~attributed).groupby(quotes["doc_id"]).sum(),
        "unbalanced": (~quotes["balanced"].astype(bool)).groupby(quotes["doc_id"]).sum(),
        "full": (quotes["kind"] == "full").groupby(quotes["doc_id"]).sum(),
        "fragments": (quotes["kind"] == "fragment").groupby(quotes["doc_id"]).sum(),
    }).astype(int)
    summary.loc["total"] = summary.sum()
    return summary


def speaker_counts(quotes: pd.DataFrame, doc_ids: list[str] | None = None) -> pd.DataFrame:
    """Speaker x article quote counts, unattributed quotes as their own row, plus a total.

    ``doc_ids`` lists every article to show, so one without quotes gets a column of zeros.
    Speakers are sorted by total quotes, then name; '(unattributed)' comes last.
    """
    speakers = quotes["speaker"].fillna("(unattributed)")
    counts = pd.crosstab(speakers, quotes["doc_id"])
    if doc_ids is not None:
        counts = counts.reindex(columns=sorted(doc_ids), fill_value=0)
    counts["total"] = counts.sum(axis=1)
    order = sorted(counts.index, key=lambda s: (s == "(unattributed)", -counts.at[s, "total"], s))
    counts = counts.loc[order]
    counts.index.name = "speaker"
    return counts


def source_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Source x article citation counts from :func:`cited_sources`, most cited first."""
    counts = pd.crosstab(sources["source"], sources["doc_id"])
    counts["total"] = counts.sum(axis=1)
    order = sorted(counts.index, key=lambda s: (-counts.at[s, "total"], s))
    return counts.loc[order]


def shared_quotes(quotes: pd.DataFrame) -> pd.DataFrame:
    """Quotes whose wording (case and punctuation aside) appears in more than one article.

    Columns: ``wording``, ``articles`` (how many), ``doc_ids``, ``speakers``.

    >>> quotes = pd.DataFrame({"doc_id": ["a", "b", "b"], "speaker": ["Macron", None, "Tusk"],
    ...                        "quote": ["Reassurance force", "reassurance force.", "no"]})
    >>> shared_quotes(quotes)[["wording", "articles"]].to_dict("records")
    [{'wording': 'reassurance force', 'articles': 2}]
    """
    wording = quotes["quote"].str.lower().str.replace(r"[^\w\s]", "", regex=True).str.split()
    table = quotes.assign(wording=wording.str.join(" "))
    grouped = table.groupby("wording").agg(
        articles=("doc_id", "nunique"),
        doc_ids=("doc_id", lambda ids: ", ".join(sorted(set(ids)))),
        speakers=("speaker", lambda names: ", ".join(sorted(set(names.dropna())))),
    ).reset_index()
    shared = grouped[grouped["articles"] > 1]
    return shared.sort_values(["articles", "wording"], ascending=[False, True],
                              ignore_index=True)


# --------------------------------------------------------------------------------------------
# Cited sources


def load_source_table(path=None) -> pd.DataFrame:
    """The table of outside sources (outlets, agencies, platforms, officials) and aliases."""
    path = path if path is not None else PACKAGE_DATA_DIR / "source_aliases.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def cited_sources(sentences: pd.DataFrame, sources: pd.DataFrame | None = None
                  ) -> pd.DataFrame:
    """Outside sources an article attributes information to, one row per citation.

    A source alias counts only next to an attribution cue: right after "according to",
    "citing", "as", "wrote on" (up to three words between), or right before a reporting verb
    ("BBC reports"). So "citing three officials" is a citation and "Russian officials would
    also participate" is not. Columns: ``doc_id``, ``sentence_id``, ``source``, ``kind``,
    ``matched``, ``cue``.
    """
    sources = load_source_table() if sources is None else sources
    ordered = sorted(sources["alias"], key=lambda a: (-len(a), a))
    pattern = re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
    by_alias = sources.set_index("alias")
    rows = []
    for doc_id, sentence_id, sentence in zip(sentences["doc_id"], sentences["sentence_id"],
                                             sentences["sentence"]):
        for match in pattern.finditer(sentence):
            before = _CUE_BEFORE.search(sentence[: match.start()])
            after = _CUE_AFTER.match(sentence[match.end() :])
            if before is None and after is None:
                continue
            cue = (before.group(0).strip() + " " + match.group() if before
                   else match.group() + " ... " + after.group("verb"))
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id,
                         "source": by_alias.at[match.group(), "source"],
                         "kind": by_alias.at[match.group(), "kind"],
                         "matched": match.group(), "cue": cue})
    return pd.DataFrame(rows, columns=["doc_id", "sentence_id", "source", "kind", "matched",
                                       "cue"])
