"""Direct quotations, who said them, and the outside sources an article cites.

Quotes are found in each paragraph of the cleaned text, where curly quotation marks are
already straight (see :mod:`helpers.corpus`), so one rule covers both; a text passed in
uncleaned has its curly marks read as straight ones. A quote may span
sentences; an opening mark with no closing one in its paragraph runs to the paragraph's end
(the newspaper convention for a quote continued in the next paragraph) and is marked
``balanced=False``; nothing is dropped for being unbalanced.

Each quote is attributed from the dependency parse (:mod:`helpers.syntax`) by the first rule
that applies, and the rule and the words that decided it are kept (``attribution``, ``cue``):

1. ``reporting_verb``: the subject of the reporting verb that governs the quotation or hangs
   from it (nearest first): ``"...," Macron said``, ``said Macron``, ``Albares said that
   "..."``, a subject shared with a coordinated verb, a passive's agent; a definite "the
   statement" (letter, readout) is whoever made it in a sentence before, and "the ministry"
   (office, government) the one named with it before ("China's commerce ministry");
2. ``according_to``: "according to X";
3. ``continuation``: the rest of a split quotation (``"A," she said. "B."``) or a quotation
   continued in the next paragraph, unless another person is named between;
4. ``colon_introduction``: "X told reporters:" ending the previous paragraph;
5. ``dash_line``: a quotation that opens and ends its line, attributed on the next line after
   a dash (a quote box, an epigraph: "- Jane Doe, foreign minister"), when that line holds
   only the one person and perhaps a title after a comma;
6. ``sentence_subject`` / ``possessive``: a quoted phrase inside a sentence: the subject of the
   verb governing it, or the possessor of the quoted noun or of a noun of speech;
7. ``previous_sentence``: a quotation standing as a sentence of its own right after a
   sentence whose main verb reports or states a view ("X said she was shocked. "We
   expected ...""): that verb's subject.

Who a subject names is :func:`helpers.actors.resolve_phrase`: an unnamed source stays what it
is (``speaker_kind`` ``unnamed``). He and she go to the subject of the nearest earlier sentence
naming a person (alias table or entity recognizer) whose gender agrees where the article
states it ("Mr", "Mrs"), within the eleven sentences before; they and it resolve to no one.

A quote none of these attribute is kept with ``attribution="none"``. Single quotation marks
are not treated as quotes: in straight-quoted text they cannot be told from apostrophes.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache

import pandas as pd

from helpers.actors import (
    ACRONYM,
    CALENDAR_WORDS,
    ENTITY_KINDS,
    HONORIFIC_NAME,
    PRONOUNS,
    SINGULAR_SOURCES,
    SPOKES_NOUNS,
    TITLES,
    AliasMatcher,
    alias_matcher,
    canonical_country,
    find_mentions,
    first_subject,
    load_alias_table,
    load_demonyms,
    name_words,
    noun_phrase,
    person_key,
    resolve_phrase,
    singular_source,
    title_of,
    with_short_forms,
)
from helpers.paths import PACKAGE_DATA_DIR
from helpers.syntax import (
    HE_OR_SHE,
    ORGANISATION_WORDS,
    Parses,
    according_to_head,
    parse_sentences,
)
from helpers.syntax import REPORTING_VERBS as REPORTING
from helpers.text import sentences_by_document

_ANTECEDENT_WINDOW = 11  # sentences back in which "he" or "she" may find its person
# After a quotation's closing mark: its full stop, a line break (a blank line may follow), a
# dash, the attribution line
_DASH_LINE = re.compile(
    r"[.!?,]?[ \t]*\n(?:[ \t]*\n)?[ \t]*[-\u2013\u2014\u2015]+[ \t]*(?P<line>[^\n]+)")
_NEXT_ITEM = re.compile(r"\n[ \t]*\n?[ \t]*[-\u2013\u2014\u2015\u2022*]")  # a list, not a line
_DASH_LINE_CHARS = 160
# what may follow the name on that line: nothing, or a title after a comma
_DASH_LINE_TITLE = re.compile(r"\s*(?:,[^.;:!?()]{0,80})?\.?\s*")
# Nouns for something said: their possessor is the speaker of a quotation inside them.
SPEECH_NOUNS = frozenset({"remark", "remarks", "comment", "comments", "words", "statement",
                          "speech", "call", "calls", "claim", "claims", "pledge", "promise",
                          "warning", "message", "post", "tweet", "letter", "answer", "reply",
                          "description", "phrase", "assessment", "view", "argument",
                          "declaration", "communique", "communiqué", "interview"})
PERSON_KINDS = frozenset({"person", "role"})
# Heads of a definite description that name an office one person holds in an article ("the
# German chancellor", "Britain's prime minister"); "official" or "source" name no one.
OFFICE_NOUNS = frozenset({
    "president", "minister", "chancellor", "secretary", "premier", "leader", "spokesman",
    "spokeswoman", "spokesperson", "adviser", "advisor", "aide", "envoy", "ambassador",
    "chief", "governor", "chairman", "chairwoman", "chair", "director", "commissioner", "mayor",
    "executive", "ceo", "boss", "general", "king", "queen", "pope"})
_ORGANISATION_KINDS = frozenset({"organisation", "state", "institution"})
# Common nouns for a person that an unnamed source's "he" or "she" takes up
_PERSON_NOUNS = frozenset({
    "lawyer", "attorney", "solicitor", "barrister", "witness", "relative", "neighbour",
    "neighbor", "friend", "colleague", "resident", "analyst", "economist", "expert", "doctor",
    "manager", "coach", "captain"})  # besides _SOURCE_HEAD's officials, aides, ...
# Modifiers that do not change which office is meant ("the former chancellor" is not matched:
# "former" is not here)
_OFFICE_IGNORED = frozenset({"senior", "top", "veteran", "current"})
# Words that make an office another one ("vice president", "former chancellor")
_OTHER_OFFICE = frozenset({"former", "vice", "deputy", "acting", "ex", "shadow", "junior",
                           "assistant", "under", "then", "interim", "outgoing", "incoming"})
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
_CUE_REACH = 200  # characters: a cue and up to three words
_CUE_BEFORE = re.compile(
    r"\b(?:according to|citing|cited by|quoted by|as|wrote on|posted on|said on|told)"
    r"\s+(?:[\w'-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(  # matched at the end of the source's name (``match(text, pos)``)
    r"(?:'s)?\s+(?:[\w'-]+\s+){0,3}?(?P<verb>reports?|reported|said|says|told|wrote|writes|"
    r"posted|confirmed|announced|stated|cast doubt|denied|quoted)\b",
    re.IGNORECASE,
)


# A line that opens with a name and a colon, a live blog's entry heading or a bullet
# ("10:05 CET - Macron: force would be ...", "- Kremlin: ...", "Costa, opening the meeting:"):
# the name is the source of the quotations on that line. Before the name: bullets, dashes,
# numbers and clock times; after it, a comma's short phrase, then the colon.
_LINE_PREFIX = re.compile(
    r"[ \t]*(?:(?:[-\u2013\u2014\u2022*]|\d{1,2}[:.]\d{2}(?:[ \t]*[A-Z]{2,5})?|\d{1,2}[.)])"
    r"[ \t]*)*")
_LABEL_END = re.compile(r"(?:,[^:\n\"]{1,60})?:[ \t]")
_LABEL_WORDS = 6  # a name with its title ("Kremlin spokesman Dmitry Peskov")
_LABEL_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PART", "PUNCT"})
# An unnamed subject that is a source ("one official put it this way:"), not a thing
_SOURCE_HEAD = re.compile(r"\b(?:officials?|diplomats?|sources?|aides?|insiders?|person|people"
                          r"|spokes(?:wo)?(?:man|men|person|people)|ministers?|envoys?)\b",
                          re.IGNORECASE)
_SO_CALLED = re.compile(r"\bso-called\s*$", re.IGNORECASE)
# Verbs that give their object a name in the quoted words ("calling the plan "a fantasy"")
_NAMING_VERBS = frozenset("""call calls called calling brand brands branded branding label
labels labelled labelling labeled labeling dub dubs dubbed dubbing describe describes
described describing""".split())
# Last words of place names that are no surname (unlike Hill, Park or Lane)
_PLACE_WORDS = frozenset({"street", "road", "avenue", "boulevard", "square", "airport",
                          "station", "stadium", "arena", "palace", "cathedral", "abbey"})
_OPENING_MARKS = re.compile(r"[\s\"'\u201c\u2018\u201e\u00ab]*")  # a colon to its quotation
_CLOSING_ONLY = re.compile(r"[\s,.?!\"']*")  # between a quotation's end and the name after it
# Verbs stating a view that, as a sentence's main verb, introduce the quotation after it
# (besides the reporting verbs): "Simon Hart has questioned how police will ... "The
# definitions are so blurred ...""
_VIEW_VERBS = frozenset("""
questioned questions criticised criticized criticises criticizes accused accuses welcomed
welcomes defended defends believes believed thinks thought hopes hoped denied denies rejected
rejects dismissed dismisses attacked attacks praised praises blamed blames backed backs
disagreed disagrees doubted doubts feared fears expects expected spoke speaks
""".split())


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

    A mark that opens a sentence after a quoted sentence ends ('... inquiry. "We want') starts
    a new quotation: a quotation over several paragraphs opens each one and closes only the
    last, and a corpus that joined the paragraphs leaves exactly this. Pairing such marks in
    twos would lose every second sentence to the text outside the quotes.

    >>> quote_spans('"Ready," he said. "Go')
    [(1, 7, True), (19, 21, False)]
    >>> quote_spans('He said: "We will go. "We will win."')
    [(10, 21, True), (23, 35, True)]
    """
    spans, opened = [], None
    for match in re.finditer('"', paragraph):
        at = match.start()
        if opened is None:
            opened = at
            continue
        if (end := _reopened_after(paragraph, opened, at)) is not None:
            spans.append((opened + 1, end, True))
            opened = at
            continue
        if at > opened + 1:
            spans.append((opened + 1, at, True))
        opened = None
    if opened is not None and opened + 1 < len(paragraph):
        spans.append((opened + 1, len(paragraph), False))
    return spans


def _reopened_after(paragraph: str, opened: int, at: int) -> int | None:
    """Where the quotation opened at ``opened`` ends when the mark at ``at`` opens a new one
    inside it (a word after the mark; before it, spaces after a full stop, question or
    exclamation mark that ends a word of the quotation), else None. Reads only the characters
    around the mark, so a paragraph of many marks costs linear work."""
    if at + 1 >= len(paragraph) or not paragraph[at + 1].isalnum():
        return None
    k = at - 1
    while k > opened and paragraph[k] in " \t\n":
        k -= 1
    if (k < at - 1 and k - 1 > opened and paragraph[k] in ".?!"
            and not paragraph[k - 1].isspace()):
        return k + 1
    return None


def quote_kind(quote: str) -> str:
    """``full`` for a quoted sentence or more, ``fragment`` for a quoted phrase.

    >>> quote_kind("We welcome talks about a peace agreement,"), quote_kind("reassurance force")
    ('full', 'fragment')
    """
    words = re.findall(r"\w+", quote)
    return "full" if quote[:1].isupper() and len(words) >= 5 else "fragment"


# A sentence opening on unnamed sources ("British officials were ...", "Two people said"),
# not "figures", which are more often numbers
_SOURCES_OPENING = re.compile(
    r"(?:The\s+|Some\s+|Several\s+|Two\s+|Three\s+)?(?P<who>(?:[A-Z][\w-]*\s+){0,2}"
    rf"(?:{'|'.join(sorted(set(SINGULAR_SOURCES) - {'figures'}))})\b"
    # what describes them: "people familiar with the talks", "officials briefed on the plan"
    r"(?:\s+(?:familiar with|close to|briefed on|involved in|with knowledge of)"
    r"(?:\s+[\w'-]+){1,4}?(?=\s+(?:said|say|says|told|were|are|who)\b|[,.;]))?)")


class _Attributor:
    """Attribution for the quotes of one article (see the module docstring for the rules)."""

    def __init__(self, doc_id: str, text: str, sentences: list[tuple[int, int, int, bool]],
                 aliases: AliasMatcher, parses: Parses):
        """``sentences``: (sentence_id, start, end, is_heading) of the article, in order."""
        self.doc_id = doc_id
        self.text = text
        self.aliases = aliases
        self.parses = parses
        self.mentions = _sentence_mentions(text, sentences, aliases)
        entities = {sentence_id: parses.entities(doc_id, sentence_id)
                    for sentence_id, _, _, _ in sentences}
        named_in_full = _people_named_in_full(entities, text)
        self.named_in_full = named_in_full
        for sentence_id, found in entities.items():  # people the alias table does not list
            if found:
                self.mentions[sentence_id] = _with_entity_people(
                    self.mentions[sentence_id], found, text, _source_names(), named_in_full)
        for sentence_id, start, end, _ in sentences:  # "Lord Browne", whom no one listed
            self.mentions[sentence_id] = _with_honorific_people(self.mentions[sentence_id],
                                                                text, start, end)
        if named_in_full:  # a surname the recognizer calls a place elsewhere is still him
            surnames = re.compile(r"\b(?:" + "|".join(
                re.escape(key) for key in sorted(named_in_full, key=len, reverse=True))
                + r")\b")
            for sentence_id, start, end, _ in sentences:
                self.mentions[sentence_id] = _with_surnames(self.mentions[sentence_id], text,
                                                            start, end, surnames)
        self._entities = entities
        self._offices: list[tuple[int, str, str, frozenset[str], str]] | None = None
        self._named_actors: set[str] | None = None
        self.ids = [row[0] for row in sentences]
        self.starts = [row[1] for row in sentences]
        self.ends = [row[2] for row in sentences]
        self.headings = [row[3] for row in sentences]
        self.quoted: list[tuple[int, int]] = []  # every quote span of the article, in order
        self._quote_starts: list[int] = []
        self.gender: dict[str, str] = _honorific_genders(text, self.mentions)
        # person mentions of the article in text order, to find one between two quotes
        # (a possessor or a name after a preposition is not someone who takes over the
        # quoting: '"...," Andrew Pendleton, Christian Aid's head of policy, said. "..."')
        persons = sorted((m.start, m.end, m.actor) for mentions in self.mentions.values()
                         for m in mentions if m.kind in PERSON_KINDS and not m.not_subject)
        self._person_starts = [p[0] for p in persons]
        self._persons = persons
        self._parsed: dict[int, object] = {}

    def set_quotes(self, spans: list[tuple[int, int]]) -> None:
        """Every quote span of the article (start, end), in text order."""
        self.quoted = sorted(spans)
        self._quote_starts = [start for start, _ in self.quoted]
        if spans:
            self.learn_genders()

    def parsed(self, position: int):
        """The parse of the sentence at ``position`` (built once), or None."""
        if position not in self._parsed:
            self._parsed[position] = self.parses.sentence(self.doc_id, self.ids[position])
        return self._parsed[position]

    def sentence_at(self, offset: int) -> int:
        """Position (in self.ids) of the sentence holding ``offset``, or the one before it."""
        return max(bisect.bisect_right(self.starts, offset) - 1, 0)

    def inside_quote(self, offset: int) -> bool:
        k = bisect.bisect_right(self._quote_starts, offset) - 1
        return k >= 0 and offset < self.quoted[k][1]

    def resolve_pronoun(self, position: int, before: int, pronoun: str = "", _depth: int = 0
                        ) -> _Mention | None:
        """The subject of the nearest earlier sentence naming a person (or earlier in this
        one) whose gender, where the text gives it, agrees with the pronoun. An earlier
        sentence whose own subject is the same pronoun passes it on ("He said ... Mr Houston
        may be interviewed. He added:" is still the first "he")."""
        wanted = PRONOUNS.get(pronoun.lower(), "")

        def agreeing(mentions: list[_Mention]) -> list[_Mention]:
            return [m for m in mentions if wanted not in ("Masc", "Fem")
                    or self.gender.get(m.actor, wanted) == wanted]

        same = agreeing([m for m in self.mentions[self.ids[position]] if m.end <= before
                         and not self.inside_quote(m.start)])
        if (subject := self.antecedent_in(position, same, agreeing, before)) is not None:
            return subject
        for index in range(position - 1, max(-1, position - 1 - _ANTECEDENT_WINDOW), -1):
            if self.headings[index]:
                continue  # a heading is no antecedent
            same_pronoun = self.subject_pronoun(index, wanted) if _depth < 3 else None
            if same_pronoun is not None:
                return self.resolve_pronoun(index, same_pronoun.start, same_pronoun.text,
                                            _depth + 1)
            candidates = agreeing([m for m in self.mentions[self.ids[index]]
                                   if not self.inside_quote(m.start)])
            if (subject := self.antecedent_in(index, candidates, agreeing)) is not None:
                return subject
        return None

    def antecedent_in(self, position: int, mentions: list[_Mention], agreeing,
                      before: int | None = None) -> _Mention | None:
        """The person of the sentence at ``position`` a pronoun takes up: the subject among
        its (agreeing) ``mentions``; but where only a name after a preposition is mentioned,
        the sentence's own subject that no mention stands for comes first ("Stubb, who spoke
        to Donald Trump, said he ..."). ``before``: an offset the subject must end before."""
        subject = _subject(mentions)
        if subject is None or subject.not_subject:
            unrecognised = self.unrecognised_subject(position)
            if (unrecognised is not None and agreeing([unrecognised])
                    and (before is None or unrecognised.end <= before)):
                return unrecognised
        return subject

    def unrecognised_subject(self, position: int) -> _Mention | None:
        """The main subject of the sentence at ``position`` when no mention stands for it: an
        office the article gave someone ("the prime minister put it bluntly"), or a full name
        the entity recognizer missed ("Tomasz Wielgosz of Orsova Capital was more cautious."):
        two or more capitalised proper nouns with no entity label and no alias."""
        parsed = self.parsed(position)
        if parsed is None:
            return None
        for subject in parsed.tokens:  # the first subject outside quotes that names someone
            if subject.dep not in ("nsubj", "nsubjpass") or self.inside_quote(subject.start):
                continue
            if subject.text.lower() in OFFICE_NOUNS and (
                    holder := self.office_holder(parsed, subject.i)) is not None:
                # "the prime minister put it bluntly" after "Prime Minister Mette Frederiksen"
                return _Mention(holder[0], holder[1], subject.start, subject.end, False)
            if subject.pos == "PROPN":
                return self._unrecognised_name(parsed, subject, position)
            if subject.tag == "NN" and _names_a_person(subject.text):
                # "..., a spokesman said." or "his lawyer said": an unnamed person is the
                # antecedent, not a name further back or a possessor. Read from the phrase
                # alone: speaker_of resolves pronouns, which would lead back here
                found = resolve_phrase(parsed, subject.i, self.aliases, self.text)
                if found is None or found.kind != "unnamed":
                    return None
                word = subject.text.lower()
                if word.endswith(("man", "woman")):  # spokesman, chairwoman
                    self.gender.setdefault(found.actor,
                                           "Fem" if word.endswith("woman") else "Masc")
                return _Mention(found.actor, "unnamed", subject.start, subject.end, False)
        return None

    def _unrecognised_name(self, parsed, subject, position: int) -> _Mention | None:
        """A full name the entity recognizer missed, or a surname the article gave in full,
        standing as ``subject``."""
        name = [c for c in parsed.children(subject.i) if c.dep == "compound" and c.i < subject.i]
        name = [*name, subject]
        # a surname the article gave in full counts whatever the tagger calls it, and so
        # does a name described as a person ("Marta Zielinska, a defence economist at ...",
        # which the recognizer may call a place)
        given_in_full = len(name) == 1 and subject.text in self.named_in_full
        described = any(c.dep == "appos" and _names_a_person(c.text)
                        for c in parsed.children(subject.i))
        if not given_in_full and (
                len(name) < 2 or name[-1].i - name[0].i != len(name) - 1
                or any(t.pos != "PROPN" or (t.ent_type and not described)
                       or not t.text.istitle() or t.text in TITLES for t in name)):
            return None
        if name[-1].text.lower() in _PLACE_WORDS:
            return None  # "Wall Street rallied", "Downing Street declined": a place
        start, end = name[0].start, name[-1].end
        if any(m.start < end and start < m.end for m in self.mentions[self.ids[position]]):
            return None
        actor = person_key([t.text for t in name])
        return _Mention(actor, "person", start, end, False) if actor else None

    def learn_genders(self) -> None:
        """Genders the text gives by pronouns: a sentence whose subject is a "he" or "she"
        that resolves to a person makes that person's gender known ("Priya Ranganathan said ... She
        expects ..."), so that a later "he" does not go to her. In text order; a gender
        already known (an honorific) is kept."""
        for position in range(len(self.ids)):
            if not HE_OR_SHE.search(self.text, self.starts[position], self.ends[position]):
                continue
            for wanted in ("Masc", "Fem"):
                pronoun = self.subject_pronoun(position, wanted)
                if pronoun is None:
                    continue
                antecedent = self.resolve_pronoun(position, pronoun.start, pronoun.text)
                if antecedent is not None and antecedent.kind == "person":
                    self.gender.setdefault(antecedent.actor, wanted)

    def subject_pronoun(self, position: int, wanted: str):
        """The main subject of the sentence at ``position`` when it is a he or she of gender
        ``wanted`` outside quotes (the token), else None."""
        if wanted not in ("Masc", "Fem"):
            return None
        parsed = self.parsed(position)
        if parsed is None:
            return None
        root = next((t for t in parsed.tokens if t.dep == "ROOT"), None)
        subject = next((c for c in parsed.children(root.i) if c.dep == "nsubj"), None) \
            if root is not None else None
        if (subject is None or self.inside_quote(subject.start) or subject.pos != "PRON"
                or PRONOUNS.get(subject.text.lower()) != wanted):
            return None
        return subject

    def names_another_person_between(self, start: int, end: int, speaker: str) -> bool:
        first = bisect.bisect_left(self._person_starts, start)
        last = bisect.bisect_left(self._person_starts, end)
        return any(actor != speaker and m_end <= end and not self.inside_quote(m_start)
                   for m_start, m_end, actor in self._persons[first:last])

    def institution_named_before(self, position: int, before: int, noun: str
                                 ) -> tuple[str, str] | None:
        """The actor of the nearest "X's <noun>" or "X <noun>" up to three sentences back
        ("China's commerce ministry", "the Kremlin's press office")."""
        follows = re.compile(rf"(?:'s)?(?:\s+[a-z][\w-]*){{0,2}}\s+{re.escape(noun)}\b")
        for k in range(position, max(-1, position - 4), -1):
            named = [(m.start, m.end, m.actor, m.kind) for m in self.mentions.get(self.ids[k], [])
                     if m.kind not in PERSON_KINDS]
            named += [(start, end, self.text[start:end], ENTITY_KINDS[label])
                      for start, end, label, _ in self._entities.get(self.ids[k]) or ()
                      if label in ("ORG", "GPE")
                      and not any(a < end and start < b for a, b, _, _ in named)]
            for start, end, actor, kind in sorted(named, reverse=True):
                if start < before and follows.match(self.text, end):
                    return actor, kind
        return None

    def speaker_of(self, parsed, token_i: int, position: int
                   ) -> tuple[str | None, str | None, str]:
        """(speaker, kind, words) for the subject token of a reporting verb."""
        found = resolve_phrase(parsed, token_i, self.aliases, self.text)
        head = parsed.tokens[token_i]
        if found is None and head.text.lower() == "one" and position > 0:
            # "British officials were more cautious. "...," one said": one of them
            # "According to two diplomats, ... One of them said": wherever they stand
            of_them = any(c.dep == "prep" and c.text.lower() == "of"
                          for c in parsed.children(token_i))
            find = _SOURCES_OPENING.search if of_them else _SOURCES_OPENING.match
            group = find(self.text, self.starts[position - 1], self.ends[position - 1])
            if group is not None:
                return singular_source(group.group("who")), "unnamed", f"one -> {group['who']}"
        if found is None:
            return None, None, ""
        if found.kind == "unnamed" and head.text.lower() in SPEECH_NOUNS and any(
                c.dep == "det" and c.text.lower() in ("the", "this", "that")
                for c in parsed.children(token_i)):
            # '"...," the statement said' after 'Her office said in a statement': its maker
            owner = self.statement_maker(position, head.text.lower())
            if owner is not None:
                return owner[0], owner[1], f"{found.words} -> {owner[0]}"
        if found.kind == "unnamed" and head.text.lower() in SPOKES_NOUNS and [
                c.text.lower() for c in parsed.children(token_i)] == ["the"]:
            # "the ministry said" after "China's commerce ministry": the one named before
            owner = self.institution_named_before(position, head.start, head.text.lower())
            if owner is not None:
                return owner[0], owner[1], f"{found.words} -> {owner[0]}"
        if found.kind == "pronoun":
            governing = self.pronoun_clause_subject(parsed, token_i, position, found.actor)
            if governing is not None:
                return governing
            if PRONOUNS[found.actor] == "Neut":
                antecedent = self.previous_subject(position)
                if antecedent is None:
                    return None, None, found.words
                return (antecedent.actor, antecedent.kind,
                        f"{found.words} -> {antecedent.actor}")
            if PRONOUNS[found.actor] not in ("Masc", "Fem"):
                return None, None, found.words  # "they" may be any group: not resolved
            token = parsed.tokens[token_i]
            antecedent = self.resolve_pronoun(position, token.start, found.actor)
            if antecedent is None:
                return None, None, found.words
            return antecedent.actor, antecedent.kind, f"{found.words} -> {antecedent.actor}"
        if (found.kind in ("organisation", "name") and ACRONYM.fullmatch(found.actor)
                and found.actor not in self.aliases.by_alias):  # the table's EU stays the EU
            spelled = spelled_out(found.actor, self.text[:parsed.tokens[token_i].start])
            if spelled:  # "the World Tourism Organisation ... the WTO said"
                return spelled, "organisation", f"{found.words} -> {spelled}"
        if found.kind in ("unnamed", "name", "role"):
            # an office the article gives someone beats the alias table's (dated) holder
            holder = self.office_holder(parsed, token_i, from_alias_table=found.kind != "role")
            if holder is not None and holder[0] != found.actor:
                return holder[0], holder[1], f"{found.words} -> {holder[0]}"
        return found.actor, found.kind, found.words

    def pronoun_clause_subject(self, parsed, pronoun_i: int, position: int, pronoun: str
                               ) -> tuple[str | None, str | None, str] | None:
        """(speaker, kind, words) for a pronoun subject whose clause hangs from a verb with a
        subject of its own before it that agrees: "A government spokesman said he expected
        what he called ..." is the spokesman's, "The union says it wants what it calls ..." the
        union's, even when no name is given (a name in an earlier sentence is not taken
        instead). None when no such subject is found."""
        wanted = PRONOUNS.get(pronoun.lower(), "")
        if wanted not in ("Masc", "Fem", "Neut", "Plur"):
            return None
        pronoun_token = parsed.tokens[pronoun_i]
        for verb in parsed.ancestors(pronoun_i):
            subject_i = next((c.i for c in parsed.children(verb.i)
                              if c.dep in ("nsubj", "nsubjpass") and c.i < pronoun_i
                              and not self.inside_quote(c.start)), None)
            if subject_i is None:
                continue
            subject = parsed.tokens[subject_i]
            if subject.pos == "PRON":
                if subject.text.lower() == pronoun.lower():
                    continue  # "he said he ...": the same pronoun, further up
                return None
            if subject.pos == "PROPN" and wanted == "Neut":
                # "The Kremlin keeps saying it wants": a named organisation or state
                speaker, kind, words = self.speaker_of(parsed, subject_i, position)
                if kind not in _ORGANISATION_KINDS | {"group"}:
                    return None
            elif subject.pos == "NOUN" and self._agrees(subject, wanted):
                speaker, kind, words = self.speaker_of(parsed, subject_i, position)
            else:
                return None  # a named person is the resolver's (genders, aliases)
            if speaker is None:
                return None
            return speaker, kind, f"{pronoun_token.text} -> {words}"
        return None

    @staticmethod
    def _agrees(noun, wanted: str) -> bool:
        """Can a common noun be what a pronoun of gender/number ``wanted`` takes up?"""
        organisation = noun.text.lower() in ORGANISATION_WORDS
        plural = noun.tag in ("NNS", "NNPS")
        if wanted in ("Masc", "Fem"):
            return not organisation and not plural
        if wanted == "Neut":
            return organisation and not plural
        return plural  # they

    def statement_maker(self, position: int, noun: str) -> tuple[str, str] | None:
        """Who made the statement (letter, readout, ...) that "the statement" takes up: in the
        nearest of the sentences before that names that noun outside quotes, the subject of the
        verb it hangs from ("Her office said in a statement", "The Kremlin issued a statement")
        or its possessor ("Meloni's statement"); None when that is no named actor."""
        for index in range(position - 1, max(-1, position - 1 - _ANTECEDENT_WINDOW), -1):
            parsed = self.parsed(index)
            if parsed is None or noun not in self.text[self.starts[index]:self.ends[index]].lower():
                continue
            for token in parsed.tokens:
                if token.text.lower() != noun or self.inside_quote(token.start):
                    continue
                owners = [c.i for c in parsed.children(token.i) if c.dep == "poss"]
                verb = next((a for a in parsed.ancestors(token.i)  # said in, issued, sent
                             if a.text.lower() in REPORTING or a.pos == "VERB"), None)
                maker = owners[0] if owners else (
                    self.subject_of_verb(parsed, verb) if verb is not None else None)
                if maker is None or parsed.tokens[maker].text.lower() in SPEECH_NOUNS:
                    continue
                speaker, kind, _ = self.speaker_of(parsed, maker, index)
                if speaker is not None and kind != "unnamed":
                    return speaker, kind
                return None  # the nearest statement was made by no one named
        return None

    def previous_subject(self, position: int):
        """What "it" says for: the subject of the previous sentence (or of the one before it,
        when the previous one was not parsed), when that names an organisation or a state
        ("LG Group has said ... It says"). A person, an unnamed source or a thing is not
        taken, and a heading stops the search."""
        for index in range(position - 1, max(-1, position - 3), -1):
            if self.headings[index]:
                return None
            parsed = self.parsed(index)
            if parsed is None:
                continue
            roots = [t for t in parsed.tokens if t.dep == "ROOT"]
            subjects = [c for root in roots[:1] for c in parsed.children(root.i)
                        if c.dep in ("nsubj", "nsubjpass") and not self.inside_quote(c.start)]
            if not subjects:
                return None
            found = resolve_phrase(parsed, subjects[0].i, self.aliases, self.text)
            if found is not None and found.kind in _ORGANISATION_KINDS:
                return found
            return None
        return None

    def offices(self) -> list[tuple[int, str, str, frozenset[str], str]]:
        """(start, actor, kind, office words, country) of every person the article names
        with a title or apposition ("German Chancellor Olaf Scholz", "Barrot, France's
        foreign minister"), in text order; built on first use."""
        if self._offices is None:
            demonyms = load_demonyms()
            found = []
            for position, sentence_id in enumerate(self.ids):
                people = [e for e in self._entities.get(sentence_id) or () if e[2] == "PERSON"]
                if not people:
                    continue
                parsed = self.parsed(position)
                if parsed is None:
                    continue
                for start, end, _, _ in people:
                    inside = [t.i for t in parsed.tokens if start <= t.start and t.end <= end]
                    if not inside:
                        continue
                    role, country = title_of(parsed, inside[0], inside[-1] + 1, demonyms)
                    if not role:
                        continue
                    named = sorted((m for m in self.mentions[sentence_id]
                                    if m.start < end and start < m.end
                                    and m.kind in PERSON_KINDS),
                                   key=lambda m: m.kind != "person")  # the name, not a role
                    actor, kind = ((named[0].actor, named[0].kind) if named else
                                   (person_key(self.text[start:end].split()), "person"))
                    if actor:
                        found.append((start, actor, kind, frozenset(role.split()),
                                      self._country(country)))
            self._offices = found
        return self._offices

    def _country(self, name: str) -> str:
        return canonical_country(name, self.aliases)

    def office_holder(self, parsed, token_i: int, from_alias_table: bool = True
                      ) -> tuple[str, str] | None:
        """The person a definite description of an office names: the nearest earlier person
        of the article given that office ("the German chancellor" after "German Chancellor
        Olaf Scholz"; "Britain's prime minister"), matching its country where the description
        states one; failing that (``from_alias_table``), the alias table's role for the
        country's demonym. Indefinite descriptions ("a minister") stay unnamed sources."""
        head = parsed.tokens[token_i]
        if head.text.lower() not in OFFICE_NOUNS:
            return None
        phrase = noun_phrase(parsed, token_i)
        determiners = [t for t in phrase if t.dep == "det"]
        owners = [t for t in phrase if t.dep == "poss"]
        if not (owners or determiners and determiners[0].text.lower() == "the"):
            return None
        demonyms = load_demonyms()
        country, words = "", set()
        for token in phrase:
            if token.i == token_i or token.dep in ("det", "case", "punct"):
                continue
            if token.text in demonyms:
                country = demonyms[token.text]
            elif token.ent_type == "GPE":  # "Britain's prime minister", "the US president"
                country = token.text
            elif token.dep == "poss" or token.pos not in ("NOUN", "PROPN", "ADJ"):
                return None  # "his adviser", "the Bank of England's chief": not an office
            elif token.text.lower() not in _OFFICE_IGNORED:
                words.add(token.text.lower())
        country = self._country(country)
        for start, actor, kind, office, holder_country in reversed(self.offices()):
            # "the chancellor" is not "Former Chancellor Merkel", "the president" not "Vice
            # President Vance", unless the description says so
            if (start < head.start and head.text.lower() in office and words <= office
                    and not (office - words) & _OTHER_OFFICE
                    and (not country or country == holder_country)):
                return actor, kind
        if country and from_alias_table:
            # "Britain's prime minister" is the alias table's "British Prime Minister"
            office = " ".join(t.text for t in phrase if t.text.lower() in words | {
                head.text.lower()})
            for demonym in (d for d, c in demonyms.items() if c == country):
                found = find_mentions(f"{demonym} {office}", self.aliases)
                if len(found) == 1 and found[0]["start"] == 0 and found[0]["kind"] == "role":
                    return found[0]["actor"], found[0]["kind"]
        if from_alias_table and words and not country:
            return self.named_role_holder(words | {head.text.lower()})
        return None

    def named_role_holder(self, office: set[str]) -> tuple[str, str] | None:
        """The holder of the alias table's role whose words include ``office`` ("the
        Commission president": "European Commission President"; "the foreign policy chief":
        "EU foreign policy chief"), when the article names that holder (the table's roles
        are dated) and no other role holder it names fits."""
        if self._named_actors is None:
            self._named_actors = {m.actor for mentions in self.mentions.values()
                                  for m in mentions}
        holders = self.aliases.roles_with(office) & self._named_actors
        return (next(iter(holders)), "person") if len(holders) == 1 else None

    def reporting_verbs(self, parsed, start: int, end: int) -> list:
        """Reporting verbs outside the quotation, those that govern it or that it governs
        first ('"...," he said' is often parsed with "said" under the quoted verb), then by
        distance from the quotation."""
        inside_ids = {t.i for t in parsed.tokens if start <= t.start and t.end <= end}
        if not inside_ids:
            return []
        verbs = [t for t in parsed.tokens if t.text.lower() in REPORTING
                 and t.i not in inside_ids and not self.inside_quote(t.start)
                 and t.pos in ("VERB", "AUX")]

        # verbs the quotation hangs from, or that hang from it
        governing = {a.i for k in inside_ids for a in parsed.ancestors(k)}
        heads_inside = {parsed.tokens[k].head for k in inside_ids}

        def linked(verb) -> bool:
            return verb.head in inside_ids or verb.i in heads_inside or verb.i in governing

        return sorted(verbs, key=lambda v: (not linked(v),
                                            min(abs(v.start - end), abs(start - v.end))))

    def subject_of_verb(self, parsed, verb) -> int | None:
        """The subject of ``verb``, or of the verb it is coordinated with or depends on."""
        for candidate in [verb, *parsed.ancestors(verb.i)][:3]:
            subjects = [c for c in parsed.children(candidate.i)
                        if c.dep in ("nsubj", "nsubjpass") and not self.inside_quote(c.start)]
            if subjects:
                return first_subject(subjects).i
            agents = [g for c in parsed.children(candidate.i) if c.dep == "agent"
                      for g in parsed.children(c.i) if g.dep == "pobj"]
            if agents:
                return agents[0].i
            if candidate.dep not in ("conj", "xcomp", "advcl", "relcl"):
                break
        return None

    def name_beside(self, parsed, verb, end: int) -> int | None:
        """The name a reporting verb the parser gave no subject stands with: after a
        quotation that ends before the verb, the first name outside it ('"...," Andrew
        Pendleton, Christian Aid's head of trade policy, said'); otherwise a name right
        before the verb ("on Wednesday Lord Woolf said:", "the Treasury, George Osborne,
        said:"). A possessor ("Christian Aid's") is no speaker. Returns the name's last
        token."""
        names = [k for k in range(len(parsed.tokens)) if self._name_ends_at(parsed, k)
                 and not self.inside_quote(parsed.tokens[k].start)]
        if end <= verb.start:
            after = [k for k in names if parsed.tokens[k].start >= end and k < verb.i]
            if after and _CLOSING_ONLY.fullmatch(
                    self.text[end:parsed.tokens[self._name_start(parsed, after[0])].start]):
                return after[0]
        k = verb.i - 1
        while k >= 0 and parsed.tokens[k].text == ",":
            k -= 1
        return k if k in names else None

    @staticmethod
    def _name_start(parsed, k: int) -> int:
        """The first token of the name whose last token is ``k``."""
        while (k > 0 and parsed.tokens[k].ent_iob == "I"
               and parsed.tokens[k - 1].ent_type == parsed.tokens[k].ent_type):
            k -= 1
        return k

    @staticmethod
    def _name_ends_at(parsed, k: int) -> bool:
        token = parsed.tokens[k]
        if token.pos != "PROPN" or token.ent_type not in ("PERSON", "ORG", "GPE", "NORP"):
            return False
        following = parsed.tokens[k + 1] if k + 1 < len(parsed.tokens) else None
        if following is not None and following.ent_type == token.ent_type \
                and following.ent_iob == "I" and following.pos == "PROPN":
            return False  # not the name's last word
        return token.dep != "poss" and not (following is not None and following.dep == "case")

    def attribute(self, start: int, end: int, balanced: bool, previous: dict | None
                  ) -> tuple[str | None, str | None, str, str]:
        """(speaker, speaker_kind, attribution, cue) for the quote at text[start:end]."""
        if _SO_CALLED.search(self.text, max(0, start - 12), max(0, start - 1)):
            return None, None, "none", "so-called"  # a label no one in the text is said to use
        first = self.sentence_at(start - 1)
        last = self.sentence_at(end)
        continues = (previous is not None and previous["speaker"] is not None
                     and not self.names_another_person_between(previous["end"], start,
                                                               previous["speaker"]))
        unresolved = ""
        for position in dict.fromkeys([last, first]):  # the closing sentence first
            parsed = self.parsed(position)
            if parsed is None:
                continue
            for verb in self.reporting_verbs(parsed, start, end):
                subject = self.subject_of_verb(parsed, verb)
                if subject is None:
                    subject = self.name_beside(parsed, verb, end)
                if subject is None:
                    continue
                speaker, kind, words = self.speaker_of(parsed, subject, position)
                if speaker is not None:
                    return speaker, kind, "reporting_verb", f"{words} {verb.text}".strip()
                unresolved = unresolved or f"{words} {verb.text}"
                break
            according = according_to_head(parsed)
            if according is not None:
                speaker, kind, words = self.speaker_of(parsed, according, position)
                if speaker is not None:
                    return speaker, kind, "according_to", f"according to {words}"
        if not unresolved and (found := self.line_label_speaker(start)) is not None:
            return found  # (a reporting verb's subject on the line, even unresolved, is first)
        if continues and previous["end"] >= self.starts[first] - 2:
            # '"A," she said, "B."' or '"A," he said. "B."': the rest of a split quote
            return (previous["speaker"], previous["speaker_kind"], "continuation",
                    f"continues quote {previous['quote_id']}")
        if first > 0 and self.text[self.starts[first] - 3:self.starts[first]].strip().endswith(
                ":"):
            parsed = self.parsed(first - 1)
            if parsed is not None:  # 'He told reporters:' ending the previous paragraph
                for verb in reversed([t for t in parsed.tokens
                                      if t.text.lower() in REPORTING]):
                    subject = self.subject_of_verb(parsed, verb)
                    if subject is not None:
                        speaker, kind, words = self.speaker_of(parsed, subject, first - 1)
                        if speaker is not None:
                            return speaker, kind, "colon_introduction", f"{words} {verb.text}:"
                if (found := self.colon_speaker(parsed, len(parsed.tokens) - 1, first - 1)):
                    return found  # 'Tsahkna put the Baltic view this way:'
        line_start = self.text.rfind("\n", self.starts[first], start) + 1 or self.starts[first]
        if not self.text[line_start:start - 1].strip() and (
                found := self.dash_line_speaker(end)) is not None:
            return found  # a quote box's own label ("QUOTE OF THE DAY") is no subject
        parsed = self.parsed(first)
        if parsed is not None:
            colons = [t.i for t in parsed.tokens if t.text == ":" and t.end <= start
                      and not self.text[t.end:start - 1].strip()]
            if colons and (found := self.colon_speaker(parsed, colons[-1], first)):
                return found  # 'the prime minister put it bluntly: "..."'
            found = self.governing_subject(parsed, start, end, first)
            if found is not None:
                return found
        opens_sentence = not self.text[self.starts[first]:start - 1].strip()
        # after '"A," she said.' the next quotation continues hers (rule 3)
        split = continues and first > 0 and previous["end"] > self.starts[first - 1]
        if (opens_sentence and not split and not unresolved  # its own "one said" is no one
                and (found := self.previous_sentence_speaker(first)) is not None):
            return found
        if continues and opens_sentence:
            return (previous["speaker"], previous["speaker_kind"], "continuation",
                    f"continues quote {previous['quote_id']}")
        return None, None, "none", unresolved and f"{unresolved} (unresolved)"

    def colon_speaker(self, parsed, colon_i: int, position: int):
        """A quotation introduced by a colon after a clause whose verb is no reporting verb
        ("put it bluntly:", "had a message for Moscow:", "was blunt:"): the subject of the
        verb the colon closes, when it names someone (not "The plan has three parts:")."""
        if parsed.tokens[colon_i].text != ":":
            return None
        verb = parsed.tokens[parsed.tokens[colon_i].head]
        if verb.pos not in ("VERB", "AUX"):  # the colon hangs from the object: "a message:"
            verb = next((a for a in parsed.ancestors(verb.i)[:2] if a.pos in ("VERB", "AUX")),
                        verb)
        if self.inside_quote(verb.start):
            # the parser made the quotation the sentence's root and the introduction its
            # clause ("One official had a message: "Nobody will pay twice.""")
            verb = next((t for t in reversed(parsed.tokens[:colon_i])
                         if t.pos in ("VERB", "AUX") and t.dep in ("ccomp", "parataxis")
                         and self.inside_quote(parsed.tokens[t.head].start)), verb)
        if verb.pos not in ("VERB", "AUX") or self.inside_quote(verb.start):
            return None
        subject = self.subject_of_verb(parsed, verb)
        if subject is None:
            return None
        speaker, kind, words = self.speaker_of(parsed, subject, position)
        if speaker is None or (kind == "unnamed" and not _SOURCE_HEAD.search(words)):
            return None
        return speaker, kind, "colon_introduction", f"{words} {verb.text}:"

    def line_label_speaker(self, start: int):
        """The name that opens the quotation's line before a colon ("Macron: force would be
        "a reassurance force"", "14:05 CET - Kremlin: ... "unacceptable"", "Costa, opening the
        meeting: "...""), as headings, bullets and transcripts name a source: the label is a
        name (with its title) and perhaps a comma's short phrase, nothing else ("Russia's
        answer:" names no source). A reporting verb on the line comes first."""
        line_start = self.text.rfind("\n", 0, start) + 1
        label = _LINE_PREFIX.match(self.text, line_start).end()
        colon = _LABEL_END.search(self.text, label, start)
        if colon is None or not self.text[label:label + 1].isupper():
            return None
        name_end = colon.start()
        while name_end > label and self.text[name_end - 1].isspace():
            name_end -= 1
        comma = self.text.find(",", label, name_end)
        name_end = name_end if comma < 0 else comma
        if len(self.text[label:name_end].split()) > _LABEL_WORDS:
            return None
        position = self.sentence_at(label)
        if self.sentence_at(start - 1) != position:
            return None  # a transcript's answer quoting others later on: not the label's
        named = [m for m in self.mentions[self.ids[position]]
                 if m.end == name_end and label <= m.start and m.kind != "unnamed"]
        parsed = self.parsed(position)
        ends = [t.i for t in parsed.tokens if t.end == name_end and t.start >= label] \
            if parsed is not None else []
        if not ends or any(t.pos not in _LABEL_POS for t in parsed.tokens
                           if label <= t.start and t.end <= name_end):
            return None  # "At our conference on Friday, ..., put it this way:" is no label
        if named:  # a name the article gave in full before ("Pedro Sanchez" ... "Sanchez:")
            return named[0].actor, named[0].kind, "line_label", \
                self.text[label:colon.end()].strip()
        speaker, kind, _ = self.speaker_of(parsed, ends[0], position)
        if speaker is None or kind in ("unnamed", "pronoun"):
            return None
        words = self.text[label:name_end]
        person = [t.text for t in parsed.tokens
                  if label <= t.start and t.end <= name_end and t.ent_type == "PERSON"]
        titled = words.split()[0].lower() in TITLES  # "Councillor Amara Okonjo"
        if speaker not in words or kind == "name" and (person or titled):
            # the phrase ran back over the line's time stamp ("09:45 GMT - Met Office"), or
            # names a person: the label alone, a person by surname
            speaker = (person_key(person) if person else
                       person_key(words.split()) if titled else words.strip())
        if kind == "name" and not _OPENING_MARKS.fullmatch(self.text, colon.end(), start):
            # a word the table and the recognizer do not know labels a topic when the
            # quotation comes later on the line ("Oil: Brent rose, traders calling it "...")
            return None
        return speaker, kind, "line_label", self.text[label:colon.end()].strip()

    def dash_line_speaker(self, end: int):
        """A quotation that ends its line, attributed on the very next line after a dash, as in
        a quote box or an epigraph ('"There can be no deal without us."' then '- Jane Doe,
        foreign minister'; a blank line between counts, as a cleaner may put one): the person
        that line names, when it names only that person and perhaps a title after a comma. Not
        a bullet that says something of its own ("- Doe travelled to Kyiv", "- Doe (left) with
        Roe"), nor the first item of a list."""
        after = _DASH_LINE.match(self.text, end + 1, end + 1 + _DASH_LINE_CHARS)
        if after is None:
            return None
        line_start, line_end = after.span("line")
        if self.text[line_end:line_end + 1] not in ("", "\n") or _NEXT_ITEM.match(
                self.text, line_end):
            return None  # longer than an attribution line, or the first item of a list
        mentions = [m for m in self.mentions[self.ids[self.sentence_at(line_start)]]
                    if line_start <= m.start < line_end]
        persons = [m for m in mentions if m.kind in PERSON_KINDS]
        if not persons or persons[0].start != line_start or len(
                {m.actor for m in persons}) > 1:
            return None
        rest = self.text[persons[0].end:line_end]
        if not _DASH_LINE_TITLE.fullmatch(rest):
            return None
        person = persons[0]
        return (person.actor, person.kind, "dash_line",
                f"{self.text[person.start:person.end]} (line after)")

    def previous_sentence_speaker(self, position: int):
        """A quotation standing as a sentence of its own right after a sentence whose main
        verb reports or states a view ("Prof Lovenduski said she was shocked at the findings.
        "We expected a bit of this ..."): the subject of that verb, the news convention of
        introducing a quote in indirect speech. Not across a heading."""
        if position == 0 or self.headings[position - 1]:
            return None
        parsed = self.parsed(position - 1)
        if parsed is None:
            return None
        root = next((t for t in parsed.tokens if t.dep == "ROOT"), None)
        put_it = root is not None and root.text.lower() in ("put", "puts") and any(
            c.dep == "dobj" and c.text.lower() == "it" for c in parsed.children(root.i))
        if (root is None or self.inside_quote(root.start)
                or root.text.lower() not in REPORTING | _VIEW_VERBS and not put_it  # bluntly
                or any(c.dep in ("nsubjpass", "auxpass") for c in parsed.children(root.i))):
            return None  # "X was criticised by ..." or "The vote was expected": not X's words
        subject = self.subject_of_verb(parsed, root)
        if subject is None:
            return None
        speaker, kind, words = self.speaker_of(parsed, subject, position - 1)
        if speaker is None:
            return None
        return speaker, kind, "previous_sentence", f"{words} {root.text} (sentence before)"

    def governing_subject(self, parsed, start: int, end: int, position: int):
        """A quoted phrase inside a sentence: the subject of the verb that governs it
        ("Lavrov praised the "constructive" talks"), or the possessor of the noun it names
        ("Macron's "reassurance force"")."""
        inside = [t for t in parsed.tokens if start <= t.start and t.end <= end]
        if not inside:
            return None
        ids = {t.i for t in inside}
        root = next((t for t in inside if t.head not in ids or t.head == t.i), inside[0])
        owners = [c for c in parsed.children(root.i) if c.dep == "poss" and c.i not in ids]
        if owners:  # the quoted words are the possessed noun: "Macron's "reassurance force""
            speaker, kind, words = self.speaker_of(parsed, owners[0].i, position)
            if speaker is not None and kind != "unnamed":
                return speaker, kind, "possessive", f"{words} {root.text}"
        for ancestor in [root, *parsed.ancestors(root.i)]:
            named = ancestor.dep == "dobj" and (
                parsed.tokens[ancestor.head].text.lower() in _NAMING_VERBS)
            if ancestor.text.lower() in SPEECH_NOUNS and not named:
                # "His remark about ... "very soon""; not "calling Kallas's remarks "an
                # insult"", where the words are the caller's about the remarks
                owners = [c for c in parsed.children(ancestor.i) if c.dep == "poss"]
                if owners:
                    speaker, kind, words = self.speaker_of(parsed, owners[0].i, position)
                    if speaker is not None and kind != "unnamed":
                        return speaker, kind, "possessive", f"{words} {ancestor.text}"
            if ancestor.pos not in ("VERB", "AUX"):
                continue
            for child in parsed.children(ancestor.i):
                if child.dep in ("nsubj", "nsubjpass") and child.i not in ids \
                        and not self.inside_quote(child.start):
                    speaker, kind, words = self.speaker_of(parsed, child.i, position)
                    if speaker is not None and kind != "unnamed":
                        return speaker, kind, "sentence_subject", f"{words} {ancestor.text}"
                    return None
        return None


@cache
def _source_names() -> frozenset[str]:
    """Outlets, agencies and platforms (the source table): never a person, even where the
    recognizer says so ("formerly Twitter")."""
    return frozenset(load_source_table()["alias"])


_LINKING = r"(?:(?:of|for|and|the|on|in|&)\s+)*"


def spelled_out(acronym: str, before: str) -> str | None:
    """The last name in ``before`` whose capitalised words make ``acronym``.

    >>> spelled_out("WTO", "figures from the World Tourism Organisation show a rise. The")
    'World Tourism Organisation'
    >>> spelled_out("BoE", "the Bank of England"), spelled_out("NFC", "no such name")
    (None, None)
    >>> spelled_out("PM", "Prime Minister Keir Starmer said")  # an office, not an organisation
    """
    if not acronym.isupper():
        return None
    pattern = r"\b" + (r"[\w'-]*\s+" + _LINKING).join(
        re.escape(letter) for letter in acronym) + r"[\w'-]*"
    found = [m.group() for m in re.finditer(pattern, before)
             if not any(word.lower() in TITLES | {"member", "members"} for word in
                        m.group().split())]  # "the PM" is no "Prime Minister" organisation
    return found[-1] if found else None


_NAME_BREAK = re.compile(r"\s+[-–—|/]\s+")
_TITLE_BEFORE = re.compile(r"\b(?:" + "|".join(sorted(TITLES)) + r")\.?\s+$", re.IGNORECASE)


def _people_named_in_full(entities: dict[int, list | None], text: str) -> frozenset[str]:
    """Surnames the recognizer sees as people that the article gives, somewhere in its text,
    a capitalised first name or a title ("Florian Hamm", "Mr Hamm"): a lone word it calls a
    person and the article never names so ("Yukos") is no antecedent for "he". The whole
    text is read, since only some sentences are parsed."""
    full, judged = set(), set()  # each name is judged once
    places: dict[str, list[int]] | None = None  # where each capitalised word stands, found once
    for found in entities.values():
        for start, end, label, _ in found or ():
            if label != "PERSON":
                continue
            words = name_words(text[start:end].split())
            key = person_key(words)
            if not key or key in full or (key in judged and len(words) < 2):
                continue
            judged.add(key)
            if len(words) >= 2:
                full.add(key)
                continue
            if places is None:
                places = {}
                for word in _CAPITALISED.finditer(text):
                    places.setdefault(word.group(), []).append(word.start())
            if any(_TITLE_BEFORE.search(text[max(0, at - 20):at]) or _given_name_before(text, at)
                   for at in places.get(key, ())):
                full.add(key)
    return frozenset(full)


_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*\b")


def _given_name_before(text: str, start: int) -> bool:
    """A capitalised word right before ``start`` that is no sentence-opening function word
    ("Florian Hamm", not "The Yukos board" or "Shares in Yukos")."""
    before = re.search(r"([A-Z][\w'-]+)\s+$", text[max(0, start - 30):start])
    return (bool(before) and before.group(1).lower() not in _NOT_GIVEN_NAMES
            and before.group(1) not in load_demonyms())  # "Russian Yukos" is no first name


_NOT_GIVEN_NAMES = CALENDAR_WORDS | frozenset(
    "the a an in on at of for and but as by with from to this that these those its his her "
    "their our new old".split())


def _with_entity_people(mentions: list[_Mention], entities: list[tuple[int, int, str, str]],
                        text: str, not_people: frozenset[str] = frozenset(),
                        named_in_full: frozenset[str] | None = None) -> list[_Mention]:
    """The sentence's mentions and the people its entities name that no mention covers,
    in text order (a person named once is still an antecedent for "he" or "she"); only those
    in ``named_in_full`` when it is given."""
    extra = []
    for start, end, label, dep in entities:
        if label == "PERSON" and (cut := _NAME_BREAK.search(text, start, end)):
            end = cut.start()  # "Florian Hamm - Borussia Dortmund": the person is before it
        possessive = text.endswith("'s", start, end)  # the recognizer may take the "'s" in
        if possessive:
            end -= 2
        if (label != "PERSON" or text[start:end] in not_people
                or any(m.start < end and start < m.end for m in mentions)):
            continue
        key = person_key(text[start:end].split())
        if key and (named_in_full is None or key in named_in_full):
            extra.append(_Mention(key, "person", start, end, possessive
                                  or dep in ("pobj", "poss") or text.startswith("'s", end)))
    return sorted(mentions + extra, key=lambda m: m.start)


def _with_honorific_people(mentions: list[_Mention], text: str, start: int, end: int
                           ) -> list[_Mention]:
    """The sentence's mentions and the people an honorific names that no mention covers
    ("Lord Browne believes ...", which the recognizer may miss): antecedents for "he" and
    "she", filed by surname."""
    extra = []
    for match in HONORIFIC_NAME.finditer(text, start, end):
        name_start, name_end = match.span("name")
        if text.startswith("'s", name_end - 2):
            name_end -= 2
        if any(m.start < name_end and name_start < m.end for m in mentions):
            continue
        key = person_key(text[name_start:name_end].split())
        if key:
            extra.append(_Mention(key, "person", name_start, name_end,
                                  _previous_word(text, match.start()) in PREPOSITIONS
                                  or text.startswith("'s", name_end)))
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _names_a_person(noun: str) -> bool:
    """Is ``noun`` a common noun for a person: an office, a source, "economist"?"""
    return noun.lower() in OFFICE_NOUNS | _PERSON_NOUNS or bool(_SOURCE_HEAD.fullmatch(noun))


def _with_surnames(mentions: list[_Mention], text: str, start: int, end: int,
                   surnames: re.Pattern[str]) -> list[_Mention]:
    """The sentence's mentions and the surnames of people the article names in full that no
    mention covers: the recognizer may call "Aasland" a place in one sentence and a person
    in the next, and "he" should still find him."""
    extra = [_Mention(match.group(), "person", match.start(), match.end(),
                      _previous_word(text, match.start()) in PREPOSITIONS
                      or text.startswith("'s", match.end()))
             for match in surnames.finditer(text, start, end)
             if not any(m.start < match.end() and match.start() < m.end for m in mentions)]
    return sorted(mentions + extra, key=lambda m: m.start) if extra else mentions


def _honorific_genders(text: str, mentions: dict[int, list[_Mention]]) -> dict[str, str]:
    """Genders the article states by honorifics ("Mr Blair", "Mrs May")."""
    genders: dict[str, str] = {}
    for sentence_mentions in mentions.values():
        for mention in sentence_mentions:
            before = text[max(0, mention.start - 6):mention.start]
            if re.search(r"\b(?:Mr|Sir|Lord)\.?\s+$", before):
                genders.setdefault(mention.actor, "Masc")
            elif re.search(r"\b(?:Mrs|Ms|Miss|Dame|Lady)\.?\s+$", before):
                genders.setdefault(mention.actor, "Fem")
    return genders


_TYPOGRAPHIC_MARKS = str.maketrans({**dict.fromkeys("\u201c\u201d\u201e\u201f\u00ab\u00bb", '"'),
                                     **dict.fromkeys("\u2018\u2019\u201a\u201b", "'")})


def extract_quotes(articles: pd.DataFrame, sentences: pd.DataFrame,
                   aliases: pd.DataFrame | None = None, parses: Parses | None = None
                   ) -> pd.DataFrame:
    """All direct quotes of every article, with speaker and the rule that attributed it.

    Columns: ``doc_id``, ``quote_id`` (0-based in the article), ``paragraph_id``,
    ``sentence_id`` (where the quote opens), ``start`` and ``end`` (offsets of the quoted
    words in the cleaned text), ``quote``, ``n_words``, ``kind`` (full | fragment),
    ``balanced``, ``speaker`` (canonical actor, a surname, or an unnamed source as
    described; empty when unattributed), ``speaker_kind`` (the actor's kind; ``unnamed`` for
    an unnamed source), ``attribution`` (reporting_verb | according_to | continuation |
    colon_introduction | sentence_subject | possessive | dash_line | previous_sentence |
    none) and ``cue`` (the words that decided it). ``parses`` are those of
    :mod:`helpers.syntax` (parsed here when not given).
    """
    aliases = alias_matcher(load_alias_table() if aliases is None else aliases)
    parses = parse_sentences(sentences) if parses is None else parses
    rows: list[dict] = []
    headings = (sentences["is_heading"].astype(bool) if "is_heading" in sentences
                else False)
    by_doc = dict(sentences_by_document(sentences.assign(is_heading=headings),
                                        ["sentence_id", "start", "end", "is_heading"]))
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        doc_sentences = by_doc.get(doc_id)
        if not doc_sentences:
            continue
        # a text not cleaned by helpers.corpus: its typographic marks read as straight ones,
        # one character for one, so every offset stays the sentences table's
        text = text.translate(_TYPOGRAPHIC_MARKS)
        attributor = _Attributor(doc_id, text, doc_sentences, aliases, parses)
        spans = [(paragraph_id, paragraph.start() + start, paragraph.start() + end, balanced)
                 for paragraph_id, paragraph in enumerate(re.finditer(r"[^\n]+", text))
                 for start, end, balanced in quote_spans(paragraph.group())]
        attributor.set_quotes([(start, end) for _, start, end, _ in spans])
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
    # "the Commission said" in an article that names the European Commission
    return with_short_forms(pd.DataFrame(rows, columns=QUOTE_COLUMNS), "speaker",
                            dict(zip(articles["doc_id"], articles["text"])), aliases)


def quote_summary(quotes: pd.DataFrame, groups: pd.Series | None = None) -> pd.DataFrame:
    """Per article (or per group of articles, ``groups``: doc_id -> group, named by its
    unit): quotes found, attributed, unattributed, unbalanced, full and fragments."""
    if groups is not None:
        quotes = quotes.assign(doc_id=quotes["doc_id"].map(groups))
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
    return summary.rename_axis(groups.name) if groups is not None else summary


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
            # the cue is a few words away: look only there, so a long text stays linear
            before = _CUE_BEFORE.search(sentence[max(0, match.start() - _CUE_REACH):
                                                 match.start()])
            after = _CUE_AFTER.match(sentence, match.end(), match.end() + _CUE_REACH)
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
