"""Processed tables: schemas validated, writes byte-identical, committed files reproducible."""

import filecmp
import warnings

import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from helpers.corpus import load_corpus
from helpers.processed import (
    SCHEMAS,
    SchemaError,
    build_tables,
    read_table,
    validate,
    write_tables,
)


def test_every_table_matches_its_schema(tables):
    assert list(tables) == list(SCHEMAS)
    for name, table in tables.items():
        validate(name, table)


def test_writing_twice_gives_byte_identical_files(tables, tmp_path):
    first, second = write_tables(tables, tmp_path / "a"), write_tables(tables, tmp_path / "b")
    pd.testing.assert_frame_equal(first, second)
    names = [*(f"{n}.csv" for n in SCHEMAS), "SCHEMA.md"]
    match, mismatch, errors = filecmp.cmpfiles(tmp_path / "a", tmp_path / "b", names,
                                               shallow=False)
    assert (mismatch, errors) == ([], [])


def test_committed_processed_tables_are_what_the_code_builds(tables, tmp_path):
    write_tables(tables, tmp_path)
    committed = PROJECT_ROOT / "data" / "processed"
    names = [*(f"{n}.csv" for n in SCHEMAS), "SCHEMA.md"]
    _, mismatch, errors = filecmp.cmpfiles(committed, tmp_path, names, shallow=False)
    assert (mismatch, errors) == ([], []), "run `make notebooks` to rebuild data/processed"


def test_tables_read_back_with_their_types(tables, tmp_path):
    write_tables(tables, tmp_path)
    tokens = read_table("tokens", tmp_path)
    assert len(tokens) == len(tables["tokens"])
    assert tokens["is_stopword"].dtype == "boolean"
    articles = read_table("articles", tmp_path)
    assert articles["published"].isna().sum() == 3


@pytest.mark.parametrize("break_table, message", [
    (lambda t: t.drop(columns=["stem"]), "columns"),
    (lambda t: t.assign(token_id=0), "key"),
    (lambda t: t.assign(sentence_id="x"), "kind int"),
    (lambda t: t.assign(doc_id=None), "missing"),
])
def test_a_table_that_breaks_its_schema_is_refused(tables, tmp_path, break_table, message):
    broken = break_table(tables["tokens"])
    with pytest.raises(SchemaError, match=message):
        write_tables({"tokens": broken}, tmp_path)
    assert not (tmp_path / "tokens.csv").exists()


def test_a_long_table_is_written_as_parquet_and_reads_back_the_same(tmp_path):
    from helpers.corpus import load_corpus
    from helpers.processed import build_tables, read_table, write_tables

    tables = build_tables(load_corpus(PROJECT_ROOT / "data" / "raw"))
    first = write_tables(tables, tmp_path / "a", parquet_from=1000)
    second = write_tables(tables, tmp_path / "b", parquet_from=1000)
    files = dict(zip(first["file"], first["sha256"]))
    assert "tokens.parquet" in files and "tokens.csv" not in files
    assert "articles.csv" in files  # five rows stay CSV
    assert first.equals(second)  # the same bytes on a re-run
    as_csv = tmp_path / "c"
    write_tables(tables, as_csv)
    pd.testing.assert_frame_equal(read_table("tokens", tmp_path / "a"),
                                  read_table("tokens", as_csv))


def test_a_missing_table_says_which_notebook_writes_it(tmp_path):
    from helpers.processed import read_table

    with pytest.raises(FileNotFoundError, match=r"no quotes table in .*: notebook 00 writes"):
        read_table("quotes", tmp_path)


def test_a_table_from_an_earlier_version_names_the_missing_column(tmp_path, tables):
    from helpers.processed import SchemaError, read_table

    old = tables["tokens"].drop(columns="is_prose")
    old.to_csv(tmp_path / "tokens.csv", index=False)
    with pytest.raises(SchemaError, match="tokens.csv .* no column is_prose.*notebook 00"):
        read_table("tokens", tmp_path)


def test_a_person_named_once_in_full_is_a_claimant_but_not_an_analysed_actor(tmp_path):
    # written for the test: the rules coder sees a minister the alias table does not list
    (tmp_path / "one.txt").write_text(
        "Ministers meet in Prague\n\nCzech Foreign Minister Jan Lipsky said Europe must keep "
        "sending weapons to Ukraine.\n", encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables = build_tables(load_corpus(tmp_path))
    discovered = tables["discovered_actors"].set_index("actor")
    assert not discovered.loc["Lipsky", "included"]
    claims = tables["stance_claims"]
    assert ("Lipsky", "military_aid", "support") in set(
        zip(claims["actor"], claims["issue"], claims["stance"]))
