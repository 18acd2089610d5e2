"""The processed tables: their schemas, how they are built from a corpus, written and read.

Every table written to ``data/processed/`` (or a run's own output folder) is declared in
:data:`SCHEMAS`; :func:`validate` checks a table against its schema, and :func:`write_tables`
refuses to write one that does not match. Writing is deterministic: the same raw files and code
give byte-identical CSV files (UTF-8, LF line endings, rows in a fixed order).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.actors import actor_mentions, discover_actors, load_alias_table, with_discovered
from helpers.corpus import LoadedCorpus
from helpers.progress import PROGRESS_FROM, progress_bar
from helpers.quotes import cited_sources, extract_quotes
from helpers.stance import article_stances, code_claims, issue_prefilter
from helpers.syntax import entities_table, needs_parse, parse_sentences
from helpers.text import sentences_table, tokens_table


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # string | int | bool | date
    description: str
    required: bool = True  # no missing values allowed


SCHEMAS: dict[str, tuple[tuple[str, ...], list[Column]]] = {
    "articles": (("doc_id",), [
        Column("doc_id", "string", "file stem of the article; stable key of every table"),
        Column("title", "string", "headline, where the text or metadata gives one", False),
        Column("title_status", "string", "stated | inferred | unknown"),
        Column("outlet", "string", "publishing outlet", False),
        Column("outlet_status", "string", "stated | inferred | unknown"),
        Column("published", "date", "publication date YYYY-MM-DD", False),
        Column("published_status", "string", "stated | inferred | unknown"),
        Column("summit", "string", "summit the article reports, 'Place YYYY-MM-DD'", False),
        Column("summit_status", "string", "stated | inferred | unknown"),
        Column("metadata_note", "string", "curator's evidence for the metadata", False),
        Column("path", "string", "file path relative to the corpus folder"),
        Column("encoding", "string", "encoding the file was decoded with"),
        Column("sha256", "string", "SHA-256 of the raw file bytes"),
        Column("n_chars_raw", "int", "characters of the decoded raw text"),
        Column("n_chars", "int", "characters of the cleaned text"),
        Column("text", "string", "cleaned, normalised body; paragraphs split by a blank line"),
    ]),
    "cleaning_audit": ((), [
        Column("doc_id", "string", "article"),
        Column("rule", "string", "named cleaning rule (see helpers.corpus.cleaning_rules)"),
        Column("action", "string", "remove | normalise"),
        Column("line", "int", "1-based line of the raw text (removals only)", False),
        Column("n_chars", "int", "characters removed, or characters/joins normalised"),
        Column("text", "string", "the removed text, or what was normalised"),
    ]),
    "load_report": (("path", "doc_id"), [
        Column("path", "string", "file relative to the corpus folder"),
        Column("doc_id", "string", "file stem (empty for non-article files)", False),
        Column("status", "string", "loaded | rejected | duplicate | ignored | metadata | missing"),
        Column("bytes", "int", "file size", False),
        Column("encoding", "string", "encoding used to decode it", False),
        Column("detail", "string", "what was done or why it was not loaded", False),
    ]),
    "sentences": (("doc_id", "sentence_id"), [
        Column("doc_id", "string", "article"),
        Column("sentence_id", "int", "0-based position in the article"),
        Column("paragraph_id", "int", "0-based paragraph of the article"),
        Column("start", "int", "character offset of the sentence in the cleaned text"),
        Column("end", "int", "character offset after the sentence"),
        Column("is_heading", "bool", "the paragraph is a section heading, not prose"),
        Column("is_list_item", "bool", "the paragraph is a bulleted list item ('- ')"),
        Column("sentence", "string", "the sentence text"),
    ]),
    "tokens": (("doc_id", "token_id"), [
        Column("doc_id", "string", "article"),
        Column("sentence_id", "int", "sentence of the token"),
        Column("token_id", "int", "0-based position in the article"),
        Column("start", "int", "character offset in the cleaned text"),
        Column("end", "int", "character offset after the token"),
        Column("token", "string", "the token exactly as written"),
        Column("norm", "string", "lower-cased form used for counting"),
        Column("is_word", "bool", "contains a letter or digit (False for punctuation)"),
        Column("is_stopword", "bool", "norm is in helpers.text.STOPWORDS (not the acronyms "
               "in STOPWORD_EXCEPTIONS: US, IT, WHO)"),
        Column("stem", "string", "Snowball English stem of norm (empty for punctuation)", False),
        Column("is_prose", "bool", "the sentence is neither a heading nor a list item"),
    ]),
    "entities": ((), [
        Column("doc_id", "string", "article"),
        Column("sentence_id", "int", "sentence of the entity (only parsed sentences)"),
        Column("start", "int", "character offset in the cleaned text"),
        Column("end", "int", "character offset after the entity"),
        Column("entity", "string", "the entity as written"),
        Column("label", "string", "spaCy/OntoNotes label: PERSON, ORG, GPE, NORP, DATE, ..."),
    ]),
    "discovered_actors": (("actor",), [
        Column("actor", "string", "key: a person's surname, else the name as written"),
        Column("name", "string", "the fullest form of the name seen"),
        Column("kind", "string", "person | organisation | state | place (never analysed)"),
        Column("role", "string", "role from a title or apposition ('foreign minister')", False),
        Column("country", "string", "country from a title or apposition", False),
        Column("variants", "string", "other spellings seen ('Orban' beside 'Orbán'), '; '",
               False),
        Column("mentions", "int", "entity mentions in the corpus"),
        Column("articles", "int", "articles that name it"),
        Column("included", "bool", "analysed as an actor (named at least twice; a country "
               "if a place; not an outlet or platform)"),
        Column("first_seen", "string", "doc_id:sentence_id of the first mention"),
    ]),
    "actor_mentions": ((), [
        Column("doc_id", "string", "article"),
        Column("sentence_id", "int", "sentence of the mention"),
        Column("actor", "string", "canonical actor: alias table, or a discovered actor"),
        Column("kind", "string", "person | role | state | organisation | institution | group"),
        Column("matched", "string", "the mention as written (adjacent aliases merged)"),
        Column("start", "int", "character offset in the sentence"),
        Column("end", "int", "character offset after the mention"),
    ]),
    "quotes": (("doc_id", "quote_id"), [
        Column("doc_id", "string", "article"),
        Column("quote_id", "int", "0-based position of the quote in the article"),
        Column("paragraph_id", "int", "paragraph of the quote"),
        Column("sentence_id", "int", "sentence where the quote opens"),
        Column("start", "int", "offset of the quoted words in the cleaned text"),
        Column("end", "int", "offset after the quoted words"),
        Column("quote", "string", "the quoted words, quotation marks excluded"),
        Column("n_words", "int", "words in the quote"),
        Column("kind", "string", "full (a sentence or more) | fragment (a phrase)"),
        Column("balanced", "bool", "False when the closing mark is missing in the paragraph"),
        Column("speaker", "string", "canonical actor, a surname, or an unnamed source as "
               "described", False),
        Column("speaker_kind", "string", "kind of the actor; 'unnamed' for an unnamed source",
               False),
        Column("attribution", "string", "reporting_verb | according_to | continuation | "
               "colon_introduction | sentence_subject | possessive | dash_line | "
               "previous_sentence | none"),
        Column("cue", "string", "the words that decided the attribution", False),
    ]),
    "cited_sources": ((), [
        Column("doc_id", "string", "article"),
        Column("sentence_id", "int", "sentence of the citation"),
        Column("source", "string", "outside source (outlet, agency, platform, official)"),
        Column("kind", "string", "outlet | agency | platform | official"),
        Column("matched", "string", "the source as written"),
        Column("cue", "string", "the attribution cue around it"),
    ]),
    "stance_claims": ((), [
        Column("doc_id", "string", "article (file stem)"),
        Column("sentence_id", "int", "sentence of the claim"),
        Column("actor", "string", "claimant, canonical name from the alias table"),
        Column("issue", "string", "issue id from the stance codebook"),
        Column("stance", "string", "support | oppose | neutral"),
        Column("cue", "string", "stance cue that decided it (empty: no cue, neutral)", False),
        Column("sentence", "string", "the sentence coded"),
        Column("issue_cue", "string", "the words that named the issue"),
        Column("claimant_rule", "string", "rule that found the claimant (helpers.stance)"),
    ]),
    "stance_articles": (("doc_id", "actor", "issue"), [
        Column("doc_id", "string", "article (file stem)"),
        Column("actor", "string", "claimant"),
        Column("issue", "string", "issue id from the stance codebook"),
        Column("stance", "string", "majority of the claims; a tie or only neutral: neutral"),
        Column("claims", "int", "sentence-level claims it rests on"),
    ]),
}


class SchemaError(ValueError):
    """A table does not match its declared schema."""


def schema_table() -> pd.DataFrame:
    """All schemas as one readable table: table, column, kind, required, description."""
    rows = [
        {"table": table, "column": c.name, "kind": c.kind, "required": c.required,
         "description": c.description}
        for table, (_, columns) in SCHEMAS.items() for c in columns
    ]
    return pd.DataFrame(rows)


def _kind_ok(series: pd.Series, kind: str) -> bool:
    values = series.dropna()
    if kind == "int":
        numbers = pd.to_numeric(values, errors="coerce")
        return pd.api.types.is_integer_dtype(series) or bool(
            numbers.notna().all() and (numbers % 1 == 0).all())
    if kind == "bool":
        return pd.api.types.is_bool_dtype(series) or values.isin([True, False]).all()
    if kind == "date":
        return all(re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(v)) for v in values)
    if isinstance(series.dtype, pd.StringDtype):
        return True  # read with the schema's types: every value is a string or missing
    return all(isinstance(v, str) for v in values)  # an empty column is fine


def validate(name: str, table: pd.DataFrame) -> pd.DataFrame:
    """Check ``table`` against schema ``name``; return it unchanged or raise SchemaError."""
    key, columns = SCHEMAS[name]
    expected = [c.name for c in columns]
    if list(table.columns) != expected:
        raise SchemaError(f"{name}: columns {list(table.columns)} != schema {expected}")
    for column in columns:
        series = table[column.name]
        if column.required and series.isna().any():
            raise SchemaError(f"{name}.{column.name}: {series.isna().sum()} missing value(s)")
        if not _kind_ok(series, column.kind):
            raise SchemaError(f"{name}.{column.name}: values are not all of kind {column.kind}")
    if key and table.duplicated(list(key)).any():
        raise SchemaError(f"{name}: key {key} is not unique")
    return table


def build_tables(corpus: LoadedCorpus, aliases: pd.DataFrame | None = None
                 ) -> dict[str, pd.DataFrame]:
    """All processed tables for a loaded corpus, validated, in writing order."""
    aliases = load_alias_table() if aliases is None else aliases
    built: dict[str, pd.DataFrame] = {}
    work: dict = {}  # intermediate results that are not tables of their own

    def parse():
        mask = needs_parse(built["sentences"], issue_prefilter())
        work["parses"] = parse_sentences(built["sentences"], mask)
        return entities_table(work["parses"])

    def discover():
        discovered = discover_actors(work["parses"], aliases,
                                     outlets=corpus.articles["outlet"].dropna().unique())
        work["actors"] = with_discovered(aliases, discovered)
        work["claimants"] = with_discovered(aliases, discovered, claimants=True)
        return discovered

    steps = {  # in dependency order; each step reads what the earlier ones built
        "sentences": lambda: sentences_table(corpus.articles),
        "tokens": lambda: tokens_table(built["sentences"]),
        "entities": parse,
        "discovered_actors": discover,
        "actor_mentions": lambda: actor_mentions(built["sentences"], work["actors"]),
        "quotes": lambda: extract_quotes(corpus.articles, built["sentences"], work["actors"],
                                         work["parses"]),
        "cited_sources": lambda: cited_sources(built["sentences"]),
        "stance_claims": lambda: code_claims(built["sentences"], built["quotes"],
                                             work["claimants"], parses=work["parses"]),
        "stance_articles": lambda: article_stances(built["stance_claims"]),
    }
    many = len(corpus.articles) >= PROGRESS_FROM  # a progress bar only on a long corpus
    for name in progress_bar(list(steps), "building tables", show=many):
        built[name] = steps[name]()
    tables = {
        "articles": corpus.articles.drop(columns=["raw_text"]),
        "cleaning_audit": corpus.audit,
        "load_report": corpus.report,
        **built,
    }
    return {name: validate(name, table) for name, table in tables.items()}


PARQUET_FROM_ROWS = 1_000_000  # a table this long is written as Parquet, not CSV


def write_tables(tables: dict[str, pd.DataFrame], folder: Path | str,
                 parquet_from: int = PARQUET_FROM_ROWS) -> pd.DataFrame:
    """Write each table as ``<name>.csv`` (``<name>.parquet`` from ``parquet_from`` rows: the
    tokens of a large corpus are millions of rows) plus ``SCHEMA.md``; return what was written.

    The returned table lists ``file``, ``rows`` and ``sha256`` so a notebook can show that a
    re-run produced the same bytes.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        validate(name, table)
        as_parquet = len(table) >= parquet_from
        path = folder / f"{name}.{'parquet' if as_parquet else 'csv'}"
        (folder / f"{name}.{'csv' if as_parquet else 'parquet'}").unlink(missing_ok=True)
        if as_parquet:
            table.to_parquet(path, index=False, engine="pyarrow", compression="zstd")
        else:
            table.to_csv(path, index=False, lineterminator="\n", encoding="utf-8")
        written.append({"file": path.name, "rows": len(table),
                        "sha256": hashlib.sha256(path.read_bytes()).hexdigest()[:16]})
    schema_path = folder / "SCHEMA.md"
    schema_path.write_text(schema_markdown(), encoding="utf-8", newline="\n")
    written.append({"file": schema_path.name, "rows": len(schema_table()),
                    "sha256": hashlib.sha256(schema_path.read_bytes()).hexdigest()[:16]})
    return pd.DataFrame(written)


def _check_columns(name: str, folder: Path, expected: list[str]) -> None:
    """A table written by another version of the suite names what it lacks, not a pandas
    KeyError."""
    parquet_path, csv_path = folder / f"{name}.parquet", folder / f"{name}.csv"
    if parquet_path.is_file():
        import pyarrow.parquet as pq

        found, path = pq.read_schema(parquet_path).names, parquet_path
    elif csv_path.is_file():
        with csv_path.open(encoding="utf-8", newline="") as handle:
            found, path = next(csv.reader(handle), []), csv_path
    else:
        return
    missing = [column for column in expected if column not in found]
    if missing:
        raise SchemaError(f"{path.name} in {folder.name}/ has no column {', '.join(missing)}: "
                          "it was written by an earlier version of the suite; run notebook 00 "
                          "(or make report) again to rebuild the processed tables")


def read_table(name: str, folder: Path | str) -> pd.DataFrame:
    """Read a written table back (CSV, or Parquet when it was written so) with the types of
    its schema, and validate it. A missing table is an error that says which notebook writes
    it."""
    _, columns = SCHEMAS[name]
    dtypes = {c.name: ("Int64" if c.kind == "int" else "boolean" if c.kind == "bool"
                       else "string") for c in columns}
    folder = Path(folder)
    _check_columns(name, folder, [c.name for c in columns])
    if (folder / f"{name}.parquet").is_file():
        table = pd.read_parquet(folder / f"{name}.parquet", engine="pyarrow").astype(dtypes)
        # as in the CSV, an empty field is a missing value, so both formats read the same
        text = [c.name for c in columns if dtypes[c.name] == "string"]
        table[text] = table[text].replace("", pd.NA)
    elif (folder / f"{name}.csv").is_file():
        table = pd.read_csv(folder / f"{name}.csv", dtype=dtypes, keep_default_na=False,
                            na_values={c.name: [""] for c in columns})
    else:
        raise FileNotFoundError(f"no {name} table in {folder}: notebook 00 writes the processed "
                                "tables; run it (or make report) first")
    return validate(name, table)


def schema_markdown() -> str:
    """The schemas as Markdown, written beside the tables as ``SCHEMA.md``."""
    lines = ["# Processed tables", "",
             "Derived from the raw articles by `helpers.processed.build_tables`; rebuild with",
             "`make notebooks` (notebook 00). Do not edit by hand. CSV, UTF-8, LF line endings;",
             "an empty field is a missing value. A table of 1,000,000 rows or more (the tokens",
             "of a large corpus) is written as `<name>.parquet` instead, read the same way.", ""]
    for name, (key, columns) in SCHEMAS.items():
        lines += [f"## {name}.csv", ""]
        if key:
            lines += [f"One row per {', '.join(key)}.", ""]
        lines += ["| column | kind | required | description |", "|---|---|---|---|"]
        lines += [f"| {c.name} | {c.kind} | {'yes' if c.required else 'no'} | {c.description} |"
                  for c in columns]
        lines.append("")
    return "\n".join(lines)
