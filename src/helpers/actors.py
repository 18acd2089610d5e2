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
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pandas as pd

from helpers.paths import alias_table_path

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
    """One regular expression over all aliases, longest first, whole words only."""
    ordered = sorted(aliases["alias"], key=lambda a: (-len(a), a))
    body = "|".join(re.escape(alias) for alias in ordered)
    return re.compile(rf"(?<![\w.])(?:{body})(?![\w])")


@dataclass(frozen=True)
class AliasMatcher:
    """An alias table prepared for matching: the compiled pattern and alias -> (actor, kind).

    Build it once with :func:`alias_matcher` when matching many strings.
    """

    pattern: re.Pattern[str]
    by_alias: dict[str, tuple[str, str]]


def alias_matcher(aliases: pd.DataFrame | AliasMatcher) -> AliasMatcher:
    """The table prepared for :func:`find_mentions` (an already prepared one is returned)."""
    if isinstance(aliases, AliasMatcher):
        return aliases
    return _alias_index(tuple(aliases["alias"].tolist()), tuple(aliases["actor"].tolist()),
                        tuple(aliases["kind"].tolist()))


@cache
def _alias_index(aliases: tuple[str, ...], actors: tuple[str, ...], kinds: tuple[str, ...]
                 ) -> AliasMatcher:
    table = pd.DataFrame({"alias": aliases, "actor": actors, "kind": kinds})
    return AliasMatcher(alias_pattern(table),
                        {a: (b, c) for a, b, c in zip(aliases, actors, kinds)})


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


def mention_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """Actor x article counts from :func:`actor_mentions` (actors sorted by total, then name)."""
    counts = mentions.pivot_table(index="actor", columns="doc_id", values="sentence_id",
                                  aggfunc="count", fill_value=0)
    counts["total"] = counts.sum(axis=1)
    order = counts.reset_index().sort_values(["total", "actor"], ascending=[False, True])
    return counts.loc[order["actor"]]
