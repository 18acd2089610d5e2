"""Measuring quote attribution against hand codes on text the rules were not written on.

Two gold formats are read:

- the development set's ``quotes_gold.csv`` (``doc, n, kind, speaker, speaker_basis,
  quote_start``: the first eight words of each quotation);
- character offsets into the raw files (``path, quote_start, quote_end, kind, speaker,
  speaker_full, speaker_type, speaker_basis``), as the project's own BBC codes are kept, so
  no article text is stored beside them.

Quotations are matched to the extracted quotes by their opening words, in text order within an
article; speakers by :func:`speaker_matches`. Stance codes are compared with
:func:`helpers.stance.compare_codings` after :func:`fold` on actor names.
"""

from __future__ import annotations

import re
import unicodedata

import pandas as pd

_TYPOGRAPHIC = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'",
                              "\u2019": "'", "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_DETERMINERS = {"a", "an", "the", "one", "two", "three", "some", "another"}


def fold(name: str) -> str:
    """Lower case, no accents, single spaces: how names are compared.

    >>> fold("  Orbán "), fold("Støre"), fold("Jean-Noël")
    ('orban', 'store', 'jean-noel')
    """
    decomposed = unicodedata.normalize("NFKD", str(name).replace("ø", "o").replace("Ø", "O"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.lower().split())


def _words(text: str) -> list[str]:
    return [w.rstrip("s") for w in re.findall(r"[a-z0-9]+", fold(text))]


def speaker_matches(system: str | None, gold: str, gold_full: str = "") -> bool:
    """Does the extracted speaker name the gold speaker?

    Names match after :func:`fold`, or by surname (the last word of either name); an unnamed
    source matches a description that contains all of its words ("a senior European
    diplomat" for "European diplomat"), and a one-word description its head noun when the
    system's speaker is a description too ("diplomat familiar with the talks" for
    "diplomat", not "EU" for "EU official"). ``none`` in the gold means no one is the source:
    only an empty speaker matches it.

    >>> speaker_matches("Barrot", "Barrot", "Jean-Noel Barrot")
    True
    >>> speaker_matches("a senior European diplomat", "European diplomat")
    True
    >>> speaker_matches("diplomat familiar with the talks", "diplomat")
    True
    >>> speaker_matches("Macron", "none"), speaker_matches(None, "none")
    (False, True)
    """
    empty = system is None or (isinstance(system, float) and pd.isna(system)) or not str(system)
    if fold(gold) == "none":
        return empty
    if empty:
        return False
    said, coded = fold(system), fold(gold)
    if said == coded or (gold_full and said == fold(gold_full)):
        return True
    said_words, coded_words = _words(said), _words(coded)
    if not said_words or not coded_words:
        return False
    if said_words[-1] == coded_words[-1] and (len(said_words) == 1 or len(coded_words) == 1):
        return True  # surname against full name
    content = [w for w in coded_words if w not in _DETERMINERS]
    if len(content) == 1 and str(gold)[:1].islower():  # a plain description: its head noun
        return str(system)[:1].islower() and content[0] in said_words
    return len(content) > 1 and set(content) <= set(said_words)


def _opening(text: str, n_words: int = 8) -> str:
    return " ".join(str(text).translate(_TYPOGRAPHIC).split()[:n_words])


def match_quotes(extracted: pd.DataFrame, gold: pd.DataFrame, doc_column: str = "doc_id"
                 ) -> pd.DataFrame:
    """Each gold quotation beside the extracted quote that opens with the same words.

    ``gold`` has ``doc_id``, ``opening`` (its first words) and any other columns, which are
    kept; ``extracted`` is :func:`helpers.quotes.extract_quotes` output. Within an article,
    quotes are matched in text order, each extracted quote at most once. Adds ``found``,
    ``system_speaker``, ``system_attribution`` and ``system_cue``.
    """
    rows = []
    by_doc = {doc: group.sort_values("start") for doc, group in
              extracted.groupby(doc_column, sort=False)}
    for doc_id, gold_doc in gold.groupby("doc_id", sort=True):
        candidates = by_doc.get(doc_id, extracted.iloc[0:0])
        openings = [_opening(q, 50) for q in candidates["quote"]]
        used: set[int] = set()
        for row in gold_doc.to_dict("records"):
            wanted = _opening(row["opening"])
            hit = next((k for k, text in enumerate(openings) if k not in used
                        and (text.startswith(wanted) or wanted.startswith(text) and text)), None)
            if hit is None:
                rows.append(row | {"found": False, "system_speaker": None,
                                   "system_attribution": None, "system_cue": None})
                continue
            used.add(hit)
            quote = candidates.iloc[hit]
            speaker = quote["speaker"] if pd.notna(quote["speaker"]) else None
            rows.append(row | {"found": True, "system_speaker": speaker,
                               "system_attribution": quote["attribution"],
                               "system_cue": quote["cue"]})
    table = pd.DataFrame(rows)
    table["speaker_right"] = [
        bool(found) and speaker_matches(said, str(coded), str(full or ""))
        for found, said, coded, full in zip(table["found"], table["system_speaker"],
                                            table["speaker"],
                                            table.get("speaker_full", [""] * len(table)))]
    return table


def quote_scores(matched: pd.DataFrame) -> pd.DataFrame:
    """Found and right-speaker rates from :func:`match_quotes`: all, speech and phrase."""
    rows = []
    for label, subset in (("all quotations", matched),
                          ("full-sentence (speech)", matched[matched["kind"] == "speech"]),
                          ("phrases", matched[matched["kind"] == "phrase"])):
        n = len(subset)
        rows.append({"quotations": label, "gold": n, "found": int(subset["found"].sum()),
                     "right speaker": int(subset["speaker_right"].sum()),
                     "share right": round(subset["speaker_right"].mean(), 3) if n else None})
    return pd.DataFrame(rows).set_index("quotations")


def devset_quote_gold(path) -> pd.DataFrame:
    """The development set's ``quotes_gold.csv`` as :func:`match_quotes` gold."""
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    return gold.rename(columns={"doc": "doc_id", "quote_start": "opening"})


def offset_quote_gold(path, corpus_folder) -> pd.DataFrame:
    """Offset codes (``path, quote_start, quote_end, ...``) with their openings read from the
    raw files in ``corpus_folder``; ``doc_id`` is the path without ``.txt``."""
    from pathlib import Path

    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    openings = []
    for relative, start, end in zip(gold["path"], gold["quote_start"], gold["quote_end"]):
        raw = (Path(corpus_folder) / relative).read_bytes().decode("utf-8", errors="replace")
        openings.append(raw[int(start):int(end)])
    return gold.assign(doc_id=gold["path"].str.removesuffix(".txt"), opening=openings)


def fold_actors(table: pd.DataFrame, column: str = "actor") -> pd.DataFrame:
    """A copy with actor names folded (accents, case) so that codings can be compared."""
    return table.assign(**{column: table[column].map(fold)})
