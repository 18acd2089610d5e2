"""Political claims: who takes which position on which issue, coded by auditable rules.

The codebook (``data/stance_codebook.yml``, read by :func:`load_codebook`) is the single
source of the issues, their cue patterns and the stance cues; this module only applies it.
For every sentence of every article (a heading's claims count, but a heading is no antecedent):

1. **Issues**: each codebook cue found in the sentence is an issue mention. Overlapping
   mentions keep the longest, so "US security guarantees" is ``us_backstop``, not also
   ``security_guarantees``. An *inverse* cue names the opposite of its issue ("lifting
   sanctions", "a deal without Kyiv's involvement"), so the stance found for it is flipped.
2. **Claimants**, by the first rule that applies (the rule is kept in ``claimant_rule``):
   ``quote``: the mention is inside a quotation with a known speaker (``helpers.quotes``);
   ``according_to``: "according to X" (a pronoun resolves to the previous sentence's person);
   ``relative_clause``: "X, who insisted that ..." gives X;
   ``subject``: the actors before the first claim verb of the mention's clause that has any
   (all of them: "Germany, Poland and Spain announced" gives three claims), leaving out those
   governed by a
   preposition ("with Trump"), possessives ("Trump's envoy"), parts of a group ("some European
   leaders") and words inside quotations; a sentence opening with He/She/His resolves it,
   one opening with They takes up the actors that opened one of the two sentences before;
   ``possessive``: "Trump's push for negotiations" gives Trump;
   a trailing attribution (", Polish Prime Minister Donald Tusk confirmed.") adds its speaker.
   ``list_introduction``: a bullet under "X agreed four steps:" is X's claim;
   ``colon_list``: an item of a list after a colon in the sentence is its introducer's
   ("Starmer's four points are clear: keep arming Ukraine, keep the sanctions").
   In both coders a definite plural noun is the group named with that head noun in the last
   three sentences ("European leaders met ... The leaders agreed",
   :class:`helpers.actors.GroupAnaphora`).
3. **Stance**, in the mention's clause, by the first codebook cue list that applies:
   ``oppose`` cues (not one followed by "from": "pushback from France" is France's);
   ``oppose_called`` cues, what the issue is called (read by the parse coder only, which
   knows where that is: "a deployment would be a direct threat"); ``oppose_before`` cues
   (acts that stop the issue, "paused its military aid", unless the stop is itself lifted
   or ended); a ``negation`` in the eight words before the issue ("not ready to send
   troops"); ``neutral`` cues ("cautious", "asks"); ``support`` cues; else the codebook's
   ``stance_without_cue``.

These are the ``rules``. :func:`code_claims` also has a ``parse`` coder, which reads claimants
and the scope of the stance cues off the dependency parse (:mod:`helpers.syntax`), and by
default combines the two (``combined``: the parse's claims, and the rules' claims from colon
lists, list introductions and adjacent subjects, layouts the parse does not read; until
codebook v8 it was the rules' claims with a few of the parse's, which did worse on text
neither coder was written on). A carried issue (``carried_issue``) is a
sentence with no issue cue whose main predicate takes up the one issue of the sentence before
with an anaphor ("Denmark and Sweden are open to it", "Italy has said no"), or a clause
coordinated with the issue's that does ("..., and Paris is saying the same"). In the parse
coder a capital that takes a position is its state, "according to X" speaks for the clause, a
condition on the predicate ("only if") is in the stance's scope, and a possessor claims only
through a noun naming a position ("Trump's push", not "Ukraine's acquisition").

Each claim keeps the sentence, the issue cue, the stance cue and the claimant rule, so every
code can be checked by a reader. No rule names an article. Actors are the alias table's and
those :func:`helpers.actors.discover_actors` found. Known limits: claims spread over several
sentences in other ways (an issue named two sentences back), positions stated without any of
the codebook's cues, irony and speech reported twice over are not understood; the parse coder
inherits the parser's attachment errors.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import krippendorff
import networkx as nx
import numpy as np
import pandas as pd
import yaml
from sklearn.metrics import cohen_kappa_score, confusion_matrix

from helpers.actors import (
    GROUP_NOUNS,
    PRONOUNS,
    AliasMatcher,
    GroupAnaphora,
    alias_matcher,
    canonical_country,
    conjuncts,
    find_mentions,
    first_subject,
    load_alias_table,
    load_capitals,
    load_demonyms,
    noun_phrase,
    plural_subject,
    resolve_phrase,
    with_short_forms,
)
from helpers.paths import PACKAGE_DATA_DIR
from helpers.quotes import PERSON_KINDS, PREPOSITIONS, SPEECH_NOUNS
from helpers.syntax import (
    Parses,
    according_to_head,
    needs_parse,
    parse_sentences,
    within_length,
)
from helpers.text import sentences_by_document

STANCES = ("support", "oppose", "neutral")
CLAIM_COLUMNS = ["doc_id", "sentence_id", "actor", "issue", "stance", "cue", "sentence",
                 "issue_cue", "claimant_rule"]
ARTICLE_COLUMNS = ["doc_id", "actor", "issue", "stance", "claims"]
ANNOTATION_COLUMNS = ["doc_id", "sentence_id", "actor", "issue", "stance", "evidence"]
_QUANTIFIERS = re.compile(r"\b(?:some|several|many|few|most|other)\s+$", re.IGNORECASE)
# Clause boundaries. After an issue mention: a new clause, a relative clause about it, or a
# coordinated clause with its own named subject (", and Putin rejected ...").
_BOUNDARY_AFTER = re.compile(
    r";|,\s+(?:but|while|though|although|whereas|which|who|echoing|according|as(?!\s+well))\b"
    r"|,?\s+but\s|,\s+and\s+(?=[A-Z])"
)
_BOUNDARY_BEFORE = re.compile(
    r";|,\s+(?:but|while|though|although|whereas|as(?!\s+well))\b|,?\s+but\s"
    r"|,\s+and\s+(?=[A-Z])"
)
_OPENING_PRONOUN = re.compile(r"^\s*(?:he|she|his|her)\b", re.IGNORECASE)
_OPENING_THEY = re.compile(r"^\s*they\b", re.IGNORECASE)
# a sentence opening with a plural no actor names ("Russian leaders", "Critics", "The talks")
_OTHER_PLURAL = re.compile(r"^\W*(?:(?:[A-Z][\w-]*|the|some|many|most)\s+)?[A-Za-z]+s\b")
_PLURAL_REACH = 2  # sentences after the one naming them in which "they" takes up a group
_NEGATION_WINDOW = 8  # words before an issue mention in which a negation counts
# a negation up to two words before an oppose cue, in the same phrase, denies it ("did not
# rule out", "has never really opposed", "no threat"); "not only rejected" still rejects
_DENIAL = re.compile(r"(?:\bnot(?!\s+(?:only|just|merely|simply|hesitate)\b)|\bnever|\bcannot"
                     r"|n['\u2019]t|\bno longer|\bno)(?:\s+[\w-]+){0,2}\s+$", re.IGNORECASE)
_ACCORDING_TO = re.compile(r"\baccording to\s+(?P<who>him|her|[A-Z][^,.;]{0,60})", re.I)
_RELATIVE = re.compile(r",\s+who\b")


class CodebookError(ValueError):
    """The codebook or an annotations file is malformed (names the file and the problem)."""


@dataclass(frozen=True)
class Codebook:
    version: int
    issues: pd.DataFrame  # id, label, definition, include, exclude, cues, inverse_cues
    stance_cues: dict[str, tuple[str, ...]]
    claim_verbs: tuple[str, ...]
    path: str
    without_cue: str = "neutral"  # the stance of a claim whose clause has no stance cue

    @property
    def issue_ids(self) -> list[str]:
        return self.issues["id"].tolist()


def _compile(patterns, name: str, path) -> re.Pattern[str]:
    for pattern in patterns:
        if not isinstance(pattern, str):  # YAML reads a bare no as false, a ': ' as a mapping
            raise CodebookError(f"{path}: pattern in {name} is not a string: {pattern!r} "
                                "(put it in quotes)")
    try:
        return re.compile(r"(?<![\w])(?:" + "|".join(f"(?:{p})" for p in patterns) + r")(?![\w])",
                          re.IGNORECASE)
    except re.error as error:
        raise CodebookError(f"{path}: pattern in {name} does not compile: {error}") from None


def _load_codebook(path: str) -> Codebook:
    return _load_codebook_version(path, Path(path).stat().st_mtime_ns if Path(path).exists()
                                  else 0)


@cache
def _load_codebook_version(path: str, modified: int) -> Codebook:
    """Parsed once per file version: editing the YAML takes effect in a running kernel."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise CodebookError(f"{path}: cannot read the codebook: {error}") from None
    if not isinstance(data, dict) or not data.get("issues"):
        raise CodebookError(f"{path}: no 'issues' list")
    if not isinstance(data["issues"], list):
        raise CodebookError(f"{path}: 'issues' must be a list of issues")
    rows = []
    for issue in data["issues"]:
        if not isinstance(issue, dict) or not issue.get("id") or not issue.get("cues"):
            raise CodebookError(f"{path}: every issue needs an 'id' and 'cues': {issue!r}")
        for key in ("cues", "inverse_cues", "frames"):
            if not isinstance(issue.get(key, []), list):
                raise CodebookError(f"{path}: issue {issue['id']}: '{key}' must be a list")
        rows.append({key: issue.get(key, "") for key in
                     ("id", "label", "definition", "include", "exclude")}
                    | {"cues": tuple(issue["cues"]),
                       "inverse_cues": tuple(issue.get("inverse_cues", ())),
                       "frames": tuple(issue.get("frames", ()))})
    issues = pd.DataFrame(rows)
    if issues["id"].duplicated().any():
        raise CodebookError(f"{path}: duplicate issue ids")
    cues = data.get("stance_cues") or {}
    missing = {"support", "oppose", "neutral", "negation"} - set(cues)
    if missing:
        raise CodebookError(f"{path}: stance_cues lacks {', '.join(sorted(missing))}")
    for name, patterns in cues.items():
        if not isinstance(patterns, list) or not patterns:
            raise CodebookError(f"{path}: stance_cues.{name} must be a non-empty list")
    if not isinstance(data.get("claim_verbs"), list) or not data["claim_verbs"]:
        raise CodebookError(f"{path}: 'claim_verbs' must be a non-empty list")
    try:
        version = int(data.get("version", 0))
    except (TypeError, ValueError):
        raise CodebookError(f"{path}: version must be a whole number, not "
                            f"{data.get('version')!r}") from None
    without_cue = data.get("stance_without_cue", "neutral")
    if without_cue not in STANCES:
        raise CodebookError(f"{path}: stance_without_cue must be one of {', '.join(STANCES)}, "
                            f"not {without_cue!r}")
    codebook = Codebook(version, issues,
                        {k: tuple(v) for k, v in cues.items()}, tuple(data["claim_verbs"]),
                        str(path), without_cue)
    for name, patterns in [*codebook.stance_cues.items(), ("claim_verbs", codebook.claim_verbs),
                           *((f"issue {i}", c + v) for i, c, v in
                             zip(issues["id"], issues["cues"], issues["inverse_cues"]))]:
        _compile(patterns, name, path)
    return codebook


def load_codebook(path: Path | str | None = None) -> Codebook:
    """The stance codebook (the packaged one by default), checked and ready to apply."""
    return _load_codebook(str(path or PACKAGE_DATA_DIR / "stance_codebook.yml"))


def codebook_summary(codebook: Codebook | None = None) -> pd.DataFrame:
    """One row per issue: id, label, definition, and its cue patterns, for readers (without
    the look-around conditions that keep a cue from other senses: :func:`readable_pattern`),
    the inverse cues and the frames ("[not after]": a cue right after them names a time)."""
    codebook = codebook or load_codebook()
    table = codebook.issues[["id", "label", "definition"]].copy()
    # frames: the words before a cue that make it a time ("after a ceasefire"), not the issue
    table["cues"] = [", ".join(readable_pattern(x) for x in c + tuple(f"[inverse] {x}" for x in v)
                               + tuple(f"[not after] {x}" for x in f))
                     for c, v, f in zip(codebook.issues["cues"], codebook.issues["inverse_cues"],
                                        codebook.issues["frames"])]
    return table.set_index("id")


def readable_pattern(pattern: str) -> str:
    """A cue pattern less its look-around groups, which say where it does not apply.

    >>> readable_pattern(r"(?<!Russian )troops?(?! of (?!the\\b))")
    'troops?'
    """
    kept, k = [], 0
    while k < len(pattern):
        if pattern.startswith(("(?<!", "(?<=", "(?!", "(?="), k):
            depth = 0
            while k < len(pattern):  # skip the balanced group (escaped brackets kept apart)
                if pattern[k] == "\\":
                    k += 2
                    continue
                depth += {"(": 1, ")": -1}.get(pattern[k], 0)
                k += 1
                if depth == 0:
                    break
            continue
        kept.append(pattern[k])
        k += 1
    return "".join(kept).strip()


# --- the coder ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Patterns:
    issues: list[tuple[str, re.Pattern[str], bool]]
    frames: dict[str, re.Pattern[str]]  # issue -> words before a cue that make it a time
    stance: dict[str, re.Pattern[str]]
    claim_verb: re.Pattern[str]
    # Matches where any issue pattern matches; None when a pattern has groups, which joining
    # the patterns would renumber or clash.
    any_issue: re.Pattern[str] | None


@cache
def _patterns(path: str) -> _Patterns:
    codebook = _load_codebook(path)
    issues = []
    for issue, cues, inverse in zip(codebook.issues["id"], codebook.issues["cues"],
                                    codebook.issues["inverse_cues"]):
        issues.append((issue, _compile(cues, issue, path), False))
        if inverse:
            issues.append((issue, _compile(inverse, issue, path), True))
    frames = {}
    for issue, patterns in zip(codebook.issues["id"], codebook.issues["frames"]):
        if patterns:
            try:
                frames[issue] = re.compile(r"\b(?:" + "|".join(f"(?:{p})" for p in patterns)
                                           + r")$", re.IGNORECASE)
            except re.error as error:
                raise CodebookError(f"{path}: frames of {issue} do not compile: {error}"
                                    ) from None
    return _Patterns(issues, frames,
                     {k: _compile(v, k, path) for k, v in codebook.stance_cues.items()},
                     _compile(codebook.claim_verbs, "claim_verbs", path),
                     re.compile("|".join(f"(?:{p.pattern})" for _, p, _ in issues), re.IGNORECASE)
                     if issues and not any(p.groups for _, p, _ in issues) else None)


@dataclass(frozen=True)
class _IssueMention:
    issue: str
    start: int
    end: int
    inverse: bool


_FRAME_REACH = 60  # characters before an issue cue in which its frame words are looked for


def issue_mentions(sentence: str, codebook: Codebook | None = None) -> list[_IssueMention]:
    """The codebook's issue cues in one sentence; of overlapping matches the longest wins. A
    cue right after its issue's ``frames`` names a time, not the issue ("after a ceasefire").

    >>> [(m.issue, m.inverse) for m in issue_mentions(
    ...     "Leaders said lifting sanctions is premature and backed US security guarantees.")]
    [('sanctions', True), ('us_backstop', False)]
    """
    patterns = _patterns((codebook or load_codebook()).path)
    if patterns.any_issue and not patterns.any_issue.search(sentence):
        return []  # most sentences name no issue: one search instead of one per pattern
    found = [_IssueMention(issue, m.start(), m.end(), inverse)
             for issue, pattern, inverse in patterns.issues for m in pattern.finditer(sentence)
             if issue not in patterns.frames
             or not patterns.frames[issue].search(sentence, max(0, m.start() - _FRAME_REACH),
                                                  m.start())]
    kept: list[_IssueMention] = []
    for mention in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if all(mention.end <= k.start or mention.start >= k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)


def issue_prefilter(codebook: Codebook | None = None):
    """Something with a ``search`` method that finds a sentence naming any issue of the
    codebook: the joined cue pattern when the patterns allow it, else each pattern in turn."""
    patterns = _patterns((codebook or load_codebook()).path)
    if patterns.any_issue is not None:
        return patterns.any_issue

    class _AnyIssue:
        @staticmethod
        def search(sentence: str):
            return next((m for _, pattern, _ in patterns.issues
                         if (m := pattern.search(sentence))), None)

    return _AnyIssue()


_DETERMINERS = frozenset({"a", "an", "the", "its", "their", "his", "her", "our", "any", "all",
                          "every", "this", "that", "these", "those"})
_PREPOSITIONS = (PREPOSITIONS | {"in", "across", "within", "around", "through", "amid"}) - {
    "including"}  # "leaders, including Zelensky, agreed": Zelensky is one of the subjects
_COORDINATION = re.compile(r"^\s*(?:,|,?\s*and|,?\s*or)\s*$")


def _mark_governed(sentence: str, mentions: list[dict]) -> list[bool]:
    """For each mention: is it governed by a preposition ('in an EU summit', 'from the UK,
    France and Germany')? Members of a list share the first member's answer."""
    governed: list[bool] = []
    for index, mention in enumerate(mentions):
        # words before the mention; a hyphenated modifier ("Russia-friendly Hungary",
        # "Kremlin-backed") is one word and never a preposition
        words = re.findall(r"[A-Za-z'][A-Za-z'-]*",
                           sentence[max(0, mention["start"] - 40):mention["start"]])
        while words and (words[-1].lower() in _DETERMINERS or "-" in words[-1].strip("-")):
            words.pop()
        flag = bool(words) and words[-1].lower() in _PREPOSITIONS
        if index and _COORDINATION.match(sentence[mentions[index - 1]["end"]:mention["start"]]):
            flag = flag or governed[-1]
        governed.append(flag)
    return governed


def _free_mentions(sentence: str, mentions: list[dict], excluded: list[tuple[int, int]]
                   ) -> list[dict]:
    """Mentions that can be claimants: not governed by a preposition, not possessive ("Trump's
    envoy"), not part of a group ("some European leaders"), not inside a quotation or an
    issue cue ("US support"). (``subject_of`` also keeps a governed name right before an -ing
    claim verb: "with Starmer advocating".)"""
    free = []
    for mention, governed in zip(mentions, _mark_governed(sentence, mentions)):
        before = sentence[max(0, mention["start"] - 30):mention["start"]]
        if not (governed or sentence.startswith("'s", mention["end"])
                or _QUANTIFIERS.search(before)
                or any(a <= mention["start"] < b for a, b in excluded)):
            free.append(mention)
    return free


def stance_of(clause: str, issue_start: int, codebook: Codebook | None = None,
              called: bool = False) -> tuple[str, str]:
    """(stance, cue) of a clause in which an issue is mentioned at ``issue_start``.

    The issue's own words should be blanked out by the caller, so that "support forces" is
    not read as support. A clause with no cue has the codebook's ``stance_without_cue``.
    ``called``: the clause holds what the issue is called (the parse coder's scope), so the
    ``oppose_called`` cues are read; in a surface clause "threat" may be anything's.

    >>> stance_of("is also not ready to send troops", 26)
    ('oppose', 'not')
    >>> stance_of("remained cautious about the deployment of troops", 42)
    ('neutral', 'cautious')
    >>> stance_of("did not rule out sending troops", 24)
    ('support', 'not + rule out')
    """
    codebook = codebook or load_codebook()
    cues = _patterns(codebook.path).stance
    for match in cues["oppose"].finditer(clause):
        # "facing pushback from France": the position of whoever follows "from", not the
        # claimant's (the parse's nominal rule codes that holder)
        if match.group().lower() == "never" and any(
                0 < later.start() - match.end() <= 20 for later in cues["oppose"].finditer(clause)):
            continue  # "has never opposed": the denial of the cue after it
        if not _HELD_BY_OTHERS.match(clause, match.end()):
            # a denied rejection is openness ("did not rule out sending troops", "would not
            # stand in the way of"), which the codebook counts as support
            if denial := _DENIAL.search(clause, 0, match.start()):
                return "support", f"{denial.group().split()[0]} + {match.group()}"
            return "oppose", match.group()
    called_cues = cues.get("oppose_called") if called else None
    for match in called_cues.finditer(clause) if called_cues else ():
        # "would be no threat", "would not be a mistake": a denied name is none
        if denial := _DENIAL.search(clause, 0, match.start()):
            return "support", f"{denial.group().split()[0]} + {match.group()}"
        return "oppose", match.group()
    before = clause[:issue_start]
    for match in cues["oppose_before"].finditer(before) if "oppose_before" in cues else ():
        # "would lift its pause on military aid" undoes the stop
        if not _UNDONE.search(before, max(0, match.start() - _UNDONE_REACH), match.start()):
            return "oppose", match.group()
    words = [m.start() for m in re.finditer(r"\S+", before)][-_NEGATION_WINDOW:]
    window_start = words[0] if words else 0
    if match := cues["negation"].search(before, window_start):
        return "oppose", match.group()
    if match := cues["neutral"].search(clause):
        return "neutral", match.group()
    if match := cues["support"].search(clause):
        return "support", match.group()
    return codebook.without_cue, ""


# a verb of giving right before an actor: the actor receives ("has given Ukraine military
# aid", "sent Kyiv air defences"), it does not claim
_DATIVE_BEFORE = re.compile(
    r"\b(?:giv(?:e|es|en|ing)|gave|sen(?:d|ds|t|ding)|offer(?:s|ed|ing)?|promis(?:e|es|ed|ing)"
    r"|grant(?:s|ed|ing)?|provid(?:e|es|ed|ing)|suppl(?:y|ies|ied|ying)|pledg(?:e|es|ed|ing)"
    r"|len(?:d|ds|t|ding)|deliver(?:s|ed|ing)?)\s+$", re.IGNORECASE)
_HELD_BY_OTHERS = re.compile(r"\s+from\b", re.IGNORECASE)
# a stop that is itself lifted or ended ("would lift its three-month freeze on weapons")
_UNDONE = re.compile(
    r"\b(?:lift(?:s|ed|ing)?|end(?:s|ed|ing)?|revers(?:e|es|ed|ing)|resum(?:e|es|ed|ing)"
    r"|drop(?:s|ped|ping)?)\s+(?:(?:its|the|their|a|this|that)\s+)?(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE)
_UNDONE_REACH = 60  # characters before a stop in which its undoing is looked for
_FLIP = {"support": "oppose", "oppose": "support", "neutral": "neutral"}


def _inverse(stance: str, cue: str) -> tuple[str, str]:
    """The stance on an issue from the stance on its opposite. With no cue at all, an actor
    who names the opposite ("a deal made over Ukraine's head will not bring peace", "debating
    this over the heads of the Ukrainians") speaks against it: support for the issue."""
    if not cue:
        return "support", "inverse cue"
    return _FLIP[stance], f"{cue} + inverse cue"


def _inverse_in(sentence: str, start: int, stance: str, cue: str) -> tuple[str, str]:
    """:func:`_inverse` for the opposite named at ``start``, unless the sentence makes it a
    condition of something else ("will not take effect until the sanctions are lifted", "ties
    the truce to sanctions relief"): whoever sets that condition asks for the opposite."""
    if match := _CONDITION_BEFORE.search(sentence, max(0, start - 30), start):
        return "oppose", f"{match.group().strip()} + inverse cue"
    return _inverse(stance, cue)


_CONDITION_BEFORE = re.compile(
    r"\b(?:until|unless|only (?:once|if|when|after)|conditional on|in (?:exchange|return) for"
    r"|(?:ti(?:e|es|ed|ing)|link(?:s|ed|ing)?)\s+(?:[\w'-]+\s+){0,4}?to)\s+(?:the\s+|an?\s+)?$",
    re.IGNORECASE)


_SCOPE_BEFORE_VERB = 25  # characters before the nearest claim verb that still count ("not ready")


@dataclass(frozen=True)
class _Claimants:
    actors: list[str]
    rule: str
    scope_start: int  # where the clause deciding the stance begins


class _ArticleCoder:
    def __init__(self, sentences: list[tuple[int, int, str, bool]], quotes: pd.DataFrame,
                 aliases: AliasMatcher, codebook: Codebook, issues: _IssueCache):
        # (sentence_id, start, sentence, is_heading, is_list_item), in order
        self.sentences = sentences
        self.quotes = quotes
        self.aliases = aliases
        self.codebook = codebook
        self.patterns = _patterns(codebook.path)
        self.previous_person: str | None = None
        self.quote_spans = list(zip(quotes["start"].tolist(), quotes["end"].tolist()))
        self.quote_starts = [start for start, _ in self.quote_spans]
        self.issues = issues
        self.groups = GroupAnaphora()
        self.plural = _PluralAntecedent()

    def quote_at(self, offset: int) -> dict | None:
        position = _quote_holding(self.quote_starts, self.quote_spans, offset)
        if position is None:
            return None
        quote = self.quotes.iloc[position]
        # an unnamed source ("a senior EU official") is no claimant
        known = (pd.notna(quote["speaker_kind"]) and pd.notna(quote["speaker"])
                 and quote["speaker_kind"] != "unnamed")
        return {"start": quote["start"], "full": quote["kind"] == "full",
                "speaker": quote["speaker"] if known else None}

    def resolve(self, phrase: str, mentions: list[dict], before: int) -> list[str]:
        """A pronoun -> the person named earlier in the sentence, or the last sentence's."""
        if phrase.lower() in ("him", "her"):
            earlier = [m["actor"] for m in mentions
                       if m["end"] <= before and m["kind"] in PERSON_KINDS]
            return earlier[-1:] or ([self.previous_person] if self.previous_person else [])
        return [m["actor"] for m in find_mentions(phrase, self.aliases)][:1]

    def claimants(self, sentence: str, offset: int, mention: _IssueMention, mentions: list[dict],
                  excluded: list[tuple[int, int]]) -> _Claimants:
        head = sentence[:mention.start]
        clause_start = max([b.end() for b in _BOUNDARY_BEFORE.finditer(head)] or [0])
        verbs = [v for v in self.patterns.claim_verb.finditer(head) if v.start() >= clause_start
                 and not any(m["start"] <= v.start() < m["end"] for m in mentions)]  # "States"
        scope_start = (max(clause_start, verbs[-1].start() - _SCOPE_BEFORE_VERB) if verbs
                       else clause_start)
        quote = self.quote_at(offset + mention.start)
        if quote is not None:
            start = quote["start"] - offset
            scope = max(0, start) if quote["full"] else min(scope_start, max(0, start))
            return _Claimants([quote["speaker"]] if quote["speaker"] else [], "quote", scope)
        after = _BOUNDARY_AFTER.search(sentence, mention.end)
        clause_end = after.start() if after else len(sentence)
        if according := _ACCORDING_TO.search(sentence, clause_start, clause_end):
            actors = self.resolve(according.group("who").strip(), mentions, according.start())
            if actors:
                return _Claimants(actors, "according_to", max(scope_start, according.end()))
        relative = list(_RELATIVE.finditer(head))
        if relative and relative[-1].start() >= clause_start:
            cut = relative[-1].start()
            antecedent = [m for m in mentions if m["end"] <= cut]
            if antecedent and not sentence[antecedent[-1]["end"]:cut].strip():
                return _Claimants([antecedent[-1]["actor"]], "relative_clause",
                                  max(scope_start, relative[-1].end()))
        free = _free_mentions(sentence, mentions, excluded)
        if actors := self.subject_of(sentence, clause_start, verbs, mentions, free):
            return _Claimants(actors, "subject", scope_start)
        adjacent = [m for m in free if clause_start <= m["start"] and m["end"] <= mention.start
                    and not sentence[m["end"]:mention.start].strip()
                    and not _DATIVE_BEFORE.search(sentence, 0, m["start"])]
        if adjacent:  # "Trump talks to Russia"
            return _Claimants([adjacent[-1]["actor"]], "adjacent_subject", adjacent[-1]["start"])
        if clause_start > 0:  # "X said ... but would increase ...": the sentence's subject
            all_verbs = [v for v in self.patterns.claim_verb.finditer(head)
                         if not any(m["start"] <= v.start() < m["end"] for m in mentions)]
            if actors := self.subject_of(sentence, 0, all_verbs, mentions, free):
                return _Claimants(actors, "subject", scope_start)
        possessive = [m for m in mentions if sentence.startswith("'s", m["end"])
                      and 0 <= mention.start - m["end"] <= 30]
        if possessive:  # "Trump's push for immediate negotiations"
            return _Claimants([possessive[-1]["actor"]], "possessive", possessive[-1]["start"])
        colon = sentence.rfind(":", 0, mention.start)
        if colon > 0 and (actors := self.colon_introducer(sentence, colon, mentions)):
            # "Starmer's four points are clear: keep arming Ukraine, keep the sanctions"
            return _Claimants(actors, "colon_list", colon + 1)
        return _Claimants([], "", scope_start)

    def colon_introducer(self, sentence: str, colon: int, mentions: list[dict]) -> list[str]:
        """Who introduces a list after a colon: the subject of the first claim verb
        before it, else the possessor opening its subject ("Starmer's four points are
        clear:")."""
        before = [m for m in mentions if m["end"] <= colon]
        verbs = [v for v in self.patterns.claim_verb.finditer(sentence, 0, colon)
                 if not any(m["start"] <= v.start() < m["end"] for m in mentions)]
        if actors := self.subject_of(sentence, 0, verbs, before,
                                     _free_mentions(sentence, before, [])):
            return actors
        owners = [m for m in before if sentence.startswith("'s", m["end"])]
        if not owners or sentence[:owners[0]["start"]].strip():
            return []
        # the possessed noun must name a position: "Starmer's four points are clear:", not
        # "Starmer's critics are clear:" or "Putin's invasion left Europe a question:"
        held = re.findall(r"[A-Za-z]+", sentence[owners[0]["end"] + 2:colon])[:3]
        return ([owners[0]["actor"]] if any(names_position(word, self.patterns) for word in held)
                else [])

    def subject_of(self, sentence, start, verbs, mentions, free) -> list[str]:
        """The actors before the first claim verb (after ``start``) that has any."""
        region_start = start
        for verb in verbs:
            region = [m for m in mentions if region_start <= m["start"]
                      and m["end"] <= verb.start()]
            # "with Starmer advocating": a governed name right before an -ing verb is its subject
            actors = [m["actor"] for m in region if m in free or (
                verb.group().endswith("ing") and not sentence[m["end"]:verb.start()].strip())]
            if not actors and _OPENING_PRONOUN.match(sentence[region_start:verb.start()]):
                actors = [self.previous_person] if self.previous_person else []
            elif not actors and region_start == 0 and _OPENING_THEY.match(
                    sentence[:verb.start()]):
                actors = list(self.plural.actors)  # "EU leaders met ... They agreed to"
            if actors:
                return list(dict.fromkeys(actors))
            region_start = verb.end()
        return []

    def trailing_speaker(self, sentence: str, mentions: list[dict]) -> list[str]:
        """', Polish Prime Minister Donald Tusk confirmed (on Monday).' ending the sentence."""
        match = re.search(r",\s+([^,]{2,80}?)\s+(\w+)(?:\s+(?:on|in|at|after|during|earlier|"
                          r"later|last|this|today|yesterday)\b[^,;]{0,40})?\.?\s*$", sentence)
        if not match or not self.patterns.claim_verb.fullmatch(match.group(2)):
            return []
        return [m["actor"] for m in mentions if m["start"] >= match.start(1)
                and m["kind"] in PERSON_KINDS][:1]

    def introducer(self, sentence: str, mentions: list[dict]) -> list[str]:
        """The claimants of a sentence that introduces a list ("Leaders agreed four steps:"):
        the subject of its first claim verb."""
        if not sentence.rstrip().endswith(":"):
            return []
        verbs = [v for v in self.patterns.claim_verb.finditer(sentence)
                 if not any(m["start"] <= v.start() < m["end"] for m in mentions)]
        free = _free_mentions(sentence, mentions, [])
        return self.subject_of(sentence, 0, verbs, mentions, free)

    def code(self) -> list[dict]:
        rows = []
        introduced: list[str] = []  # the claimants a list's introduction names
        for sentence_id, offset, sentence, heading, list_item in self.sentences:
            named = find_mentions(sentence, self.aliases)
            mentions = sorted(named + self.groups.mentions(sentence, named),
                              key=lambda m: m["start"])
            found = self.code_sentence(sentence_id, offset, sentence, mentions)
            if heading:
                rows.extend(found)
                continue  # a heading's claims count, but it is no antecedent
            self.groups.update(sentence, named)
            if list_item and introduced:
                # a bullet under "X agreed:" is X's claim where it names no claimant itself
                claimed = {row["issue"] for row in found}
                found += [row for row in self.code_sentence(sentence_id, offset, sentence,
                                                            mentions, force=introduced)
                          if row["issue"] not in claimed]
            elif not list_item:
                introduced = self.introducer(sentence, mentions)
            rows.extend(found)
            self.plural.update(sentence, mentions)
            persons = [m for m in mentions if m["kind"] in PERSON_KINDS]
            free = [m for m in _free_mentions(sentence, persons, []) if m in persons]
            if persons:
                self.previous_person = (free or persons)[0]["actor"]
        return rows

    def code_sentence(self, sentence_id, offset, sentence, mentions, force=None
                      ) -> list[dict]:
        """The claims of one sentence; ``force`` gives the claimants instead of the rules."""
        rows = []
        issues = self.issues(sentence)
        if not issues:
            return rows
        quoted = [(max(0, s - offset), e - offset)
                  for s, e in _spans_overlapping(self.quote_starts, self.quote_spans, offset,
                                                 offset + len(sentence))]
        excluded = quoted + [(m.start, m.end) for m in issues]
        trailing = self.trailing_speaker(sentence, mentions)
        for mention in issues:
            found = (_Claimants(list(force), "list_introduction", 0) if force
                     else self.claimants(sentence, offset, mention, mentions, excluded))
            actors = found.actors
            if found.rule != "quote":
                actors = list(dict.fromkeys(actors + trailing))
            if not actors:
                continue
            after = _BOUNDARY_AFTER.search(sentence, mention.end)
            clause_end = after.start() if after else len(sentence)
            blanked = sentence[:clause_end]
            for other in issues:  # the issues' own words are no stance cue ("support forces")
                blanked = (blanked[:other.start] + " " * (other.end - other.start)
                           + blanked[other.end:])
            blanked = blanked[:clause_end]
            stance, cue = stance_of(blanked[found.scope_start:],
                                    mention.start - found.scope_start, self.codebook)
            if mention.inverse:
                stance, cue = _inverse_in(sentence, mention.start, stance, cue)
            rule = found.rule or "trailing_attribution"
            for actor in actors:
                rows.append({"doc_id": None, "sentence_id": int(sentence_id), "actor": actor,
                             "issue": mention.issue, "stance": stance, "cue": cue,
                             "sentence": sentence,
                             "issue_cue": sentence[mention.start:mention.end],
                             "claimant_rule": rule})
        return rows


class _PluralAntecedent:
    """Who "they" opening a sentence takes up: the actors that opened one of the last
    :data:`_PLURAL_REACH` sentences together, or a group that did
    (:func:`helpers.actors.plural_subject`); a sentence opening with "they" passes them on."""

    def __init__(self) -> None:
        self.actors: tuple[str, ...] = ()
        self.age = 0

    def update(self, sentence: str, mentions: list[dict]) -> None:
        if found := plural_subject(sentence, mentions):
            self.actors, self.age = tuple(found), 0
        elif _OTHER_PLURAL.match(sentence) and not (mentions and mentions[0]["start"] < 3):
            self.actors = ()  # "Russian leaders rejected the plan. They ..." is them
        elif not _OPENING_THEY.match(sentence):
            self.age += 1
            if self.age >= _PLURAL_REACH:
                self.actors = ()


class _IssueCache:
    """A sentence's issue mentions, searched once for all the coders of one call."""

    def __init__(self, codebook: Codebook):
        self.codebook = codebook
        self.found: dict[str, list[_IssueMention]] = {}

    def __call__(self, sentence: str) -> list[_IssueMention]:
        if sentence not in self.found:
            self.found[sentence] = issue_mentions(sentence, self.codebook)
        return self.found[sentence]


# the rules' claimants that ``combined`` adds to the parse's (module docstring)
RULE_ADDS = ("colon_list", "list_introduction", "adjacent_subject")
_ANAPHOR_WORDS = frozenset({"it", "this", "that", "same"})
# nouns that take up an issue named before when definite ("open to the idea")
_SHELL_NOUNS = frozenset({"idea", "plan", "proposal", "move", "option", "step", "offer"})
METHODS = ("combined", "rules", "parse")


def code_claims(sentences: pd.DataFrame, quotes: pd.DataFrame,
                aliases: pd.DataFrame | None = None, codebook: Codebook | None = None,
                method: str = "combined", parses: Parses | None = None) -> pd.DataFrame:
    """Every claim (actor x issue x stance) in every sentence, with the cues that decided it.

    ``sentences`` and ``quotes`` are the processed tables (``helpers.text.sentences_table``,
    ``helpers.quotes.extract_quotes``). An actor with several mentions of one issue in a
    sentence gets one claim: the first with a clear stance, else the first. Columns:
    ``doc_id``, ``sentence_id``, ``actor``, ``issue``, ``stance``, ``cue`` (stance cue),
    ``sentence``, ``issue_cue`` (the words naming the issue), ``claimant_rule``.

    ``method``: ``"rules"`` reads claimants with the surface rules above; ``"parse"`` off
    the dependency parses (``parses`` from :mod:`helpers.syntax`, parsed here when not
    given): subjects of the predicates that govern the issue with their conjuncts, reported
    clauses, relative clauses, possessors, passive agents and nominal positions ("pushback
    from France"), the stance read from the words on the path between issue and claimant;
    ``"combined"`` (the default) is the parse's claims plus the rules' in :data:`RULE_ADDS`,
    layouts the parse does not read (README, Stance, for the figures).
    """
    aliases = alias_matcher(load_alias_table() if aliases is None else aliases)
    codebook = codebook or load_codebook()
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    sentences = within_length(sentences, "coded for claims")  # no claim can be read there
    if method != "rules" and parses is None:
        parses = parse_sentences(sentences, needs_parse(sentences, issue_prefilter(codebook)))
    issues = _IssueCache(codebook)  # both coders read each sentence's issues from one search
    # "the Commission" in an article that names the European Commission
    texts = {doc_id: " ".join(group) for doc_id, group in
             sentences.groupby("doc_id", sort=False)["sentence"]}

    def with_full_names(claims: pd.DataFrame) -> pd.DataFrame:
        return _one_claim_per_sentence(
            with_short_forms(claims, "actor", texts, aliases).to_dict("records"))

    if method == "parse":
        return with_full_names(
            _code_claims_from_parse(sentences, quotes, aliases, codebook, parses, issues))
    rules = _code_claims_by_rules(sentences, quotes, aliases, codebook, issues)
    if method == "rules":
        return with_full_names(rules)
    parsed = _code_claims_from_parse(sentences, quotes, aliases, codebook, parses, issues)
    # the parse's claims, and the rules' where they read a layout the parse does not (an item
    # of a list after a colon, a bullet under its introduction, a subject the parser tagged
    # as a modifier); the parse reads a negation in its syntactic scope ("insists that this
    # requirement is not part of the ceasefire" does not oppose a ceasefire)
    added = rules[rules["claimant_rule"].isin(RULE_ADDS)]
    return with_full_names(pd.concat([parsed, added], ignore_index=True))


def _code_claims_by_rules(sentences: pd.DataFrame, quotes: pd.DataFrame, aliases: AliasMatcher,
                          codebook: Codebook, issues: _IssueCache) -> pd.DataFrame:
    rows = []
    quotes_by_doc = dict(tuple(quotes.groupby("doc_id", sort=False)))
    no_quotes = quotes.iloc[0:0]
    flags = sentences.assign(
        is_heading=sentences["is_heading"].astype(bool),
        is_list_item=(sentences["is_list_item"].astype(bool) if "is_list_item" in sentences
                      else False))
    for doc_id, doc_sentences in sentences_by_document(
        flags, ["sentence_id", "start", "sentence", "is_heading", "is_list_item"]
    ):
        doc_quotes = quotes_by_doc.get(doc_id, no_quotes)
        for row in _ArticleCoder(doc_sentences, doc_quotes, aliases, codebook, issues).code():
            rows.append(row | {"doc_id": doc_id})
    return _one_claim_per_sentence(rows)


# ("oprd": "called the debate about troops premature")
_SCOPE_CHILDREN = frozenset({"neg", "aux", "auxpass", "prt", "acomp", "det", "advmod", "oprd"})
_PREDICATE_POS = frozenset({"VERB", "AUX", "ADJ"})
# Verbs whose complement clause is what someone wants, sees or makes another do: that clause's
# subject is who is asked, not who asks ("a desire to see Russia engage in negotiations")
_CAUSING_VERBS = frozenset("""
see sees saw seeing seen want wants wanted wanting make makes made making let lets letting
force forces forced forcing expect expects expected expecting watch watched help helped
like prefer prefers preferred ensure ensures ensured ensuring
""".split())
# Verbs by which a speaker restates a position as the speaker's own
_RESTATING = re.compile(r"(?:reiterat|reaffirm|repeat|confirm|stress|emphasi[sz]|stat|express"
                        r"|underlin|underscor)\w*", re.IGNORECASE)
# Verbs that move their object to act on its own account: the object holds the position
# ("prompted European leaders to consider ..."); not verbs of pressure ("urged Kyiv to sign")
_PROMPTING_VERBS = frozenset("""
prompt prompts prompted prompting spur spurs spurred spurring lead leads led leading
persuade persuades persuaded persuading convince convinces convinced convincing
""".split())
_ATTEMPTS = frozenset("""
try tries tried trying fail fails failed failing seek seeks sought seeking attempt attempts
attempted attempting want wants wanted hope hopes hoped
""".split())
_SUBJECT_PRONOUNS = frozenset({"it", "they", "we"})
_WORD = re.compile(r"[a-z]+")
_DEONTIC_MODALS = frozenset({"must", "should", "ought", "shall"})
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "csubjpass"})
_TIME_PREPOSITIONS = frozenset({"after", "before", "during", "following", "until", "since",
                                "at", "throughout", "ahead"})
_MEMBER_GROUPS = GROUP_NOUNS | {"ministers", "officials"}  # "ministers from France and ..."
_NEGATIVE_SUBJECTS = frozenset({"nobody", "none", "one", "nothing", "neither"})
# Verbs whose subject takes up the position it is given as an object ("backed the
# Commission's plan"): the possessor's claim is the subject's too
_ENDORSING = frozenset("""back backs backed backing welcome welcomes welcomed welcoming endorse
endorses endorsed endorsing support supports supported supporting embrace embraces embraced
""".split())
# Nouns naming a position their possessor holds, besides the codebook's cues and the nouns of
# speech ("Starmer's idea", "Kyiv's conditions").
_POSITION_NOUNS = frozenset({
    "idea", "offer", "bid", "initiative", "position", "stance", "strategy", "condition",
    "conditions", "decision", "vision", "approach", "policy", "push", "effort", "efforts",
    "goal", "goals", "priority", "priorities", "line", "terms", "insistence", "opposition",
    "objection", "objections", "veto", "refusal", "rejection", "acceptance", "approval",
    "endorsement", "intention", "determination", "resolve", "hope", "hopes", "promise",
    "pledge", "threat", "ultimatum", "request", "appeal", "invitation", "argument",
    "point", "points", "step", "steps", "demand", "demands", "proposal", "proposals", "message",
    "plan", "plans", "agenda"})
def _up_to(parsed, token, root) -> list:
    """The ancestors of ``token`` up to and including ``root`` (none when it is the root)."""
    chain = []
    for ancestor in parsed.ancestors(token.i) if token.i != root.i else []:
        chain.append(ancestor)
        if ancestor.i == root.i:
            break
    return chain


def names_position(word: str, patterns: _Patterns) -> bool:
    """Does a possessed noun name a position its possessor holds ("Trump's push", "Ukraine's
    willingness", "Starmer's four points"), not something the possessor has, does or gets
    ("Ukraine's acquisition of air defence", "Putin's invasion", "Starmer's critics")?"""
    word = word.lower()
    return (word in _POSITION_NOUNS or word in SPEECH_NOUNS
            or patterns.claim_verb.fullmatch(word) is not None
            or any(cue.fullmatch(word) for cue in patterns.stance.values()))


_CONDITION_WORDS = frozenset({"if", "unless", "only", "provided"})
_QUANTIFIER_WORDS = frozenset({"some", "several", "many", "few", "most", "other", "certain"})


@dataclass(frozen=True)
class _Claim:
    actors: list[str]
    rule: str
    scope: list  # tokens whose words decide the stance


class _ParseCoder:
    """Claims of one article, read off the parses of its sentences (module docstring)."""

    def __init__(self, doc_id: str, sentences: list[tuple[int, int, str, bool]],
                 quotes: pd.DataFrame, aliases: AliasMatcher, codebook: Codebook,
                 parses: Parses, text: str, countries: dict[str, str], issues: _IssueCache):
        self.doc_id = doc_id
        self.sentences = sentences  # (sentence_id, start, sentence, is_heading), in order
        self.aliases = aliases
        self.codebook = codebook
        self.patterns = _patterns(codebook.path)
        self.parses = parses
        self.text = text
        self.demonyms = load_demonyms()
        self.capitals = load_capitals()
        self.countries = countries
        self.issues = issues
        self.previous_person: str | None = None
        self._kinds: dict[str, str] | None = None
        self.groups = GroupAnaphora()
        self.group_spans: list[tuple[int, int, str]] = []  # this sentence's, absolute offsets
        self.plural = _PluralAntecedent()
        self.quotes = list(zip(quotes["start"].tolist(), quotes["end"].tolist(),
                               quotes["speaker"].tolist(), quotes["speaker_kind"].tolist(),
                               quotes["kind"].tolist()))
        self.quote_starts = [quote[0] for quote in self.quotes]
        self.issue_heads: dict[str, set[str]] = {}  # head noun of a cue -> its issues

    def quote_at(self, offset: int) -> tuple | None:
        """(start, end, speaker, full) of the quotation holding ``offset``; speaker None
        unless a named actor; full for a quoted sentence, not a phrase."""
        position = _quote_holding(self.quote_starts, self.quotes, offset)
        if position is None:
            return None
        start, end, speaker, kind, quote_kind = self.quotes[position]
        known = isinstance(speaker, str) and isinstance(kind, str) and kind != "unnamed"
        return start, end, speaker if known else None, quote_kind == "full"

    def actors_of(self, parsed, i: int) -> list[str] | None:
        """The actors a subject token names (each conjunct; he/she resolved to the previous
        person); None when it names no actor (an unnamed source, a thing). A part of a group
        ("some European leaders (primarily Germany, Poland and Spain)") is coded through the
        members it names, and "including X" adds X."""
        actors = []
        for k in conjuncts(parsed, i):
            found = resolve_phrase(parsed, k, self.aliases, self.text)
            children = parsed.children(k)
            # "the other 26 member states" with a number is all the rest, not a part
            counted = any(t.dep == "nummod" for t in parsed.subtree(k) if t.i < k)
            part = any(c.dep in ("det", "amod") and c.text.lower() in _QUANTIFIER_WORDS
                       and not (counted and c.text.lower() == "other") for c in children)
            members = [c.i for c in children if c.dep == "appos"]
            # "The leaders at the summit, including President Zelensky": anywhere in the phrase
            included = [g.i for c in parsed.subtree(k) if c.dep == "prep" and c.i != k
                        and c.text.lower() in ("including", "like")
                        for g in parsed.children(c.i) if g.dep == "pobj"]
            if parsed.tokens[k].text.lower() in _MEMBER_GROUPS:
                # "Foreign ministers from France, Germany and Poland": the states they speak for
                members += [g.i for c in children if c.dep == "prep"
                            and c.text.lower() in ("from", "of")
                            for g in parsed.children(c.i) if g.dep == "pobj"]
            for extra in included:
                actors += self.actors_of(parsed, extra) or []
            if found is not None and found.kind == "unnamed" and not part and (group := next(
                    (actor for start, end, actor in self.group_spans
                     if start <= parsed.tokens[k].start < end), None)):
                actors.append(group)  # "the leaders": the group named before
                continue
            if found is None or found.kind in ("unnamed", "name") or part:
                if members and k == i:
                    actors += self.actors_of(parsed, members[0]) or []
                continue
            if found.kind == "pronoun":
                if PRONOUNS[found.actor] in ("Masc", "Fem") and self.previous_person:
                    actors.append(self.previous_person)
                elif found.actor == "they" and parsed.tokens[k].start == parsed.tokens[0].start:
                    actors += self.plural.actors  # only a "They" opening the sentence
                continue
            if found.kind == "state" and found.actor in self.capitals:
                # a capital that takes a position is its government ("Paris is saying ...")
                actors.append(canonical_country(self.capitals[found.actor], self.aliases))
                continue
            actors.append(found.actor)
        return list(dict.fromkeys(actors)) or None

    @staticmethod
    def issue_token(parsed, mention: _IssueMention, offset: int):
        """The token of the issue cue that its other words depend on."""
        inside = [t for t in parsed.tokens if offset + mention.start <= t.start
                  and t.end <= offset + mention.end]
        if not inside:
            return parsed.at(offset + mention.start)
        ids = {t.i for t in inside}
        return next((t for t in inside if t.head not in ids), inside[0])

    def claim(self, parsed, token) -> _Claim | None:
        """Walk up from the issue to the first predicate or noun whose subject, agent,
        possessor or relative clause names an actor."""
        quote = self.quote_at(token.start)
        if quote is not None:
            start, end, speaker, full = quote
            # a quoted sentence is the speaker's claim; a quoted phrase stands in the
            # sentence around it, whose words decide the stance
            chain = [token, *parsed.ancestors(token.i)]
            inside = [t for t in chain if start <= t.start and t.end <= end] if full else chain
            return _Claim([speaker] if speaker else [], "quote", inside)
        path = []
        for node in [token, *parsed.ancestors(token.i)]:
            path.append(node)
            children = parsed.children(node.i)
            for child in children:  # "a request Zelensky advocated", "... pushed by Kallas"
                if child.dep in ("relcl", "acl") and child.i not in {t.i for t in path}:
                    subjects = [c for c in parsed.children(child.i) if c.dep == "nsubj"] + [
                        g for c in parsed.children(child.i) if c.dep == "agent"
                        for g in parsed.children(c.i) if g.dep == "pobj"]
                    if subjects and (actors := self.actors_of(parsed, subjects[0].i)):
                        return _Claim(actors, "relative_clause", [*path, child])
            subjects = [c for c in children if c.dep in ("nsubj", "nsubjpass")]
            if (not subjects and node.dep == "xcomp"
                    and parsed.tokens[node.head].text.lower() in _PROMPTING_VERBS
                    and not self.attempted(parsed, parsed.tokens[node.head])):
                # "Fears ... prompted European leaders to consider more defence spending"
                subjects = [c for c in parsed.children(node.head) if c.dep == "dobj"]
            if subjects and self.asked_of(parsed, node, children):
                subjects = []  # "a deadline for Russia to make progress on a ceasefire"
            agents = [g for c in children if c.dep == "agent" for g in parsed.children(c.i)
                      if g.dep == "pobj"]
            if node.pos in _PREDICATE_POS or subjects:
                for subject in agents + subjects:
                    if subject.i == token.i:
                        continue
                    reporter, country = self.reporter_above(parsed, node)
                    if not reporter:
                        reporter, country = self.parenthetical_speaker(
                            parsed, [node, *parsed.ancestors(node.i)])
                    if reporter and self.attributed_after(parsed, node, subject):
                        # "Italy is not ready to send troops, Meloni confirmed": the
                        # subject's position and the speaker's (the codebook's unit)
                        country = ""
                    reported = "subject_of_reported_clause"
                    according = according_to_head(parsed)
                    if not reporter and according is not None and according not in {
                            t.i for t in parsed.subtree(subject.i)} and self.in_clause_of(
                            parsed, according, node):
                        # "According to him, Germany will continue to invest in defence":
                        # the source speaks as a reporting verb's subject does
                        reporter = self.actors_of(parsed, according)
                        country = self.country_of(parsed, according)
                        reported = "according_to"
                    pronoun = subject.text.lower()
                    if reporter and (pronoun in ("he", "she") or (
                            pronoun in ("it", "they") and not self.any_person(reporter)) or (
                            pronoun == "they" and len(reporter) > 1)):
                        # "Trump said that he and Putin had agreed ...", "Washington said it
                        # would begin negotiations", "EU leaders said they would ...": the
                        # pronoun is the speaker (a single person's "they" is someone else,
                        # left unresolved: "Zelensky said they had rejected ...")
                        actors = reporter + [a for k in conjuncts(parsed, subject.i)[1:]
                                             for a in (self.actors_of(parsed, k) or [])]
                    else:
                        actors = self.actors_of(parsed, subject.i)
                    if actors:
                        if reporter:  # "Macron said Britain was ready to lead the force"
                            # a leader stating the own country's position is coded alone
                            # ("Tusk said Poland was not ready ..." is Tusk's claim); what
                            # the speaker says another must do is the speaker's demand, not
                            # the other's position ("the G7 said Russia should agree to ...")
                            others = [] if self.demanded(parsed, node) else [
                                a for a in actors if a != country]
                            return _Claim(list(dict.fromkeys(others + reporter)), reported,
                                          path)
                        named = resolve_phrase(parsed, subject.i, self.aliases, self.text)
                        members = (subject.text.lower() in _MEMBER_GROUPS
                                   and (named is None or named.kind == "unnamed"))
                        return _Claim(actors, "group_members" if members else "subject", path)
            if node.pos in ("NOUN", "PROPN") and node is not token and self.states_position(node):
                owners = [c for c in children if c.dep == "poss"]
                if owners and (actors := self.actors_of(parsed, owners[0].i)):
                    # "Trump's push for talks"; "Zelensky reiterated Ukraine's willingness
                    # to ...": a speaker restating the own country's position, alone
                    speaker, country = self.stated_by(parsed, node)
                    if speaker and country and actors == [country]:
                        actors = speaker
                    # "Scholz backed the Commission's plan to loosen the rules": who backs
                    # it holds it too (not who rejects it: "rejected Russia's demand")
                    verb = parsed.tokens[node.head]
                    if node.dep == "dobj" and verb.text.lower() in _ENDORSING:
                        backers = [a for c in parsed.children(verb.i) if c.dep == "nsubj"
                                   for a in (self.actors_of(parsed, c.i) or [])]
                        actors = list(dict.fromkeys(actors + backers))
                    return _Claim(actors, "possessive", path)
        according = according_to_head(parsed)
        if according is not None and (actors := self.actors_of(parsed, according)):
            return _Claim(actors, "according_to", path)
        # the issue as a clause's subject is a reported fact ("Russian troops remain in
        # Ukraine, Macron said"), unless a modal makes it a position ("Sanctions should not
        # be lifted, Macron said")
        in_subject = any(node.dep in ("nsubj", "nsubjpass") and not any(
            c.dep == "aux" and c.text.lower() in _DEONTIC_MODALS
            for c in parsed.children(node.head)) for node in path)
        speaker, _ = (None, "") if in_subject else self.parenthetical_speaker(parsed, path)
        if speaker:  # "The deal, Macron said, must include security guarantees"
            return _Claim(speaker, "subject_of_reported_clause", path)
        return None

    @staticmethod
    def demanded(parsed, clause) -> bool:
        """Is the clause what its subject must or should do ("Ukraine must be involved")?"""
        return any(c.dep == "aux" and c.text.lower() in _DEONTIC_MODALS
                   for c in parsed.children(clause.i))

    @staticmethod
    def attempted(parsed, verb) -> bool:
        """Is ``verb`` negated or only attempted ("failed to convince", "tried to persuade")?"""
        return (any(c.dep == "neg" for c in parsed.children(verb.i))
                or verb.dep == "xcomp" and parsed.tokens[verb.head].text.lower() in _ATTEMPTS)

    @staticmethod
    def asked_of(parsed, node, children) -> bool:
        """Is ``node`` a clause that someone asks or wants of its subject ("for Russia to make
        progress", "to see Russia engage")?"""
        if any(c.dep == "mark" and c.text.lower() == "for" for c in children):
            return True
        if node.dep not in ("ccomp", "xcomp") or node.head == node.i:
            return False
        verb = parsed.tokens[node.head]
        if verb.text.lower() in ("sure", "certain") and verb.dep == "acomp":
            verb = parsed.tokens[verb.head]  # "making sure Ukraine sits at the table"
        return verb.text.lower() in _CAUSING_VERBS

    def states_position(self, noun) -> bool:
        """Does the noun name a position its possessor holds (:func:`names_position`)?"""
        return names_position(noun.text, self.patterns)

    def parenthetical_speaker(self, parsed, clauses) -> tuple[list[str] | None, str]:
        """The subject of a reporting verb set in a clause of ``clauses`` between commas
        ("The deal, Macron said, must include ..."), with the country it speaks for."""
        for clause in clauses:
            for child in parsed.children(clause.i):
                if child.dep == "parataxis" and self.patterns.claim_verb.fullmatch(child.text):
                    subjects = [c for c in parsed.children(child.i) if c.dep == "nsubj"]
                    if subjects:
                        return self.speaker_and_country(parsed, first_subject(subjects))
        return None, ""

    def attributed_after(self, parsed, node, subject) -> bool:
        """Does the reporting verb over the clause ``node`` come after its ``subject``
        ("Italy is not ready ..., Meloni confirmed"), not before ("Tusk said Poland ...",
        "Nor, he said, would Ukraine ...")?"""
        clauses = [node, *parsed.ancestors(node.i)]
        verbs = [t for t in clauses[1:] if self.patterns.claim_verb.fullmatch(t.text)][:1] + [
            child for clause in clauses for child in parsed.children(clause.i)
            if child.dep == "parataxis" and self.patterns.claim_verb.fullmatch(child.text)][:1]
        return bool(verbs) and verbs[0].i > subject.i

    @staticmethod
    def in_clause_of(parsed, according: int, node) -> bool:
        """Does "according to" (its object at ``according``) speak for the clause ``node``:
        the verb it modifies is ``node`` or above it, with no coordinated clause between
        ("According to Rutte, Europe must ..., but Scholz said ..." is not Rutte's)?"""
        verb = parsed.tokens[parsed.tokens[parsed.tokens[according].head].head].head
        for clause in [node, *parsed.ancestors(node.i)]:
            if clause.i == verb:
                return True
            if clause.dep == "conj":
                return False
        return False

    def speaker_and_country(self, parsed, subject) -> tuple[list[str] | None, str]:
        """The actors a speaker's subject names and the country it speaks for; a pronoun's
        country is that of the person it stands for ("She said Italy would not ...")."""
        actors = self.actors_of(parsed, subject.i)
        country = self.country_of(parsed, subject.i) or next(
            (self.countries[a] for a in actors or [] if a in self.countries), "")
        return actors, country

    def reporter_above(self, parsed, node) -> tuple[list[str] | None, str]:
        """The speaker of a reported clause ("Macron said [Britain was ready ...]") and the
        country the speaker's title or apposition names ("Polish Prime Minister Donald
        Tusk" -> Poland); a reporting verb without a subject of its own takes its head's
        ("Zelensky reaffirmed ..., stating that [Kyiv would not cede ...]")."""
        for clause in [node, *parsed.ancestors(node.i)]:
            if clause.head == clause.i:
                return None, ""
            said_in = parsed.tokens[clause.head]
            if (clause.dep in ("ccomp", "acl", "relcl") and said_in.text.lower() in SPEECH_NOUNS
                    and any(c.dep == "mark" for c in parsed.children(clause.i))):
                # "said in a joint declaration that [Ukraine must be involved]": the clause of
                # a noun of speech the verb speaks *in*; "rejected Moscow's claim that ..."
                # reports someone else's words, and is not read
                preposition = parsed.tokens[said_in.head]
                verb = parsed.tokens[preposition.head]
                if (said_in.dep != "pobj" or preposition.text.lower() not in ("in", "on")
                        or any(c.dep in ("poss", "agent") for c in parsed.children(said_in.i))
                        or verb.pos != "VERB"
                        or not self.patterns.claim_verb.fullmatch(verb.text)):
                    return None, ""
            elif clause.dep in ("ccomp", "parataxis"):
                verb = said_in
                if not self.patterns.claim_verb.fullmatch(verb.text):
                    return None, ""
            else:
                verb = None
            if verb is not None:
                for speaking in [verb, *parsed.ancestors(verb.i)][:3]:
                    subjects = [c for c in parsed.children(speaking.i) if c.dep == "nsubj"]
                    if subjects:
                        return self.speaker_and_country(parsed, first_subject(subjects))
                    if speaking.dep not in ("advcl", "conj", "xcomp"):
                        return None, ""
                return None, ""
            if clause.dep not in ("xcomp", "conj", "acomp", "advcl", "aux"):
                return None, ""
        return None, ""

    def stated_by(self, parsed, noun) -> tuple[list[str] | None, str]:
        """The speaker (and the country it speaks for) of a claim verb whose object is
        ``noun`` ("He reiterated [Ukraine's willingness]")."""
        verb = parsed.tokens[noun.head]
        if noun.dep != "dobj" or not _RESTATING.fullmatch(verb.text):
            return None, ""  # not "rejected Russia's demand", "criticised Hungary's refusal"
        subjects = [c for c in parsed.children(verb.i) if c.dep == "nsubj"]
        return self.speaker_and_country(parsed, first_subject(subjects)) if subjects else (
            None, "")

    def any_person(self, actors: list[str]) -> bool:
        """Is any of ``actors`` a person (the alias table's, or a surname it does not list)?"""
        if self._kinds is None:
            self._kinds = {actor: kind for actor, kind in self.aliases.by_alias.values()}
        return any(self._kinds.get(actor, "person") in PERSON_KINDS for actor in actors)

    def country_of(self, parsed, i: int) -> str:
        """The country a person's phrase names: a nationality ("Polish Prime Minister") or a
        possessive state ("Spain's foreign minister"), canonical as the alias table has it;
        else the country of the person's roles in the alias table ("Polish Prime Minister"
        is a role of Tusk)."""
        words = noun_phrase(parsed, i) + [t for c in parsed.children(i) if c.dep == "appos"
                                          for t in parsed.subtree(c.i)]
        found = resolve_phrase(parsed, i, self.aliases, self.text)
        if found is not None and found.actor in self.countries:
            return self.countries[found.actor]
        for token in words:
            country = self.demonyms.get(token.text)
            if country is None and token.dep == "poss" and token.ent_type == "GPE":
                country = token.text
            if country:
                return canonical_country(country, self.aliases)
        return ""

    def scope_text(self, parsed, claim: _Claim, token, offset: int,
                   issues: list[_IssueMention]) -> tuple[str, int]:
        """The words that decide the stance: the path from the issue up to the claimant's
        predicate with their negations, auxiliaries and particles, in text order, the
        issues' own words blanked; and where the issue stands in it. A negation in a clause
        with a subject of its own that is no actor belongs to that subject ("this
        requirement is not part of the ceasefire"), not to the claimant."""
        # a verb conjunct with its own auxiliary, or after "but", is a predicate of its own:
        # the first's words are not its ("would not send troops but would increase ...",
        # "refused to send troops but would increase ...")
        own_predicate = {t.head for t in claim.scope if t.dep == "conj" and (
            any(c.dep in ("aux", "auxpass") for c in parsed.children(t.i))
            or any(c.dep == "cc" and c.text.lower() == "but" and c.i < t.i
                   for c in parsed.children(t.head)))}
        scope = [t for t in claim.scope if t.i not in own_predicate]
        keep = {t.i for t in scope}
        on_path = {t.i for t in claim.scope} | {token.i}
        for t in scope:
            children = parsed.children(t.i)
            others = [c for c in children if c.dep in ("nsubj", "nsubjpass")
                      and c.i != token.i and c.text.lower() not in _SUBJECT_PRONOUNS
                      and not self.actors_of(parsed, c.i)]
            keep |= {c.i for c in children if (c.dep in _SCOPE_CHILDREN
                                               or c.text.lower() in ("nor", "neither"))
                     and not (others and c.dep == "neg")}
            # a condition on the predicate: "will begin only if the sanctions are lifted"
            keep |= {g.i for c in children if c.dep == "advcl"
                     for g in parsed.children(c.i) if g.text.lower() in _CONDITION_WORDS
                     and g.dep in ("mark", "advmod")}
            # what the issue is called when it is the subject: "a deployment would be a
            # direct threat", "would be treated as a provocation"
            if any(c.dep in _SUBJECTS and c.i in on_path for c in children):
                for attr in (c for c in children if c.dep == "attr"):
                    preps = [p for p in parsed.children(attr.i) if p.dep == "prep"]
                    keep |= {attr.i} | {p.i for p in preps} | {
                        g.i for g in parsed.children(attr.i) if g.dep == "det"} | {
                        g.i for p in preps for g in parsed.children(p.i) if g.dep == "pobj"}
                keep |= {g.i for c in children if c.dep == "prep" and c.text.lower() == "as"
                         for g in [c, *parsed.children(c.i)] if g.dep in ("prep", "pobj")}
            # a negative subject decides too: "no one is considering sending troops"
            keep |= {k.i for c in children if c.dep in ("nsubj", "nsubjpass")
                     and c.text.lower() in _NEGATIVE_SUBJECTS
                     for k in [c, *parsed.children(c.i)] if k.dep in ("det", "nsubj",
                                                                      "nsubjpass")}
        words, issue_at, length = [], 0, 0
        for k in sorted(keep):
            t = parsed.tokens[k]
            text = t.text
            if any(offset + m.start <= t.start < offset + m.end for m in issues):
                text = "_" * len(text)  # the issues' own words are no cue ("support forces")
            if k == token.i:
                issue_at = length
            words.append(text)
            length += len(text) + 1
        return " ".join(words), issue_at

    def code(self) -> list[dict]:
        rows = []
        previous: list[dict] = []  # the claims of the sentence before
        following = [s[2] for s in self.sentences[1:]] + [""]
        for (sentence_id, offset, sentence, heading), after in zip(self.sentences, following):
            named = find_mentions(sentence, self.aliases)
            definite = self.groups.mentions(sentence, named)
            self.group_spans = [(offset + m["start"], offset + m["end"], m["actor"])
                                for m in definite]
            if heading:  # a headline's claim counts; it is no antecedent
                rows.extend(self.code_sentence(sentence_id, offset, sentence))
                previous = []
                continue
            found = self.code_sentence(sentence_id, offset, sentence)
            if not found and previous and not self.issues(sentence):
                # a run of positions on one issue ("Denmark and Sweden are open to it. Italy
                # has said no.") carries from sentence to sentence
                found = self.carried_over(sentence_id, sentence, previous)
            elif self.issues(sentence):
                found = found + self.carried_within(sentence_id, offset, sentence, found)
            previous = found
            rows.extend(found)
            self.groups.update(sentence, named)
            self.plural.update(sentence, sorted(named + definite, key=lambda m: m["start"]))
            if _OPENING_THEY.match(after):  # the parse is read only when a "they" follows
                self.plural_from_parse(sentence_id)
            self.previous_person = self.sentence_person(offset, sentence, named) or (
                self.previous_person)
        return rows

    def sentence_person(self, offset: int, sentence: str, named: list[dict]) -> str | None:
        """The person a "he" or "she" in the next sentence takes up: the speaker of a
        quotation in this one, else the first person named outside quotation marks, else
        the first named. A name inside the quotation is what the speaker talks about
        ("'... will not deter Putin,' he said. He repeated ..." is the speaker again)."""
        end = offset + len(sentence)
        inside = [(start, stop, speaker, kind) for start, stop, speaker, kind, _ in self.quotes
                  if offset <= start < end]
        speakers = [speaker for _, _, speaker, kind in inside
                    if isinstance(speaker, str) and kind in PERSON_KINDS]
        persons = [m for m in named if m["kind"] in PERSON_KINDS]
        outside = [m for m in persons if not any(
            start <= offset + m["start"] < stop for start, stop, _, _ in inside)]
        return speakers[0] if speakers else next(
            (m["actor"] for m in outside + persons), None)

    def plural_from_parse(self, sentence_id) -> None:
        """A group or several actors as the main clause's subject are what a "they" opening
        the next sentence takes up, wherever the subject stands ("In a text agreed by 26
        member states, EU leaders said ... They also pledged ...")."""
        parsed = self.parses.sentence(self.doc_id, sentence_id)
        root = next((t for t in parsed.tokens if t.head == t.i), None) if parsed else None
        subject = next((c for c in parsed.children(root.i) if c.dep == "nsubj"), None) if (
            root is not None) else None
        if subject is None or subject.text.lower() in _SUBJECT_PRONOUNS:
            return
        actors = self.actors_of(parsed, subject.i)
        named = resolve_phrase(parsed, subject.i, self.aliases, self.text)
        if actors and (len(actors) > 1 or named is not None and named.kind == "group"):
            self.plural.actors, self.plural.age = tuple(actors), 0

    def code_sentence(self, sentence_id, offset, sentence) -> list[dict]:
        issues = self.issues(sentence)
        if not issues and not any(len(self.issue_heads.get(word, ())) == 1
                                  for word in _WORD.findall(sentence.lower())):
            return []  # no cue, nor a cue's head noun standing alone
        parsed = self.parses.sentence(self.doc_id, sentence_id)
        if parsed is None:
            return []
        tokens = [(self.issue_token(parsed, mention, offset), mention) for mention in issues]
        elided = self.elided_mentions(parsed, offset, issues)
        for token, mention in tokens:
            # a head that is a stance word ("US support", "American backing") names no issue
            # of its own
            if (token is not None and token.pos == "NOUN" and token.text.islower()
                    and not any(cue.fullmatch(token.text)
                                for cue in self.patterns.stance.values())):
                self.issue_heads.setdefault(token.text.lower(), set()).add(mention.issue)
        issues = sorted(issues + [mention for _, mention in elided], key=lambda m: m.start)
        rows = []
        for token, mention in tokens + elided:
            if token is None:
                continue
            found = self.claim(parsed, token)
            claims = ([found] if found is not None and found.actors else []) + \
                self.nominal_claims(parsed, token)
            for found in claims:
                rows.extend(self.rows_for(parsed, found, token, mention, issues, sentence_id,
                                          offset, sentence))
        return rows

    def elided_mentions(self, parsed, offset: int, issues: list[_IssueMention]) -> list:
        """(token, mention) for a noun that heads an issue cue earlier in the article, standing
        without the cue's modifier ("defence spending ... higher spending", "a reassurance
        force ... the force"); only a head of one issue in the article, and not one with a
        noun modifier of its own ("a peace deal" after "the minerals deal")."""
        found = []
        for token in parsed.tokens:
            issues_of = self.issue_heads.get(token.text.lower())
            children = parsed.children(token.i) if issues_of else []
            if (not issues_of or len(issues_of) != 1 or token.pos != "NOUN"
                    or token.dep == "compound"  # "a budget year", "the defence minister"
                    or any(c.dep in ("compound", "poss", "nmod") for c in children)
                    # a bare noun is the thing in general ("money for defence")
                    or not any(c.dep in ("det", "amod") for c in children)
                    # an occasion, not the issue ("after the talks in Paris")
                    or token.dep == "pobj" and parsed.tokens[token.head].text.lower() in (
                        _TIME_PREPOSITIONS)
                    or any(offset + m.start <= token.start < offset + m.end for m in issues)):
                continue
            found.append((token, _IssueMention(next(iter(issues_of)), token.start - offset,
                                               token.end - offset, False)))
        return found

    def carried_over(self, sentence_id, sentence: str, previous: list[dict]) -> list[dict]:
        """A sentence that takes up the one issue of the sentence before with an anaphor as
        its main predicate's object ("Denmark and Sweden are open to it", "Italy has said
        no", "Paris is saying the same"): its subject's claim on that issue. "The same"
        repeats the stance before, "no" opposes and "yes" supports; otherwise the stance is
        read from the sentence as for an issue cue standing where the anaphor is."""
        issues = {row["issue"] for row in previous}
        parsed = self.parses.sentence(self.doc_id, sentence_id)
        if len(issues) != 1 or parsed is None:
            return []
        root = next((t for t in parsed.tokens if t.dep == "ROOT"), None)
        if root is None:
            return []
        return self.anaphor_claims(parsed, root, next(iter(issues)), previous[0]["stance"],
                                   sentence_id, sentence, "(the sentence before)")

    def carried_within(self, sentence_id, offset: int, sentence: str, found: list[dict]
                       ) -> list[dict]:
        """A clause beside the one with the issue that takes it up with an anaphor ("British
        troops could be on the ground if there is a deal, and Paris is saying the same";
        "Italy has said no, and Poland has said its soldiers will stay at home"): the
        main clause and the clauses coordinated with it that hold no issue cue of their
        own, on the sentence's one issue."""
        parsed = self.parses.sentence(self.doc_id, sentence_id)
        if parsed is None:
            return []
        root = next((t for t in parsed.tokens if t.dep == "ROOT"), None)
        if root is None:
            return []
        own = {row["issue"]: row["stance"] for row in found}
        named = {m.issue for m in self.issues(sentence)}
        if len(own) == 1:
            [(issue, stance)] = own.items()
        elif not own and len(named) == 1:  # named, but nobody's claim yet: no stance to repeat
            issue, stance = next(iter(named)), None
        else:
            return []
        cued = {t.i for t in parsed.tokens for m in self.issues(sentence)
                if offset + m.start <= t.start < offset + m.end}
        clauses = [root] + [c for c in parsed.children(root.i) if c.dep == "conj"
                            and any(g.dep in ("nsubj", "nsubjpass")
                                    for g in parsed.children(c.i))]
        rows = []
        for clause in clauses:
            words = self.clause_tokens(parsed, clause)
            if words & cued:
                continue
            rows += self.anaphor_claims(parsed, clause, issue, stance, sentence_id, sentence,
                                        "(the clause beside)", words)
        return rows

    @staticmethod
    def clause_tokens(parsed, clause) -> set[int]:
        """The tokens of a clause without the clauses coordinated with it."""
        keep, stack = {clause.i}, [clause.i]
        while stack:
            for child in parsed.children(stack.pop()):
                if child.dep != "conj" or parsed.tokens[child.head].pos not in _PREDICATE_POS:
                    keep.add(child.i)
                    stack.append(child.i)
        return keep

    @staticmethod
    def shell_noun(parsed, token) -> bool:
        """Is ``token`` a noun that takes up an issue named before ("open to the idea",
        "backed the plan")?"""
        return token.text.lower() in _SHELL_NOUNS and any(
            c.dep == "det" and c.text.lower() in ("the", "this", "that", "such")
            for c in parsed.children(token.i))

    @staticmethod
    def own_clause(parsed, clause) -> bool:
        """Is ``clause`` a reported clause whose subject is a pronoun for the speaker ("Denmark
        has said [it is open to the idea]")?"""
        return clause.dep == "ccomp" and any(
            c.dep in ("nsubj", "nsubjpass") and c.text.lower() in ("it", "he", "she", "they", "we")
            for c in parsed.children(clause.i))

    def anaphor_claims(self, parsed, root, issue: str, stance_before: str | None, sentence_id,
                       sentence: str, where: str, words: set[int] | None = None
                       ) -> list[dict]:
        """The claim of ``root``'s subject on ``issue`` when its clause takes the issue up
        with an anaphor as object (see :meth:`carried_over`); ``words`` limits the clause."""
        subjects = [c for c in parsed.children(root.i) if c.dep in ("nsubj", "nsubjpass")]
        if not subjects or self.quote_at(subjects[0].start) is not None:
            return []
        subject_words = {t.i for t in parsed.subtree(subjects[0].i)}
        anaphors = [t for t in parsed.subtree(root.i) if t.i not in subject_words
                    and (words is None or t.i in words)
                    and (t.dep in ("dobj", "pobj", "attr") and t.tag not in ("IN", "WDT") and (
                        t.text.lower() in _ANAPHOR_WORDS or self.shell_noun(parsed, t))
                         or t.dep in ("dobj", "intj") and t.text.lower() in ("no", "yes"))
                    and all(a.dep not in ("advcl", "relcl", "ccomp", "conj", "acl")
                            or self.own_clause(parsed, a)
                            for a in _up_to(parsed, t, root)[:-1])]
        # "said no to a meeting with Putin" answers something else than the issue
        anaphors = [t for t in anaphors if t.text.lower() not in ("no", "yes") or not any(
            c.dep in ("prep", "dobj", "dative") and c.i != t.i
            for c in [*parsed.children(t.i), *parsed.children(t.head)])]
        if not anaphors:
            return []
        anaphor = anaphors[0]
        path = [anaphor, *_up_to(parsed, anaphor, root)]
        # the words that decide: the path up to the clause's predicate with its negations
        # and particles; a predicate that states no position ("Russia invaded it") takes
        # nothing
        scope = sorted({t.i for t in path} | {c.i for t in path for c in parsed.children(t.i)
                                              if c.dep in _SCOPE_CHILDREN},
                       key=lambda k: parsed.tokens[k].start)
        scope_words = " ".join(parsed.tokens[k].text for k in scope)
        stance_cues = self.patterns.stance
        if not (anaphor.text.lower() in ("no", "yes", "same")
                or any(stance_cues[name].search(scope_words) for name in stance_cues
                       if name != "negation")
                or self.patterns.claim_verb.fullmatch(root.text)):
            return []
        subject = subjects[0]
        if subject.text.lower() in ("he", "she"):
            actors = [self.previous_person] if self.previous_person else []
        else:
            actors = self.actors_of(parsed, subject.i) or []
        if not actors:
            return []
        word = anaphor.text.lower()
        if word == "same" and stance_before is None:
            return []
        if word == "same":
            stance, cue = stance_before, "the same"
        elif word == "no":
            stance, cue = "oppose", "said no"
        elif word == "yes":
            stance, cue = "support", "said yes"
        else:
            at = sum(len(parsed.tokens[k].text) + 1 for k in scope[:scope.index(anaphor.i)])
            stance, cue = stance_of(scope_words, at, self.codebook)
        return [{"doc_id": None, "sentence_id": int(sentence_id), "actor": actor,
                 "issue": issue, "stance": stance, "cue": cue, "sentence": sentence,
                 "issue_cue": f"{anaphor.text} {where}",
                 "claimant_rule": "carried_issue"} for actor in actors]

    def nominal_claims(self, parsed, token) -> list[_Claim]:
        """Positions stated as a noun with its holder: "pushback from France and Italy",
        "without the support of Hungary", within the clause that governs the issue."""
        stance_cues = self.patterns.stance
        clause = {t.i for t in parsed.ancestors(token.i)} | {token.i}
        claims = []
        for noun in parsed.tokens:
            if noun.pos != "NOUN" or not (stance_cues["oppose"].fullmatch(noun.text)
                                          or stance_cues["support"].fullmatch(noun.text)):
                continue
            if not any(a.i in clause for a in parsed.ancestors(noun.i)[:4]) or noun.i in clause:
                continue
            # the holder's phrase on the noun, or on the verb whose object it is ("facing
            # pushback from France": the parser often attaches "from" to the verb)
            carriers = [noun] + ([parsed.tokens[noun.head]] if noun.dep == "dobj" else [])
            holders = [g for carrier in carriers for c in parsed.children(carrier.i)
                       if c.dep == "prep" and c.text.lower() in ("from", "of", "by")
                       for g in parsed.children(c.i) if g.dep == "pobj"]
            for holder in holders:  # "from nations like France and Italy"
                named = self.actors_of(parsed, holder.i) or [
                    a for c in parsed.children(holder.i) if c.dep == "prep"
                    for g in parsed.children(c.i) if g.dep == "pobj"
                    for a in (self.actors_of(parsed, g.i) or [])]
                if named:
                    claims.append(_Claim(named, "nominal", [noun, *parsed.ancestors(noun.i)[:2]]))
        return claims

    def rows_for(self, parsed, found: _Claim, token, mention: _IssueMention,
                 issues: list[_IssueMention], sentence_id: int, offset: int, sentence: str
                 ) -> list[dict]:
        """One row per claimant of ``found``, the stance read from its scope."""
        scope, issue_at = self.scope_text(parsed, found, token, offset, issues)
        stance, cue = stance_of(scope, issue_at, self.codebook, called=True)
        if mention.inverse:
            stance, cue = _inverse_in(sentence, mention.start, stance, cue)
        return [{"doc_id": None, "sentence_id": int(sentence_id), "actor": actor,
                 "issue": mention.issue, "stance": stance, "cue": cue, "sentence": sentence,
                 "issue_cue": sentence[mention.start:mention.end],
                 "claimant_rule": found.rule} for actor in found.actors]


def _role_countries(aliases: AliasMatcher, demonyms: dict[str, str]) -> dict[str, str]:
    """Actor -> country of its roles in the alias table ("Polish Prime Minister" -> Tusk ->
    Poland), the country named as the alias table names it."""
    countries: dict[str, str] = {}
    for alias, (actor, kind) in sorted(aliases.by_alias.items()):
        country = demonyms.get(alias.split()[0]) if kind == "role" else None
        if country:
            named = aliases.by_alias.get(country)
            countries.setdefault(actor, named[0] if named else country)
    return countries


def _code_claims_from_parse(sentences: pd.DataFrame, quotes: pd.DataFrame,
                            aliases: AliasMatcher, codebook: Codebook, parses: Parses,
                            issues: _IssueCache) -> pd.DataFrame:
    countries = _role_countries(aliases, load_demonyms())
    rows = []
    quotes_by_doc = dict(tuple(quotes.groupby("doc_id", sort=False)))
    no_quotes = quotes.iloc[0:0]
    headings_as_bool = sentences.assign(is_heading=sentences["is_heading"].astype(bool))
    for doc_id, doc_sentences in sentences_by_document(
        headings_as_bool, ["sentence_id", "start", "sentence", "is_heading"]
    ):
        # the article's text at the sentences' offsets (what lies between is blank)
        pieces, length = [], 0
        for _, start, sentence, _ in doc_sentences:
            pieces += [" " * (start - length), sentence]
            length = start + len(sentence)
        text = "".join(pieces)
        coder = _ParseCoder(doc_id, doc_sentences, quotes_by_doc.get(doc_id, no_quotes),
                            aliases, codebook, parses, text, countries, issues)
        for row in coder.code():
            rows.append(row | {"doc_id": doc_id})
    return _one_claim_per_sentence(rows)


def _quote_holding(starts: list[int], spans: list[tuple], offset: int) -> int | None:
    """Position in ``spans`` (tuples starting with start, end; sorted, not overlapping) of
    the quotation holding ``offset``, or None."""
    k = bisect.bisect_right(starts, offset) - 1
    return k if k >= 0 and offset < spans[k][1] else None


def _spans_overlapping(starts: list[int], spans: list[tuple], start: int, end: int) -> list:
    """The spans (sorted, not overlapping) that overlap ``[start, end)``, found by bisection so
    an article with thousands of quotations costs no more per sentence than one with ten.

    >>> _spans_overlapping([0, 10, 20], [(0, 5), (10, 15), (20, 25)], 12, 21)
    [(10, 15), (20, 25)]
    """
    first = max(bisect.bisect_right(starts, start) - 1, 0)
    last = bisect.bisect_left(starts, end)
    return [span for span in spans[first:last] if span[1] > start]


def _one_claim_per_sentence(rows: list[dict]) -> pd.DataFrame:
    """The claims table: one claim per sentence, actor and issue (the first clear one)."""
    claims = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    if claims.empty:
        return claims
    claims["_neutral"] = claims["stance"] == "neutral"  # a clear stance sorts first
    claims = (claims.reset_index().sort_values(["doc_id", "sentence_id", "actor", "issue",
                                                "_neutral", "index"])
              .drop_duplicates(["doc_id", "sentence_id", "actor", "issue"])
              .sort_values(["doc_id", "sentence_id", "index"]))
    return claims[CLAIM_COLUMNS].reset_index(drop=True)


def article_stances(claims: pd.DataFrame) -> pd.DataFrame:
    """One stance per article, actor and issue, from sentence-level claims.

    The majority of the clear (support / oppose) claims decides; a tie between them, or
    only neutral claims, gives ``neutral`` (no clear position in that article). Columns:
    ``doc_id``, ``actor``, ``issue``, ``stance``, ``claims`` (how many claims it rests on).

    >>> article_stances(pd.DataFrame({"doc_id": ["a"] * 3, "actor": ["X"] * 3,
    ...     "issue": ["troops"] * 3, "stance": ["support", "oppose", "support"]}))
    ...     # doctest: +NORMALIZE_WHITESPACE
      doc_id actor   issue   stance  claims
    0      a     X  troops  support       3
    """
    rows = []
    for (doc_id, actor, issue), group in claims.groupby(["doc_id", "actor", "issue"], sort=True):
        counts = group["stance"].value_counts()
        support, oppose = int(counts.get("support", 0)), int(counts.get("oppose", 0))
        stance = ("support" if support > oppose else "oppose" if oppose > support
                  else "neutral")
        rows.append({"doc_id": doc_id, "actor": actor, "issue": issue, "stance": stance,
                     "claims": len(group)})
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


# --- summaries for the notebook ----------------------------------------------------------------

def stance_matrix(article_table: pd.DataFrame, max_actors: int | None = None) -> pd.DataFrame:
    """Actor x issue: articles in which the actor supports (+) minus those it opposes (-).

    Columns ``support``, ``oppose``, ``neutral`` counts and ``net`` in long form, then pivoted
    by the caller's choice; returned long, sorted by actor and issue. With ``max_actors``,
    only the actors with the most article-level codes (ties by name).
    """
    if max_actors is not None:
        coded = article_table["actor"].value_counts().sort_index().sort_values(
            ascending=False, kind="stable")
        article_table = article_table[article_table["actor"].isin(coded.index[:max_actors])]
    counts = (article_table.groupby(["actor", "issue", "stance"]).size().unstack("stance")
              .reindex(columns=list(STANCES)).fillna(0).astype(int))
    counts["net"] = counts["support"] - counts["oppose"]
    return counts.reset_index()


def stance_labels(matrix: pd.DataFrame) -> pd.DataFrame:
    """Actor x issue table of readable counts from :func:`stance_matrix`: '2+ 1-' for two
    articles supporting and one opposing, '0 (1n)' for one neutral-only code, '' for none.
    Actors with the most codes first."""
    labelled = matrix.assign(label=[
        " ".join(part for part in (f"{s}+" if s else "", f"{o}-" if o else "") if part)
        or f"0 ({n}n)" for s, o, n in zip(matrix["support"], matrix["oppose"],
                                           matrix["neutral"])])
    table = labelled.pivot(index="actor", columns="issue", values="label").fillna("")
    codes = matrix.groupby("actor")[list(STANCES)].sum().sum(axis=1)
    order = sorted(table.index, key=lambda actor: (-codes[actor], actor))
    return table.loc[order]


def net_stance(counts: pd.DataFrame) -> pd.DataFrame:
    """Support minus oppose codes from :func:`stance_by_group`, groups x issues (0 where none).

    >>> counts = pd.DataFrame({"support": [2, 0], "oppose": [1, 1]}, index=pd.MultiIndex
    ...     .from_tuples([("Paris", "troops"), ("London", "sanctions")], names=["summit", "issue"]))
    >>> net_stance(counts).to_dict()
    {'sanctions': {'London': -1, 'Paris': 0}, 'troops': {'London': 0, 'Paris': 1}}
    """
    return (counts["support"] - counts["oppose"]).unstack("issue").fillna(0).astype(int)


def stance_by_group(article_table: pd.DataFrame, articles: pd.DataFrame, by: str
                    ) -> pd.DataFrame:
    """Issue x stance counts of article-level claims, per value of ``by`` (outlet, summit).

    Articles with no value for ``by`` are grouped as 'unknown'. Rows: (group, issue);
    columns: the three stances and ``claims``.
    """
    groups = articles.set_index("doc_id")[by].fillna("unknown")
    table = article_table.assign(group=article_table["doc_id"].map(groups).fillna("unknown"))
    counts = (table.groupby(["group", "issue", "stance"]).size().unstack("stance")
              .reindex(columns=list(STANCES)).fillna(0).astype(int))
    counts["claims"] = counts.sum(axis=1)
    counts.index = counts.index.set_names([by, "issue"])
    return counts


def actor_positions(article_table: pd.DataFrame) -> pd.DataFrame:
    """Each actor's position per issue over all articles: the majority of its article-level
    support and oppose codes (a tie, or only neutral codes, is ``neutral``).

    Columns: ``actor``, ``issue``, ``support``, ``oppose``, ``neutral`` (articles), ``position``.
    """
    table = stance_matrix(article_table)
    table["position"] = [("support" if s > o else "oppose" if o > s else "neutral")
                         for s, o in zip(table["support"], table["oppose"])]
    return table.drop(columns="net")


def discourse_network(article_table: pd.DataFrame) -> nx.Graph:
    """Actors linked by the issues on which they take the same or opposite positions.

    A congruence/conflict network in the sense of discourse network analysis (Leifeld 2016):
    an edge's ``agree`` counts issues where both actors support or both oppose, ``conflict``
    issues where one supports and the other opposes; neutral positions make no edge. Node
    attribute ``claims`` is the actor's number of article-level codes.
    """
    positions = actor_positions(article_table)
    clear = positions[positions["position"] != "neutral"]
    graph = nx.Graph()
    for actor, claims in article_table.groupby("actor").size().sort_index().items():
        graph.add_node(actor, claims=int(claims))
    for _, issue_positions in clear.groupby("issue", sort=True):
        rows = issue_positions.sort_values("actor")[["actor", "position"]].to_numpy()
        for i, (actor_a, position_a) in enumerate(rows):
            for actor_b, position_b in rows[i + 1:]:
                if not graph.has_edge(actor_a, actor_b):
                    graph.add_edge(actor_a, actor_b, agree=0, conflict=0)
                graph[actor_a][actor_b]["agree" if position_a == position_b else "conflict"] += 1
    return graph


def network_edges(graph: nx.Graph) -> pd.DataFrame:
    """The edges of :func:`discourse_network` as a table, strongest first."""
    rows = [{"actor_a": min(a, b), "actor_b": max(a, b), "agree": d["agree"],
             "conflict": d["conflict"]} for a, b, d in graph.edges(data=True)]
    table = pd.DataFrame(rows, columns=["actor_a", "actor_b", "agree", "conflict"])
    table["total"] = table["agree"] + table["conflict"]
    return table.sort_values(["total", "actor_a", "actor_b"], ascending=[False, True, True]
                             ).reset_index(drop=True)


def link_kinds(edges: pd.DataFrame) -> dict[str, int]:
    """How many links of :func:`network_edges` are agreement only, conflict only, or both (a
    pair agreeing on one issue and opposed on another), so the counts add up to the links.

    >>> link_kinds(pd.DataFrame({"agree": [2, 0, 1], "conflict": [0, 1, 1]}))
    {'agreement only': 1, 'conflict only': 1, 'both': 1}
    """
    agree, conflict = edges["agree"] > 0, edges["conflict"] > 0
    return {"agreement only": int((agree & ~conflict).sum()),
            "conflict only": int((conflict & ~agree).sum()), "both": int((agree & conflict).sum())}


# --- hand coding and reliability ---------------------------------------------------------------

def read_annotations(path: Path | str, codebook: Codebook | None = None) -> pd.DataFrame:
    """A hand-coding file (``doc_id, sentence_id, actor, issue, stance, evidence``), checked
    against the codebook; a bad row raises :class:`CodebookError` naming the file and row."""
    codebook = codebook or load_codebook()
    path = Path(path)
    try:
        table = pd.read_csv(path, dtype={"doc_id": str, "actor": str, "issue": str,
                                         "stance": str, "evidence": str}, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError,
            pd.errors.EmptyDataError) as error:
        raise CodebookError(f"{path}: cannot read the annotations: {error}") from None
    missing = [c for c in ANNOTATION_COLUMNS if c not in table.columns]
    if missing:
        raise CodebookError(f"{path}: missing column(s) {', '.join(missing)}")
    for row_number, row in enumerate(table.itertuples(index=False), start=2):
        if row.stance not in STANCES:
            raise CodebookError(f"{path}, line {row_number}: stance {row.stance!r} is not one "
                                f"of {', '.join(STANCES)}")
        if row.issue not in codebook.issue_ids:
            raise CodebookError(f"{path}, line {row_number}: issue {row.issue!r} is not in "
                                "the codebook")
        if pd.isna(row.actor) or pd.isna(row.doc_id):
            raise CodebookError(f"{path}, line {row_number}: doc_id and actor are required")
        if not str(row.sentence_id).isdigit():
            raise CodebookError(f"{path}, line {row_number}: sentence_id {row.sentence_id!r} "
                                "is not a sentence number")
    duplicated = table.duplicated(["doc_id", "sentence_id", "actor", "issue"])
    if duplicated.any():
        raise CodebookError(f"{path}, line {int(duplicated.to_numpy().argmax()) + 2}: the same "
                            "claim (doc, sentence, actor, issue) is coded twice")
    table = table.assign(sentence_id=table["sentence_id"].astype(int))
    return table[ANNOTATION_COLUMNS].copy()


def check_hand_codes(hand: pd.DataFrame, articles: pd.DataFrame,
                     aliases: pd.DataFrame | None = None) -> None:
    """Hand codes must name articles of the corpus and actors of the alias table."""
    aliases = load_alias_table() if aliases is None else aliases
    unknown_docs = sorted(set(hand["doc_id"]) - set(articles["doc_id"]))
    if unknown_docs:
        raise CodebookError("hand codes name articles that are not in this corpus: "
                            + ", ".join(unknown_docs[:5]))
    unknown_actors = sorted(set(hand["actor"]) - set(aliases["actor"]))
    if unknown_actors:
        raise CodebookError("hand codes name actors that are not in the alias table: "
                            + ", ".join(unknown_actors[:5]))


KEY = ["doc_id", "actor", "issue"]
HAND_CODES_FILENAME = "stance_hand_coded.csv"


def load_hand_codes(folder: Path | str, codebook: Codebook | None = None
                    ) -> pd.DataFrame | None:
    """The hand codes in ``folder`` (``stance_hand_coded.csv``), or None when there are none
    (another corpus usually has no hand coding: reliability is then not computed)."""
    path = Path(folder) / HAND_CODES_FILENAME
    return read_annotations(path, codebook) if path.is_file() else None


def compare_codings(hand: pd.DataFrame, auto: pd.DataFrame, coded_docs=None) -> pd.DataFrame:
    """Article-level tuples of both coders side by side (outer join on doc, actor, issue).

    ``hand`` and ``auto`` are :func:`article_stances` tables. Only the articles coded by hand
    are compared (``coded_docs``; by default those with a hand code), so a hand-coded sample
    is measured against the coder on the same articles. Columns: ``doc_id``, ``actor``,
    ``issue``, ``stance_hand``, ``stance_auto`` (empty where that coder has no code), ``agree``.
    """
    coded = set(hand["doc_id"]) if coded_docs is None else set(coded_docs)
    auto = auto[auto["doc_id"].isin(coded)]
    merged = hand[KEY + ["stance"]].merge(auto[KEY + ["stance"]], on=KEY, how="outer",
                                          suffixes=("_hand", "_auto"))
    merged["agree"] = (merged["stance_hand"] == merged["stance_auto"]).fillna(False).astype(bool)
    return merged.sort_values(KEY).reset_index(drop=True)


def reliability(comparison: pd.DataFrame) -> pd.DataFrame:
    """Agreement of the automatic coder with the hand codes, from :func:`compare_codings`.

    - precision, recall, F1 of (article, actor, issue, stance) tuples;
    - Cohen's kappa (scikit-learn) on the stances of tuples both coded;
    - Krippendorff's alpha, nominal (the ``krippendorff`` package), on the same tuples, and
      on all tuples with "no claim" as a fourth category, which also counts disagreement on
      whether there is a claim at all.
    """
    hand_n = int(comparison["stance_hand"].notna().sum())
    auto_n = int(comparison["stance_auto"].notna().sum())
    matched = int(comparison["agree"].sum())
    precision = matched / auto_n if auto_n else float("nan")
    recall = matched / hand_n if hand_n else float("nan")
    f1 = (2 * precision * recall / (precision + recall)) if matched else (
        0.0 if hand_n and auto_n else float("nan"))
    both = comparison.dropna(subset=["stance_hand", "stance_auto"])
    union = comparison.fillna({"stance_hand": "no claim", "stance_auto": "no claim"})
    rows = [
        ("tuples coded by hand", hand_n),
        ("tuples coded automatically", auto_n),
        ("tuples identical in both", matched),
        ("precision", precision),
        ("recall", recall),
        ("F1", f1),
        ("tuples both coded (doc, actor, issue)", len(both)),
        ("stance agreement on those", float(both["agree"].mean()) if len(both) else float("nan")),
        ("Cohen's kappa (both coded)", _kappa(both["stance_hand"], both["stance_auto"])),
        ("Krippendorff's alpha (both coded)", _alpha(both["stance_hand"], both["stance_auto"])),
        ("Krippendorff's alpha (all tuples, 'no claim' a category)",
         _alpha(union["stance_hand"], union["stance_auto"])),
    ]
    return pd.DataFrame(rows, columns=["measure", "value"]).set_index("measure")


def _kappa(first: pd.Series, second: pd.Series) -> float:
    if len(first) == 0 or len(set(first) | set(second)) < 2:
        return float("nan")  # undefined: one category only
    return float(cohen_kappa_score(first, second))


def _alpha(first: pd.Series, second: pd.Series) -> float:
    labels = sorted(set(first) | set(second))
    if len(first) == 0 or len(labels) < 2:
        return float("nan")  # undefined: one category only
    code = {label: i for i, label in enumerate(labels)}
    data = np.array([[code[v] for v in first], [code[v] for v in second]], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))


def confusion(comparison: pd.DataFrame) -> pd.DataFrame:
    """Hand (rows) x automatic (columns) stances of all tuples; 'no claim' where one coder
    has none. Built with scikit-learn's ``confusion_matrix``."""
    labels = [*STANCES, "no claim"]
    union = comparison.fillna({"stance_hand": "no claim", "stance_auto": "no claim"})
    if union.empty:
        return pd.DataFrame(0, index=pd.Index(labels, name="hand"),
                            columns=pd.Index(labels, name="automatic"))
    matrix = confusion_matrix(union["stance_hand"], union["stance_auto"], labels=labels)
    return pd.DataFrame(matrix, index=pd.Index(labels, name="hand"),
                        columns=pd.Index(labels, name="automatic"))


def disagreements(comparison: pd.DataFrame, hand_claims: pd.DataFrame,
                  auto_claims: pd.DataFrame, sentences: pd.DataFrame) -> pd.DataFrame:
    """Every tuple the coders disagree on, with the sentences each coder relied on.

    Columns: ``doc_id``, ``actor``, ``issue``, ``stance_hand``, ``stance_auto``,
    ``hand_sentence`` (the hand coder's evidence sentences), ``auto_sentence`` and
    ``auto_cue`` (the coder's sentences, stance cue and claimant rule).
    """
    text = sentences.set_index(["doc_id", "sentence_id"])["sentence"]
    rows = []
    for row in comparison[~comparison["agree"]].itertuples(index=False):
        key = (hand_claims["doc_id"] == row.doc_id) & (hand_claims["actor"] == row.actor) & (
            hand_claims["issue"] == row.issue)
        hand_ids = sorted(set(hand_claims.loc[key, "sentence_id"].dropna().astype(int)))
        auto = auto_claims[(auto_claims["doc_id"] == row.doc_id)
                           & (auto_claims["actor"] == row.actor)
                           & (auto_claims["issue"] == row.issue)]
        rows.append({
            "doc_id": row.doc_id, "actor": row.actor, "issue": row.issue,
            "stance_hand": row.stance_hand, "stance_auto": row.stance_auto,
            "hand_sentence": " | ".join(f"[{i}] {text.get((row.doc_id, i), '')}"
                                        for i in hand_ids),
            "auto_sentence": " | ".join(f"[{i}] {s}" for i, s in
                                        zip(auto["sentence_id"], auto["sentence"])),
            "auto_cue": " | ".join(f"{c if isinstance(c, str) and c else '-'} ({r})" for c, r in
                                   zip(auto["cue"], auto["claimant_rule"])),
        })
    columns = ["doc_id", "actor", "issue", "stance_hand", "stance_auto", "hand_sentence",
               "auto_sentence", "auto_cue"]
    return pd.DataFrame(rows, columns=columns)
