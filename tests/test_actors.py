"""Alias table -> canonical actors, on the real articles and on messy variants."""

import pandas as pd
import pytest

from helpers.actors import (
    AliasTableError,
    actor_mentions,
    find_mentions,
    load_alias_table,
    mention_counts,
)


@pytest.fixture(scope="module")
def aliases():
    return load_alias_table()


@pytest.mark.parametrize("text, actor", [
    ("Zelensky said", "Zelensky"), ("Zelenskiy said", "Zelensky"), ("Zelenskyy said", "Zelensky"),
    ("British Prime Minister Kir Starmer said", "Starmer"),
    ("the British Prime Minister said", "Starmer"),
    ("Sir Keir Starmer said", "Starmer"),
    ("the French President said", "Macron"), ("the French leader added", "Macron"),
    ("the Kremlin confirmed", "Russia"), ("Moscow has declared", "Russia"),
    ("NATO Secretary General Mark Rutte wrote", "Rutte"),
    ("Kremlin spokesman Dmitry Peskov cast doubt", "Peskov"),
    ("Von der Leyen emphasized", "von der Leyen"),
    ("Pedro Sanchez and", "Sánchez"),
    # any alias typed without its accents (not listed so in the table)
    ("Sanchez said", "Sánchez"),
])
def test_variants_and_roles_resolve_to_one_actor(aliases, text, actor):
    assert [m["actor"] for m in find_mentions(text, aliases)] == [actor]


def test_case_and_word_boundaries(aliases):
    assert find_mentions("It is about us, and the USSR and NATOs", aliases) == []
    assert [m["actor"] for m in find_mentions("U.S.-led efforts and US support", aliases)] == [
        "United States", "United States"]
    assert [m["actor"] for m in find_mentions("Trump's push; Ukraine's security", aliases)] == [
        "Trump", "Ukraine"]


def test_a_group_of_states_gives_one_mention_each(aliases):
    text = "some European leaders (primarily Germany, Poland and Spain) announced"
    assert [m["actor"] for m in find_mentions(text, aliases)] == [
        "European leaders", "Germany", "Poland", "Spain"]


def test_mention_counts_on_the_real_articles(tables):
    counts = mention_counts(tables["actor_mentions"])
    assert counts.loc["Zelensky"].tolist() == [1, 2, 7, 6, 4, 20]
    assert counts.loc["Starmer"].tolist() == [1, 4, 1, 3, 6, 15]
    assert counts.loc["Scholz", "total"] == 5
    assert counts.index[:3].tolist() == ["Ukraine", "Russia", "United States"]
    # the top actors alone are the same rows, counted without the full table; both agree
    # with an independent pivot of the mentions
    mentions = tables["actor_mentions"]
    pivot = pd.crosstab(mentions["actor"], mentions["doc_id"])
    top = mention_counts(mentions, top=5)
    pd.testing.assert_frame_equal(top, counts.head(5))
    for actor in top.index:
        assert top.loc[actor].drop("total").tolist() == pivot.loc[actor].tolist()
        assert top.loc[actor, "total"] == (mentions["actor"] == actor).sum()


def test_merged_mentions_keep_the_full_phrase(tables):
    matched = tables["actor_mentions"].query("actor == 'Starmer'")["matched"]
    assert "British Prime Minister Kir Starmer" in set(matched)
    assert "British PM Starmer" in set(matched)


def test_mention_offsets_point_into_the_sentence(tables):
    sentences = tables["sentences"].set_index(["doc_id", "sentence_id"])["sentence"]
    for row in tables["actor_mentions"].itertuples():
        assert sentences[(row.doc_id, row.sentence_id)][row.start : row.end] == row.matched


def test_a_custom_alias_table_is_checked(tmp_path, tables):
    table = tmp_path / "aliases.csv"
    table.write_text("alias,actor\nMacron,Macron\nMacron,France\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match="alias 'Macron' points to more than one actor"):
        load_alias_table(table)
    table.write_text("name,who\nx,y\n", encoding="utf-8")
    with pytest.raises(AliasTableError, match="missing column"):
        load_alias_table(table)
    table.write_text("alias,actor\nElysee,Macron\n", encoding="utf-8")
    custom = actor_mentions(tables["sentences"], load_alias_table(table))
    assert custom["actor"].unique().tolist() == ["Macron"]
