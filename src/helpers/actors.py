"""Who is mentioned: an alias table maps name variants and roles to canonical actors.

The table (``data/actor_aliases.csv`` in the package; pass your own for another corpus) has
columns ``alias``, ``actor``, ``kind`` (person, role, state, organisation, institution, group)
and ``note``. Matching is case-sensitive, so ``US`` never matches the pronoun "us", and whole
words only. Where aliases overlap the longest wins ("NATO Secretary General" is Rutte, not
NATO), and adjacent mentions of the same actor merge ("French President Emmanuel Macron" is one
mention of Macron, not two).

Roles ("the French President") are resolved for early 2025; capitals stand for governments
only where that is their usual use in this coverage (Moscow, Kyiv, Washington, Warsaw), while
summit venues (Paris, London, Brussels) are not actors.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.paths import PACKAGE_DATA_DIR, alias_table_path
from helpers.syntax import TITLES  # noqa: F401  (re-exported: quotes reads it from here)

ALIAS_COLUMNS = ["alias", "actor", "kind", "note"]


class AliasTableError(ValueError):
    """The alias table is malformed (names the file and the problem)."""


def load_alias_table(path: Path | str | None = None) -> pd.DataFrame:
    """Read and check an alias table (the packaged one by default).

    >>> aliases = load_alias_table()
    >>> aliases.set_index("alias").loc["Kir Starmer", "actor"]
    'Starmer'
    """
    path = Path(path) if path is not None else alias_table_path()
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise AliasTableError(f"{path.name}: cannot read the alias table ({exc})") from None
    missing = [c for c in ("alias", "actor") if c not in table.columns]
    if missing:
        raise AliasTableError(f"{path.name}: missing column(s) {', '.join(missing)}")
    table = table.reindex(columns=ALIAS_COLUMNS, fill_value="")
    table = table.apply(lambda column: column.str.strip())
    empty = table.index[(table["alias"] == "") | (table["actor"] == "")]
    if len(empty):
        raise AliasTableError(f"{path.name}: line {empty[0] + 2} has an empty alias or actor")
    clashes = table.groupby("alias")["actor"].nunique()
    clashes = clashes[clashes > 1]
    if len(clashes):
        raise AliasTableError(
            f"{path.name}: alias {clashes.index[0]!r} points to more than one actor"
        )
    return table.drop_duplicates("alias", ignore_index=True)


def alias_pattern(aliases: pd.DataFrame) -> re.Pattern[str]:
    """One regular expression over all aliases, whole words only; where several aliases
    match at one place the longest wins.

    The aliases are arranged as a trie (one branch per first letter, and so on), so the
    engine follows one branch at each position instead of trying every alias: with the
    hundreds of names a large corpus discovers this is several times faster than a flat
    alternation, and it matches the same strings.

    >>> pattern = alias_pattern(pd.DataFrame({"alias": ["EU", "EU leaders", "Macron"]}))
    >>> [m.group() for m in pattern.finditer("EU leaders and the EU met Macron; EUR no.")]
    ['EU leaders', 'EU', 'Macron']
    """
    return re.compile(rf"(?<![\w.])(?:{_trie_regex(sorted(set(aliases['alias'])))})(?![\w])")


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def render(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(char) + render(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        # longer continuations first; ending here is the last resort
        return f"(?:{body})?" if ends else body

    return render(trie)


@dataclass(frozen=True)
class AliasMatcher:
    """An alias table prepared for matching: the compiled pattern and alias -> (actor, kind).

    Build it once with :func:`alias_matcher` when matching many strings.
    """

    pattern: re.Pattern[str]
    by_alias: dict[str, tuple[str, str]]
    # word -> (actor, the words of its alias) of each role alias with that word, to find roles
    # by a part of them ("the Commission president")
    roles_by_word: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(
        default_factory=dict)

    def roles_with(self, words: set[str]) -> set[str]:
        """Actors of the role aliases that contain all of ``words`` (lower case)."""
        candidates = min((self.roles_by_word.get(w, ()) for w in words), key=len, default=())
        return {actor for actor, alias_words in candidates if words <= alias_words}


_ORGANISATION_KINDS = frozenset({"organisation", "institution"})
_BROKEN_NAME_REACH = 40  # characters before a head word in which its alias may start
_SHORT_FORM_DETERMINERS = frozenset({"The", "A", "An", "This", "That", "Its", "Our", "Their"})


def alias_matcher(aliases: pd.DataFrame | AliasMatcher) -> AliasMatcher:
    """The table prepared for :func:`find_mentions` (an already prepared one is returned)."""
    if isinstance(aliases, AliasMatcher):
        return aliases
    return _alias_index(tuple(aliases["alias"].tolist()), tuple(aliases["actor"].tolist()),
                        tuple(aliases["kind"].tolist()))


def role_case_variant(alias: str) -> str:
    """A role as news copy writes it after its first word ("German chancellor" for "German
    Chancellor"); roles only, since names are matched case-sensitively ("US", not "us").

    >>> role_case_variant("NATO Secretary General"), role_case_variant("Kremlin spokesman")
    ('NATO secretary general', 'Kremlin spokesman')
    """
    first, _, rest = alias.partition(" ")
    return f"{first} {rest.lower()}" if rest else alias


@cache
def _alias_index(aliases: tuple[str, ...], actors: tuple[str, ...], kinds: tuple[str, ...]
                 ) -> AliasMatcher:
    known = set(aliases)
    variants = [(role_case_variant(alias), actor, kind)
                for alias, actor, kind in zip(aliases, actors, kinds)
                if kind == "role" and role_case_variant(alias) not in known]
    # copy typed without accents names the same actor ("Orban", "Sanchez")
    variants += [(_unaccented(alias), actor, kind)
                 for alias, actor, kind in zip(aliases, actors, kinds)
                 if _unaccented(alias) != alias and _unaccented(alias) not in known]
    variants = list({v[0]: v for v in variants}.values())
    aliases = aliases + tuple(v[0] for v in variants)
    actors = actors + tuple(v[1] for v in variants)
    kinds = kinds + tuple(v[2] for v in variants)
    table = pd.DataFrame({"alias": aliases, "actor": actors, "kind": kinds})
    by_alias = {a: (b, c) for a, b, c in zip(aliases, actors, kinds)}
    roles_by_word: dict[str, list[tuple[str, frozenset[str]]]] = {}
    for alias, (actor, kind) in by_alias.items():
        if kind == "role":
            words = frozenset(alias.lower().split())
            for word in words:
                roles_by_word.setdefault(word, []).append((actor, words))
    return AliasMatcher(alias_pattern(table), by_alias,
                        {word: tuple(roles) for word, roles in roles_by_word.items()})


def is_dateline_city(name: str, before: str) -> bool:
    """Is a place named in capitals at the start of its sentence (``before``: the text before
    it) a wire dateline ("LONDON, March 1 (Wire) -"), no actor? Acronyms such as "USA" are
    too short to be one.

    >>> is_dateline_city("LONDON", ""), is_dateline_city("London", ""), is_dateline_city("USA", "")
    (True, False, False)
    """
    return name.isupper() and len(name) > 3 and not re.search(r"\w", before)


def short_form_names(text: str, aliases: pd.DataFrame | AliasMatcher) -> dict[str, str]:
    """The one-word short forms an article uses for organisations it names in full: "the
    Commission" in an article that names the European Commission, "the Trust" after "the
    Atlantic Salmon Trust" (when the table lists it). A short form that another capitalised
    name in the article ends with ("the Electoral Commission") stays as it is.

    >>> short_form_names("The European Commission met. The Commission said no.",
    ...                  load_alias_table())
    {'Commission': 'European Commission'}
    >>> short_form_names("The European Commission and the Electoral Commission met.",
    ...                  load_alias_table())
    {}
    """
    candidates: dict[str, set[str]] = {}
    spans: dict[str, list[tuple[int, int]]] = {}
    for mention in find_mentions(text, aliases):
        words = mention["matched"].split()
        if mention["kind"] in _ORGANISATION_KINDS and len(words) > 1 and words[-1].istitle():
            candidates.setdefault(words[-1], set()).add(mention["actor"])
            spans.setdefault(words[-1], []).append((mention["start"], mention["end"]))
    return {short: next(iter(actors)) for short, actors in candidates.items()
            if len(actors) == 1 and not _other_names_ending(text, short, spans[short])}


def _other_names_ending(text: str, short: str, known: list[tuple[int, int]]) -> bool:
    """Does a capitalised name outside the ``known`` spans end with ``short`` ("the
    Electoral Commission")?"""
    return any(m.group(1) not in _SHORT_FORM_DETERMINERS
               and not any(a <= m.start() and m.end() <= b for a, b in known)
               for m in re.finditer(rf"\b([A-Z][\w'-]*)\s+{re.escape(short)}\b", text))


def with_short_forms(table: pd.DataFrame, column: str, texts: dict[str, str],
                     aliases: pd.DataFrame | AliasMatcher) -> pd.DataFrame:
    """A copy of ``table`` whose ``column`` names an organisation in full where its article
    (``texts``: doc_id -> text) uses the short form of a name it gives in full
    (:func:`short_form_names`). An article that uses the short form alone ("the Commission"
    and never "European Commission") takes the full name the table's other articles give
    it, when they all give the same one and the article names no other organisation ending
    with it: the corpus is the context a reader brings to the article.

    >>> claims = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["Commission", "Commission"]})
    >>> texts = {"a": "The European Commission met. The Commission said no.",
    ...          "b": "The Commission said yes."}
    >>> with_short_forms(claims, "actor", texts, load_alias_table())["actor"].tolist()
    ['European Commission', 'European Commission']
    """
    if table.empty:
        return table
    matcher = alias_matcher(aliases)
    doc_ids = table["doc_id"].tolist()
    names_in = {doc_id: short_form_names(texts.get(doc_id, ""), matcher)
                for doc_id in dict.fromkeys(doc_ids)}  # doc_id -> short form -> full name
    full_names: dict[str, set[str]] = {}
    for forms in names_in.values():
        for short, full in forms.items():
            full_names.setdefault(short, set()).add(full)
    in_corpus = {short: next(iter(full)) for short, full in full_names.items() if len(full) == 1}
    renamed = []
    # one pass over plain values: assigning into the column article by article costs time
    # in proportion to the whole table each time
    for doc_id, name in zip(doc_ids, table[column].tolist()):
        full = names_in[doc_id].get(name) if isinstance(name, str) else None
        if full is None and isinstance(name, str) and name in in_corpus and not (
                _other_names_ending(texts.get(doc_id, ""), name, [])):
            full = in_corpus[name]
        renamed.append(full or name)
    return table.assign(**{column: pd.Series(renamed, index=table.index,
                                             dtype=table[column].dtype)})


def find_mentions(text: str, aliases: pd.DataFrame | AliasMatcher) -> list[dict]:
    """Actor mentions in one string: ``actor``, ``kind``, ``matched`` text, ``start``, ``end``.

    ``aliases`` is the alias table or, when matching many strings, its :func:`alias_matcher`.

    >>> aliases = load_alias_table()
    >>> [m["actor"] for m in find_mentions(
    ...     "French President Emmanuel Macron met Zelenskiy and the Kremlin said us.", aliases)]
    ['Macron', 'Zelensky', 'Russia']
    """
    matcher = alias_matcher(aliases)
    by_alias = matcher.by_alias
    mentions: list[dict] = []
    for match in matcher.pattern.finditer(text):
        actor, kind = by_alias[match.group()]
        previous = mentions[-1] if mentions else None
        if (previous and previous["actor"] == actor
                and not text[previous["end"] : match.start()].strip()):
            previous["end"] = match.end()
            previous["matched"] = text[previous["start"] : match.end()]
            continue
        mentions.append({"actor": actor, "kind": kind, "matched": match.group(),
                         "start": match.start(), "end": match.end()})
    return mentions


_DEFINITE_HEAD = re.compile(
    r"\b(?:[Tt]he|[Tt]hese|[Tt]hose)\s+(?P<head>[a-z]+s)\b"
    r"|^\s*[-\u2022*]\s*(?P<opening>(?!The\b|These\b|Those\b)[A-Z][a-z]+s)\b")
_GROUP_REACH = 3  # sentences after the group's name in which its head noun still takes it up


def group_head(name: str) -> str:
    """The head noun of a group's name ("EU leaders" -> "leaders", "coalition of the
    willing" -> "coalition")."""
    return name.split(" of ")[0].split()[-1].lower()


class GroupAnaphora:
    """Within one article, a definite plural noun ("the leaders", "these ministers") takes up
    the group named with that head noun in one of the last :data:`_GROUP_REACH` sentences
    ("European leaders met in London ... the leaders had agreed on four steps"). Only groups
    (the alias kind ``group``) with a plural head are taken up; not a head with its own
    complement ("the leaders of France and Germany"), and not once another group with that
    head was named ("China hosted African leaders ... The leaders agreed"). A bare
    capitalised head opening a bullet counts too ("- Leaders agreed that ...").

    >>> groups = GroupAnaphora()
    >>> aliases = load_alias_table()
    >>> groups.update("European leaders met in London.",
    ...               find_mentions("European leaders met in London.", aliases))
    >>> [(m["actor"], m["matched"]) for m in groups.mentions("The leaders agreed.", [])]
    [('European leaders', 'The leaders')]
    >>> groups.mentions("The leaders of France and Germany spoke.", [])
    []
    """

    def __init__(self) -> None:
        self.heads: dict[str, tuple[str, str]] = {}
        self.age: dict[str, int] = {}

    def update(self, sentence: str, mentions: list[dict]) -> None:
        """After each sentence that can be an antecedent (not a heading)."""
        for head in list(self.age):
            self.age[head] += 1
            if self.age[head] >= _GROUP_REACH:
                del self.heads[head], self.age[head]
        named = [(m["start"], m["end"]) for m in mentions if m["kind"] == "group"]
        for head in list(self.heads):  # "African leaders": another group with the same head
            # a qualifier naming another group: capitalised, not a possessive ("Europe's")
            for found in re.finditer(rf"\b(?P<word>[A-Z][\w-]*)\s+{re.escape(head)}\b",
                                     sentence):
                if found.group("word").lower() not in ("the", "these", "those") and not any(
                        a <= found.start("word") < b for a, b in named):
                    del self.heads[head], self.age[head]
                    break
        for mention in mentions:
            head = group_head(mention["matched"])
            if mention["kind"] == "group" and head.endswith("s"):
                self.heads[head] = (mention["actor"], mention["kind"])
                self.age[head] = 0

    def mentions(self, sentence: str, named: list[dict]) -> list[dict]:
        """The definite group nouns of ``sentence`` as mentions, outside the ``named`` ones."""
        if not self.heads:
            return []
        found = []
        for match in _DEFINITE_HEAD.finditer(sentence):
            group = "head" if match.group("head") else "opening"
            head = match.group(group).lower()
            if head not in self.heads or re.match(r"\s+of\b", sentence[match.end():]):
                continue
            start = match.start() if group == "head" else match.start(group)
            if any(m["start"] < match.end() and start < m["end"] for m in named):
                continue
            actor, kind = self.heads[head]
            found.append({"actor": actor, "kind": kind, "matched": sentence[start:match.end()],
                          "start": start, "end": match.end()})
        return found


_COORDINATOR = re.compile(r"\s*(?:,\s*(?:and\s+|as well as\s+)?|and\s+|as well as\s+|&\s*)")
_OPENING = re.compile(r"^[\s\-\u2022*]*(?:(?:the|both|all)\s+)?$|,\s*(?:(?:the|both|all)\s+)?$",
                      re.IGNORECASE)  # not inside a quotation opening the sentence


def plural_subject(sentence: str, mentions: list[dict]) -> list[str]:
    """The actors a later "they" can take up: a run of actors joined by "and" or commas that
    opens the sentence, or opens it after an adverbial and its comma ("Germany, France and
    Poland signed ...", "On Monday, Spain and Italy said ..."), else a group that does ("EU
    leaders agreed ..."). Actors after a verb or a preposition are not taken.

    >>> aliases = load_alias_table()
    >>> plural_subject("On Monday, Spain and Italy said no.",
    ...                find_mentions("On Monday, Spain and Italy said no.", aliases))
    ['Spain', 'Italy']
    >>> plural_subject("Macron met Spain and Italy.",
    ...                find_mentions("Macron met Spain and Italy.", aliases))
    []
    """
    if not mentions or not _OPENING.search(sentence[:mentions[0]["start"]]):
        return []
    run = [mentions[0]]
    for mention in mentions[1:]:
        if not _COORDINATOR.fullmatch(sentence[run[-1]["end"]:mention["start"]]):
            break
        run.append(mention)
    if sentence.startswith("'s", run[-1]["end"]):
        return []  # "Germany and France's leaders": the possessed noun is the subject
    if len(run) > 1:
        return list(dict.fromkeys(m["actor"] for m in run))
    return [run[0]["actor"]] if run[0]["kind"] == "group" else []


def actor_mentions(sentences: pd.DataFrame, aliases: pd.DataFrame | None = None
                   ) -> pd.DataFrame:
    """Actor mentions per sentence of a sentences table (see :mod:`helpers.text`).

    Columns: ``doc_id``, ``sentence_id``, ``actor``, ``kind``, ``matched`` (the text as
    written), ``start`` and ``end`` (offsets into the sentence).
    """
    matcher = alias_matcher(load_alias_table() if aliases is None else aliases)
    rows = []
    for doc_id, sentence_id, sentence in zip(
        sentences["doc_id"], sentences["sentence_id"], sentences["sentence"]
    ):
        for mention in find_mentions(sentence, matcher):
            rows.append({"doc_id": doc_id, "sentence_id": sentence_id, **mention})
    columns = ["doc_id", "sentence_id", "actor", "kind", "matched", "start", "end"]
    return pd.DataFrame(rows, columns=columns)


def mention_counts(mentions: pd.DataFrame, top: int | None = None) -> pd.DataFrame:
    """Actor x article counts from :func:`actor_mentions` (actors sorted by total, then name),
    with a ``total`` column; only the ``top`` actors when given (the table is then counted for
    those alone: a corpus of many articles and actors never makes the full table)."""
    totals = mentions["actor"].value_counts()
    order = totals.rename_axis("actor").reset_index(name="total").sort_values(
        ["total", "actor"], ascending=[False, True])["actor"]
    if top is not None:
        order = order.head(top)
    chosen = mentions[mentions["actor"].isin(set(order))]
    counts = (chosen.groupby(["actor", "doc_id"], observed=True).size()
              .unstack("doc_id", fill_value=0).reindex(sorted(set(mentions["doc_id"])), axis=1,
                                                       fill_value=0))
    counts.columns.name = "doc_id"
    counts = counts.reindex(order.tolist(), fill_value=0).rename_axis("actor")
    counts["total"] = counts.sum(axis=1)
    return counts


# --------------------------------------------------------------------------------------------
# Actors the alias table does not list, from the entity recognizer (helpers.syntax)

# Capitalised words that are no name ("May" is left out: it is a surname too)
CALENDAR_WORDS = frozenset("""
january february march april june july august september october november december monday
tuesday wednesday thursday friday saturday sunday
""".split())
DISCOVERED_COLUMNS = ["actor", "name", "kind", "role", "country", "variants", "mentions",
                      "articles", "included", "first_seen"]
ENTITY_KINDS = {"PERSON": "person", "ORG": "organisation", "GPE": "state"}
# Places that are not states ("Europe", "the Black Sea"): counted, so that a name the recognizer
# tags as a place more often than as a person is filed as a place; never analysed.
_PLACE_LABELS = {"LOC": "place", "FAC": "place"}
MIN_MENTIONS = 2  # a name seen once in the whole corpus is listed, not analysed
# Organisations named like news media are outlets, not actors ("Harbourline News Agency").
_MEDIA_NAME = re.compile(r"\b(?:News|Agency|Wire|Press|Times|Post|Daily|Gazette|Chronicle|"
                         r"Review|Journal|Herald|Tribune|Observer|Radio|Television|TV|"
                         r"Broadcasting|Media|Newsletter)\b")


def load_demonyms(path: Path | str | None = None) -> dict[str, str]:
    """Adjectives of nationality -> country ("French" -> "France"), from the packaged table."""
    return dict(_demonyms(str(path or PACKAGE_DATA_DIR / "demonyms.csv")))


@cache
def _demonyms(path: str) -> tuple[tuple[str, str], ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tuple(zip(table["demonym"], table["country"]))


def load_capitals(path: Path | str | None = None) -> dict[str, str]:
    """Capital -> country ("Paris" -> "France"), from the packaged table: a capital that
    takes a position is its government ("Paris is saying the same")."""
    return dict(_capitals(str(path or PACKAGE_DATA_DIR / "capitals.csv")))


@cache
def _capitals(path: str) -> tuple[tuple[str, str], ...]:
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    return tuple(zip(table["capital"], table["country"]))


def person_key(words: list[str]) -> str:
    """The surname a person is filed under: the name without titles or a possessive.

    >>> person_key(["French", "Foreign", "Minister", "Jean-Noel", "Barrot"])
    'Barrot'
    >>> person_key(["Mr", "Blair", "'s"]), person_key(["Ursula", "von", "der", "Leyen"])
    ('Blair', 'von der Leyen')
    >>> person_key(["Describing", "Mr"])  # a title is no surname (a recognizer's slip)
    ''
    >>> person_key(["Florian", "Hamm", "-", "Borussia", "Dortmund"])  # a span run past a dash
    'Hamm'
    >>> person_key(["Governor", "Yoo", "Ji-chang"])  # family name first (Korean romanisation)
    'Yoo Ji-chang'
    >>> person_key(["Mr", "De", "Vido"]), person_key(["Marine", "Le", "Pen"])
    ('De Vido', 'Le Pen')
    """
    words = name_words(words)
    while words and (words[0].lower().rstrip(".") in TITLES or not words[0][:1].isupper()):
        words = words[1:]
    if not words:
        return ""
    if words[-1].lower().rstrip(".") in TITLES:
        return ""
    for k, word in enumerate(words[:-1]):  # nobiliary particles stay with the surname
        if word.lower() in _PARTICLES and (word.islower() or word in _CAPITAL_PARTICLES):
            return " ".join(words[k:])
    if len(words) >= 2 and _GIVEN_NAME_LAST.fullmatch(words[-1]):
        return " ".join(words[-2:])  # "Kim Jong-un" and "Kim Yo-jong" are two people
    return words[-1]


_PARTICLES = frozenset({"von", "van", "de", "der", "den", "da", "di", "du", "le", "la", "bin",
                        "del", "della", "dos", "das"})
# written with a capital in some names ("Julio De Vido", "Marine Le Pen", "Luigi Di Maio")
_CAPITAL_PARTICLES = frozenset({"De", "Di", "Da", "Le", "La", "Del", "Della", "Van", "Von",
                                "Dos", "Das"})
# A hyphenated given name with a lower-case second syllable ("Ji-chang", "Jae-in") follows
# the family name in Korean romanisation; Western double names keep capitals ("Jean-Noel").
_GIVEN_NAME_LAST = re.compile(r"[A-Z][a-z]+-[a-z]+")
_NAME_BREAK = frozenset({"-", "–", "—", "|", "/"})


def name_words(words: list[str]) -> list[str]:
    """The words of a person's name as written: possessives off, and cut at a dash or bar
    that the recognizer ran the span past ("Florian Hamm - Borussia Dortmund").

    >>> name_words(["Mr", "Blair's"]), name_words(["Florian", "Hamm", "–", "Dortmund"])
    (['Mr', 'Blair'], ['Florian', 'Hamm'])
    """
    kept = []
    for word in words:
        if word in _NAME_BREAK:
            break
        word = re.sub(r"(?:'s|’s|')$", "", word)
        if word:
            kept.append(word)
    return kept


def title_of(parsed, first: int, last: int, demonyms: dict[str, str]) -> tuple[str, str]:
    """(role, country) from the words before a name ("French Foreign Minister"), from its
    apposition ("Jean-Noel Barrot, France's foreign minister") or from the title it stands in
    apposition to ("Finland's president, Alexander Stubb")."""
    head = parsed.tokens[last - 1]
    words: list = []
    k = first - 1
    while (k >= 0 and k < parsed.tokens[k].head < last
           and parsed.tokens[k].dep in ("compound", "amod", "nmod", "npadvmod")):
        words.insert(0, parsed.tokens[k])
        k -= 1
    if not words:
        for child in parsed.children(head.i):
            if child.dep == "appos":
                words = [t for t in parsed.subtree(child.i)
                         if t.dep not in ("det", "punct", "case", "prep", "pobj", "relcl")]
                break
    if not words and head.dep == "appos" and head.head < first:
        # the name in apposition to its title: "Finland's president, Alexander Stubb"
        name = set(parsed.subtree(head.i))
        words = [t for t in parsed.subtree(head.head) if t.i < first and t not in name
                 and t.dep not in ("det", "punct", "case", "prep", "pobj", "relcl", "cc")]
    country = ""
    role = []
    for token in words:
        if token.text in demonyms:
            country = demonyms[token.text]
        elif token.ent_type == "GPE":
            country = country or token.text
        elif token.pos in ("NOUN", "PROPN", "ADJ") and token.ent_type != "PERSON":
            role.append(token.text.lower())
    return (" ".join(role) if len(role) <= 4 else ""), country  # a long phrase is no title


def discover_actors(parses, aliases: pd.DataFrame | AliasMatcher | None = None,
                    min_mentions: int = MIN_MENTIONS, demonyms: dict[str, str] | None = None,
                    outlets=()) -> pd.DataFrame:
    """People, organisations and places the entity recognizer finds and the alias table does
    not list, one row per actor: ``actor`` (people by surname), ``name`` (the fullest form
    seen), ``kind``, ``role`` and ``country`` (from a title or apposition), ``mentions``,
    ``articles``, ``included`` (named at least ``min_mentions`` times: analysed as an actor)
    and ``first_seen`` (doc_id:sentence_id). ``outlets`` (the articles' own outlets) and
    organisations named like media are not actors. Review the table and fold rows into your
    alias table (:func:`discovered_aliases` gives them in its format)."""
    matcher = alias_matcher(load_alias_table() if aliases is None else aliases)
    demonyms = load_demonyms() if demonyms is None else demonyms
    not_actors = set(_cited_source_names()) | {
        str(outlet) for outlet in outlets if isinstance(outlet, str)}
    found: dict[tuple[str, str], dict] = {}
    # "WTO" -> the names it is given for ("World Tourism Organisation")
    acronyms: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for doc_id, sentence_id in sorted(parses.index):
        entities = parses.entities(doc_id, sentence_id)
        if not entities:
            continue
        sentence = parses.text(doc_id, sentence_id)
        offset = parses.index[(doc_id, sentence_id)][2]
        known = [(m["start"], m["end"]) for m in find_mentions(sentence, matcher)]
        parsed = None  # the tokens are built only for a person's title
        for entity_start, entity_end, label, _ in entities:
            kind = ENTITY_KINDS.get(label) or _PLACE_LABELS.get(label)
            if kind is None:
                continue
            start, end = entity_start - offset, entity_end - offset
            if any(a < end and start < b for a, b in known):
                continue  # the alias table has it
            cut_short = False
            if kind == "person":
                key = person_key(sentence[start:end].split())
                if (not key or key.lower() in CALENDAR_WORDS or key.lower() in PRONOUNS
                        or not key[:1].isupper()):
                    continue  # a pronoun is no surname ("wrote on X. He said" as one name)
                span_words = name_words(sentence[start:end].split())
                written = list(span_words)
                while written and written[0].lower().rstrip(".") in TITLES:
                    written = written[1:]
                name = " ".join(written) or key
                before = re.findall(r"[\w.]+", sentence[max(0, start - 30):start])
                # a full name, a title or an honorific: a recognizer's PERSON on a lone word
                # that never has one ("Yukos") is more likely a company
                fully_named = (len(written) >= 2 or len(span_words) > len(written)
                               or bool(before) and before[-1].lower().rstrip(".") in TITLES)
                parsed = parsed or parses.sentence(doc_id, sentence_id)
                first = next(t.i for t in parsed.tokens if t.start >= entity_start)
                last = max(t.i for t in parsed.tokens if t.end <= entity_end) + 1
                role, country = title_of(parsed, first, last, demonyms)
            else:
                name = re.sub(r"^(?:the|The)\s+|'s$", "", sentence[start:end]).strip()
                if not name[:1].isupper():
                    continue
                if label in ("GPE", "LOC") and is_dateline_city(name, sentence[:start]):
                    continue
                key, role, country, fully_named = name, "", "", True
                # "Liberal" tagged alone in "Liberal Democrats": the start of a longer name
                cut_short = bool(_CAPITALISED_NEXT.match(sentence, end))
                short = _ACRONYM_AFTER.match(sentence, end)
                if short and short.group(1) == initials(name):
                    acronyms.setdefault((short.group(1), kind), set()).add(
                        (_unaccented(key), kind))
            # spellings with and without accents are one actor ("Orbán", "Orban")
            row = found.setdefault((_unaccented(key), kind), {
                "actor": key, "name": name, "kind": kind, "role": role, "country": country,
                "mentions": 0, "docs": set(), "first_seen": f"{doc_id}:{sentence_id}",
                "spellings": {}, "written": set(), "fully_named": False, "cut_short": 0})
            row["mentions"] += 1
            row["cut_short"] += kind != "person" and cut_short
            row["written"].add(name)
            row["fully_named"] = row["fully_named"] or fully_named
            row["docs"].add(doc_id)
            for spelling in (key, name):
                row["spellings"][spelling] = row["spellings"].get(spelling, 0) + 1
            if len(name) > len(row["name"]):
                row["name"] = name
            row["role"] = row["role"] or role
            row["country"] = row["country"] or country
    # an acronym alone in an article that names an organisation with those initials ("the
    # World Tourism Organisation ... the WTO said")
    for (_, kind), row in list(found.items()):
        if kind != "organisation" or not ACRONYM.fullmatch(row["actor"]) or (
                row["actor"], kind) in acronyms:
            continue
        spelled = {other_key for other_key, other in found.items()
                   if other_key[1] == kind and other is not row
                   and initials(other["actor"]) == row["actor"] and other["docs"] & row["docs"]}
        if spelled:
            acronyms[(row["actor"], kind)] = spelled
    for (acronym, kind), names in acronyms.items():  # "the World Tourism Organisation (WTO)"
        if len(names) != 1 or next(iter(names)) not in found:
            continue  # an acronym that stands for two names in the corpus stays itself
        full = next(iter(names))
        target = found[full]
        short = found.pop((acronym, kind), None)
        if short is not None:
            target["mentions"] += short["mentions"]
            target["docs"] |= short["docs"]
        target["spellings"][acronym] = target["spellings"].get(acronym, 0)
    # A place that is not a country (a city, a region) is listed but not analysed; nor are
    # the outlets and platforms an article cites (helpers.quotes' source table).
    countries = set(demonyms.values())
    for row in found.values():  # filed under the commonest spelling (accented on a tie)
        keys = [k for k in row["spellings"] if k == row["actor"]
                or _unaccented(k) == _unaccented(row["actor"])]
        row["actor"] = max(keys, key=lambda k: (row["spellings"][k], k != _unaccented(k)))
        written = row.pop("written")
        two_words = " ".join(row["name"].split()[-2:])
        if (row["kind"] == "person" and len(row["name"].split()) >= 3
                and two_words in written and row["actor"] not in written):
            # a double surname: "Troels Lund Poulsen" is "Lund Poulsen" on second mention,
            # never "Poulsen" alone (as "López Obrador" is)
            row["actor"] = two_words
            row["spellings"].setdefault(two_words, 0)
        others = sorted(k for k in row.pop("spellings") if k not in (row["actor"], row["name"]))
        row["variants"] = "; ".join(others)
    rows = [row | {"articles": len(row.pop("docs")),
                   "included": row["mentions"] >= min_mentions and row["fully_named"]
                   and row["kind"] != "place"
                   and (row["kind"] != "state" or row["actor"] in countries)
                   and row["actor"] not in not_actors
                   and not (row["kind"] == "organisation" and _MEDIA_NAME.search(row["actor"]))
                   and row["actor"] not in _TIME_ZONES
                   # a one-word name the recognizer mostly cuts from a longer one would
                   # match inside every mention of that longer name
                   and not (" " not in row["actor"] and 2 * row["cut_short"] > row["mentions"])}
            for row in found.values()]
    table = pd.DataFrame(rows, columns=[*DISCOVERED_COLUMNS, "fully_named"])
    # One actor per name: the kind the recognizer gives it most often (a person on a tie), but
    # never a person who is not once named in full or by title when it has another kind.
    rank = table["kind"].map({"person": 0, "organisation": 1, "state": 2, "place": 3})
    table = (table.assign(_rank=rank, _lone=~table["fully_named"])
             .sort_values(["actor", "_lone", "mentions", "_rank"],
                          ascending=[True, True, False, True])
             .drop_duplicates("actor")[DISCOVERED_COLUMNS])
    return table.sort_values(["mentions", "actor"], ascending=[False, True],
                             ignore_index=True)


ACRONYM = re.compile(r"[A-Z][A-Z&]{1,7}")  # "WTO", "M&S"
# Live blogs stamp their entries with a time zone ("14:05 CET"), which the recognizer files as
# an organisation
_TIME_ZONES = frozenset("UTC GMT BST CET CEST EET EEST WET WEST MSK EST EDT CST CDT MST MDT PST "
                        "PDT IST JST KST AEST AEDT".split())
_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Z&]{1,7})\)")
_CAPITALISED_NEXT = re.compile(r" [A-Z][a-z]")
_LOWER_WORDS = frozenset({"of", "for", "and", "the", "de", "du", "des", "on", "in", "&"})


def initials(name: str) -> str:
    """The acronym a name's capitalised words make ("World Tourism Organisation" -> "WTO";
    "Bank of England" -> "BE", since "of" is not counted).

    >>> initials("World Tourism Organisation"), initials("Korea Development Bank")
    ('WTO', 'KDB')
    """
    return "".join(word[0] for word in re.split(r"[\s-]+", name)
                   if word and word.lower() not in _LOWER_WORDS and word[0].isupper())


def canonical_country(name: str, aliases: pd.DataFrame | AliasMatcher) -> str:
    """A country as the alias table files it ("Britain" -> "United Kingdom"); the name as
    given when the table does not name exactly one actor in it.

    >>> table = load_alias_table()
    >>> canonical_country("Britain", table), canonical_country("Ruritania", table)
    ('United Kingdom', 'Ruritania')
    """
    mentions = find_mentions(name, aliases) if name else []
    return mentions[0]["actor"] if len(mentions) == 1 else name


def _unaccented(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _cited_source_names() -> frozenset[str]:
    """The outlets, agencies, platforms and officials an article may cite (the source table):
    no actors."""
    return frozenset(pd.read_csv(PACKAGE_DATA_DIR / "source_aliases.csv", dtype=str,
                                 keep_default_na=False)["alias"])


def discovered_aliases(discovered: pd.DataFrame, claimants: bool = False) -> pd.DataFrame:
    """The included discovered actors as alias-table rows (full name and, for people, the
    surname alone), for :func:`with_discovered` or to paste into an alias table. With
    ``claimants``, also the people named once in full (given name and surname): a person who
    states a position in the one sentence that names them is no name "in passing"."""
    chosen = discovered["included"].astype(bool)
    if claimants:
        chosen |= ((discovered["kind"] == "person")
                   & discovered["name"].astype(str).str.contains(" ", regex=False)
                   & ~discovered["actor"].isin(_cited_source_names()))
    rows, roles = [], {}
    for row in discovered[chosen].itertuples(index=False):
        note = "discovered: " + ", ".join(part for part in (row.role, row.country) if part)
        spellings = [v for v in str(row.variants or "").split("; ") if v]
        for alias in dict.fromkeys([row.name, row.actor, *spellings]):
            rows.append({"alias": alias, "actor": row.actor, "kind": row.kind,
                         "note": note.rstrip(": ,")})
        if (office := _office_alias(row)) is not None:
            roles.setdefault(office, set()).add(row.actor)
    # "Czech Prime Minister Petr Fiala": "the Czech prime minister" is Fiala, and his country
    # is the Czech Republic, unless the corpus gives that office to two people
    rows += [{"alias": office, "actor": next(iter(holders)), "kind": "role",
              "note": "discovered role"}
             for office, holders in sorted(roles.items()) if len(holders) == 1]
    return pd.DataFrame(rows, columns=ALIAS_COLUMNS)


def _office_alias(row) -> str | None:
    """A discovered person's office with the country's demonym ("Czech Prime Minister"), or
    None without both."""
    role_words = str(row.role or "").split()
    if (row.kind != "person" or not row.country or not role_words or len(role_words) > 3
            or any(w.rstrip(".") in _HONORIFICS or not w.isalpha() for w in role_words)):
        return None
    demonym = _demonym_of().get(row.country)
    return None if demonym is None else f"{demonym} {' '.join(w.title() for w in role_words)}"


_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady baroness prof".split())


@cache
def _demonym_of() -> dict[str, str]:
    """Country -> the first demonym listed for it ("Czech Republic" -> "Czech")."""
    found: dict[str, str] = {}
    for demonym, country in _demonyms(str(PACKAGE_DATA_DIR / "demonyms.csv")):
        found.setdefault(country, demonym)
    return found


def with_discovered(aliases: pd.DataFrame, discovered: pd.DataFrame, claimants: bool = False
                    ) -> pd.DataFrame:
    """The alias table extended by the included discovered actors (with ``claimants``, also
    the people named once in full: :func:`discovered_aliases`); the table's own aliases win
    where both name the same string."""
    extra = discovered_aliases(discovered, claimants)
    extra = extra[~extra["alias"].isin(set(aliases["alias"]))]
    return pd.concat([aliases, extra], ignore_index=True).drop_duplicates("alias")


# --------------------------------------------------------------------------------------------
# Reading an actor off a parse: the words of a subject, speaker or claimant -> who it is

# Heads of noun phrases that speak for the institution named beside them ("a Commission
# spokesperson", "the Kremlin's press office"), and plural heads that stand for the group
# named beside them ("EU leaders", "G7 foreign ministers").
SPOKES_NOUNS = frozenset({"spokesman", "spokeswoman", "spokesperson", "spokespeople",
                          "spokesmen", "office", "readout", "statement",
                          "presidency", "government", "administration", "ministry"})
GROUP_NOUNS = frozenset({"leaders", "ministers", "governments", "members", "delegations",
                         "heads", "allies", "partners", "states", "countries", "nations"})
PRONOUNS = {"he": "Masc", "him": "Masc", "his": "Masc", "she": "Fem", "her": "Fem",
            "they": "Plur", "them": "Plur", "their": "Plur", "it": "Neut", "its": "Neut",
            "we": "First", "i": "First", "us": "First", "our": "First"}
_PHRASE_STOP = frozenset({"relcl", "acl", "appos", "prep", "punct", "cc", "conj", "advcl",
                          "ccomp", "xcomp", "parataxis", "dep", "mark", "advmod", "npadvmod"})
# A name after an honorific, which the recognizer may miss ("Lord Browne believes ...")
HONORIFIC_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Sir|Lord|Lady|Dame|Prof)\.?\s+"
    r"(?P<name>[A-Z][\w'-]+(?:\s+[A-Z][\w'-]+){0,2})")
_QUOTE_MARKS = re.compile(r"[\"\u201c\u201d]|(?<!\w)['\u2018\u2019]")
# determiners before a description, and a live blog's time stamp the parser may hang on it
# ("10:52 CET - A senior EU diplomat")
_LEADING = re.compile(r"^(?:\d{1,2}[:.]\d{2}(?:\s*[A-Z]{2,5})?\s*[-\u2013\u2014]\s*)?"
                      r"(?:(?:a|an|the|one|two|three|another|some)\s+)*", re.IGNORECASE)


@dataclass(frozen=True)
class Resolved:
    """Who a phrase names: ``actor`` (canonical, a surname, or the description as written),
    ``kind`` (the alias kind, ``person``, ``organisation``, ``state``, ``unnamed`` for an
    unnamed source, ``pronoun``), and the ``words`` that decided it."""

    actor: str
    kind: str
    words: str


def noun_phrase(parsed, i: int) -> list:
    """The tokens of the noun phrase headed by token ``i``, without its clauses,
    prepositional phrases, appositions and conjuncts."""
    keep, stack = [i], [i]
    while stack:
        for child in parsed.children(stack.pop()):
            if child.dep not in _PHRASE_STOP:
                keep.append(child.i)
                stack.append(child.i)
    return [parsed.tokens[k] for k in sorted(keep)]


def first_subject(subjects: list):
    """The subject of a verb the parser gave two ("said co-ordinator Peter Facey" comes out
    with both "co" and "Facey" as subjects of "said"): the first name, else the first."""
    return next((t for t in subjects if t.pos == "PROPN" or t.ent_type in ENTITY_KINDS),
                subjects[0])


def _without_quote_marks(words: str) -> str:
    """A description less its quotation marks (detainee 'A' -> detainee A); an apostrophe
    after a letter (Britain's, ministers') stays."""
    return " ".join(_QUOTE_MARKS.sub(" ", words).split())


def resolve_phrase(parsed, i: int, matcher: AliasMatcher, text: str, _depth: int = 0
                   ) -> Resolved | None:
    """Who the noun phrase headed by token ``i`` names (``text`` is the article).

    The alias table decides first, but only a mention that covers the head word: in "a
    senior EU official" the head is "official", so the speaker is an unnamed official, not
    the EU. Then a person the recognizer found (filed by surname), an apposition, a
    spokesperson or group for the institution beside it, a pronoun (left to the caller),
    and otherwise the description as written.
    """
    head = parsed.tokens[i]
    if head.text.lower() in PRONOUNS and head.pos == "PRON":
        return Resolved(head.text.lower(), "pronoun", head.text)
    if head.tag in ("WP", "WDT") and head.dep.startswith("nsubj"):
        # "X, who said": the relative clause's antecedent
        verb = parsed.tokens[head.head]
        if verb.dep == "relcl" and _depth < 2:
            return resolve_phrase(parsed, verb.head, matcher, text, _depth + 1)
        return None
    if head.text.lower() == "one" and _depth < 2:
        # "one of two diplomats familiar with the talks": one of those unnamed sources
        group = next((g for c in parsed.children(i) if c.dep == "prep" and c.text == "of"
                      for g in parsed.children(c.i) if g.dep == "pobj"), None)
        found = None if group is None else resolve_phrase(parsed, group.i, matcher, text,
                                                           _depth + 1)
        if found is not None and found.kind == "unnamed":
            words = text[head.start:max(t.end for t in parsed.subtree(group.i))]
            return Resolved(singular_source(found.actor), "unnamed", words)
        return None  # one member of a named group is not the group (the codebook)
    phrase = noun_phrase(parsed, i)
    start, end = phrase[0].start, phrase[-1].end
    words = text[start:end]
    mentions = find_mentions(words, matcher)
    for mention in mentions:
        if start + mention["start"] <= head.start < start + mention["end"]:
            return Resolved(mention["actor"], mention["kind"], words)
    # a name the parser broke up ("Ursula" and "von" hung on the noun in "Ursula von der
    # Leyen's plan"): the alias that ends with the head word
    before = max(0, head.start - _BROKEN_NAME_REACH)
    for mention in find_mentions(text[before:head.end], matcher):
        if before + mention["end"] == head.end and before + mention["start"] < start:
            return Resolved(mention["actor"], mention["kind"], text[before + mention["start"]:end])
    if head.ent_type == "PERSON":
        entity = [t for t in phrase if t.ent_type == "PERSON"]
        key = person_key(text[entity[0].start:entity[-1].end].split())
        if key:
            return Resolved(key, "person", words)
    for honorific in HONORIFIC_NAME.finditer(words):
        name_start, name_end = honorific.span("name")
        if start + name_start <= head.start < start + name_end:  # "BP chief Lord Browne"
            key = person_key(words[name_start:name_end].removesuffix("'s").split())
            if key:
                return Resolved(key, "person", words)
    for child in parsed.children(i):
        if child.dep == "appos" and _depth < 2:
            found = resolve_phrase(parsed, child.i, matcher, text, _depth + 1)
            if found is not None and found.kind != "unnamed":
                return found
    lower = head.text.lower()
    if mentions and (lower in SPOKES_NOUNS or lower in GROUP_NOUNS):
        return Resolved(mentions[-1]["actor"], mentions[-1]["kind"], words)
    owners = [c for c in parsed.children(i) if c.dep == "poss"]
    if lower in SPOKES_NOUNS and owners and _depth < 2:  # "his administration", "her office"
        return resolve_phrase(parsed, owners[0].i, matcher, text, _depth + 1)
    if head.ent_type in ENTITY_KINDS and head.ent_type != "PERSON":
        # the recognizer's whole entity, which may run past the phrase ("the Ministry of
        # Defence", cut at its preposition)
        first = last = i
        while first > 0 and head.ent_iob != "B" and parsed.tokens[first].ent_iob == "I" and (
                parsed.tokens[first - 1].ent_type == head.ent_type):
            first -= 1
        while last + 1 < len(parsed.tokens) and parsed.tokens[last + 1].ent_iob == "I" and (
                parsed.tokens[last + 1].ent_type == head.ent_type):
            last += 1
        spanned = parsed.tokens[first:last + 1]
        entity = text[spanned[0].start:spanned[-1].end] if len(spanned) > 1 else " ".join(
            t.text for t in phrase if t.ent_type == head.ent_type)
        if head.ent_type == "GPE" and phrase[0].i == 0 and is_dateline_city(entity, ""):
            return None
        return Resolved(_LEADING.sub("", entity), ENTITY_KINDS[head.ent_type], words)
    if head.pos == "PROPN":
        return Resolved(_LEADING.sub("", words), "name", words)
    if head.pos in ("NOUN", "PROPN") and len(words) <= 80:
        words = _with_source_modifier(parsed, i, text, words)
        return Resolved(_LEADING.sub("", _without_quote_marks(words)),
                        "unnamed", words)
    return None


# Unnamed sources are told apart by what follows them: "a person briefed on the talks",
# "officials familiar with the plan", "a diplomat close to the Elysee".
_SOURCE_NOUNS = frozenset({"person", "people", "source", "sources", "official", "officials",
                           "diplomat", "diplomats", "insider", "insiders", "figure", "figures"})
_SOURCE_MODIFIER_CHARS = 60
SINGULAR_SOURCES = {"people": "person", "sources": "source", "officials": "official",
                    "diplomats": "diplomat", "insiders": "insider", "figures": "figure",
                    "aides": "aide"}
_COUNT = re.compile(r"^(?:the\s+)?(?:two|three|four|five|several|\d+)\s+", re.IGNORECASE)


def singular_source(description: str) -> str:
    """One of a group of unnamed sources: "two diplomats familiar with the talks" ->
    "diplomat familiar with the talks", "British officials" -> "British official".

    >>> singular_source("two diplomats familiar with the talks")
    'diplomat familiar with the talks'
    """
    words = _COUNT.sub("", description).split()
    return " ".join(SINGULAR_SOURCES.get(w.lower(), w) for w in words)



def _with_source_modifier(parsed, i: int, text: str, words: str) -> str:
    """An unnamed source's description with the participle or adjective phrase after it
    ("one person briefed on the discussions"), when short; other heads are left as they are."""
    head = parsed.tokens[i]
    if head.text.lower() not in _SOURCE_NOUNS:
        return words
    after = [c for c in parsed.children(i) if c.i > i and c.dep in ("acl", "amod")
             and c.pos in ("VERB", "ADJ")]
    if not after:
        return words
    span, stack = {after[0].i}, [after[0].i]
    while stack:
        for child in parsed.children(stack.pop()):
            if child.dep not in ("relcl", "appos", "advcl", "punct", "npadvmod"):
                span.add(child.i)
                stack.append(child.i)
    last = after[0].i  # the run of words from the modifier on, up to a comma or a clause
    while last + 1 in span and parsed.tokens[last + 1].pos != "PUNCT":
        last += 1
    phrase = noun_phrase(parsed, i)
    start, end = phrase[0].start, parsed.tokens[last].end
    if after[0].i > phrase[-1].i + 1 or end - start > len(words) + _SOURCE_MODIFIER_CHARS:
        return words  # not right after the phrase, or too long
    return text[start:end]


def conjuncts(parsed, i: int) -> list[int]:
    """Token ``i`` and every token coordinated with it ("Germany, Poland and Spain")."""
    found, stack = [i], [i]
    while stack:
        for child in parsed.children(stack.pop()):
            if child.dep == "conj":
                found.append(child.i)
                stack.append(child.i)
    return sorted(found)
