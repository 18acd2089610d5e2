"""Names, spellings, stopword exceptions and the reporting switch in term counts, on text
written for these tests in the shapes news has (possessives, all-caps acronyms, lists)."""

import pandas as pd
import pytest

from helpers.terms import (
    TermChoices,
    collocations,
    document_term_matrix,
    spelling_variants,
    term_frequencies,
    term_merges,
    term_tokens,
)
from helpers.text import sentences_table, tokens_table

TEXT = (
    "Ursula von der Leyen met Volodymyr Zelenskyy in Brussels on Monday.\n\n"
    "Von der Leyen said the US would not abandon us, and the United States stated its "
    "support. Zelenskiy's office welcomed the defense pledge.\n\n"
    "The Kremlin rejected the plan. It was Mark. Rutte arrived later.\n\n"
    "What we know\n\n"
    "- Defence spending will rise.\n\n"
    "- The US envoy travelled to Kyiv."
)


def tokens_of(texts: dict[str, str]) -> pd.DataFrame:
    articles = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    return tokens_table(sentences_table(articles))


@pytest.fixture(scope="module")
def tokens():
    return tokens_of({"a": TEXT})


def counts(tokens, **choices) -> dict[str, int]:
    table = term_frequencies(document_term_matrix(tokens, TermChoices(**choices)))
    return dict(zip(table["term"], table["count"]))


def test_multi_word_names_are_one_term_and_variants_count_as_their_actor(tokens):
    merged = counts(tokens, reporting_only=False)
    assert merged["von der leyen"] == 2  # "Ursula von der Leyen", "Von der Leyen"
    assert merged["zelensky"] == 2  # "Zelenskyy", "Zelenskiy's"
    assert merged["kremlin"] == 1 and "russia" not in merged  # a metonym is its own term
    assert counts(tokens, reporting_only=False, merge_metonyms=True)["russia"] == 1
    assert not {"von", "der", "leyen", "ursula", "volodymyr", "zelenskyy"} & set(merged)
    plain = counts(tokens, reporting_only=False, merge_names=False)
    assert plain["leyen"] == 2 and plain["zelenskyy"] == 1 and "von der leyen" not in plain


def test_us_is_the_country_and_never_the_pronoun(tokens):
    merged = counts(tokens, reporting_only=False)
    assert merged["united states"] == 3  # "US" twice and "United States"; "us" is a stopword
    plain = counts(tokens, reporting_only=False, merge_names=False)
    assert plain["us"] == 2  # the capitalised "US" only: not a stopword, not the pronoun
    stems = counts(tokens, form="stem", reporting_only=False)
    assert stems["stated"] == 1  # stem "state": "United States" no longer merges with it
    assert stems["united states"] == 3


def test_names_do_not_run_across_a_sentence_end(tokens):
    merged = counts(tokens, reporting_only=False)
    assert merged["mark"] == 1 and merged["rutte"] == 1  # "Mark. Rutte" is not Mark Rutte


def test_american_spellings_count_as_british_in_every_merging_form(tokens):
    assert counts(tokens, reporting_only=False)["defence"] == 2  # "defense", "Defence"
    assert counts(tokens, form="stem", reporting_only=False)["defence"] == 2
    exact = counts(tokens, form="token", reporting_only=False)
    assert exact["defense"] == 1 and exact["Defence"] == 1  # exact forms are never merged
    assert spelling_variants()["traveled"] == "travelled"


def test_reporting_only_leaves_out_headings_and_list_items_and_their_words(tokens):
    everything = document_term_matrix(tokens, TermChoices(reporting_only=False))
    reporting = document_term_matrix(tokens, TermChoices())
    assert "spending" in everything.terms and "spending" not in reporting.terms
    assert "know" not in reporting.terms  # the heading "What we know"
    list_words = int((tokens["is_word"] & ~tokens["is_prose"]).sum())
    assert everything.words[0] - reporting.words[0] == list_words
    assert list_words == 3 + 4 + 6  # heading, first and second bullet


def test_term_tokens_is_one_row_per_name_spanning_it_and_leaves_its_input_alone(tokens):
    before = tokens.copy()
    merged = term_tokens(tokens, TermChoices())
    assert before.equals(tokens)
    row = merged[merged["term"] == "von der leyen"].iloc[0]
    assert TEXT[row["start"]:row["end"]] == "Ursula von der Leyen"
    # absorbed: "von der Leyen" of Ursula's, "Zelenskyy", "der Leyen", "States"
    assert len(tokens) - len(merged) == 3 + 1 + 2 + 1


def test_collocations_see_a_name_as_one_word(tokens):
    pairs = set(collocations(tokens_of({"a": TEXT, "b": TEXT}), min_count=2,
                             choices=TermChoices(reporting_only=False))["ngram"])
    assert {"von der leyen met", "von der leyen said", "united states stated"} <= pairs
    assert all(pair.replace("von der leyen", "").count("leyen") == 0 for pair in pairs)


def test_an_analysts_alias_table_is_used_and_described(tmp_path, tokens):
    table = tmp_path / "aliases.csv"
    table.write_text("alias,actor,kind,note\nMark Rutte,Rutte,person,\nBrussels,EU,organisation,"
                     "\nForeign Minister,Foreign Minister,role,\n", encoding="utf-8")
    merged = counts(tokens, reporting_only=False, alias_table=str(table))
    assert merged["brussels"] == 1 and "eu" not in merged  # a metonym: its own term
    assert counts(tokens, reporting_only=False, merge_metonyms=True,
                  alias_table=str(table))["eu"] == 1
    assert merged["leyen"] == 2  # not in this table: counted word by word
    described = TermChoices(alias_table=str(table)).describe()
    assert described.loc["alias_table", "value"] == "aliases.csv"
    assert "1 names of 1 actors" in described.loc["merge_names", "meaning"]
    assert "1 metonyms" in described.loc["merge_metonyms", "meaning"]


def test_a_tokens_table_without_the_reporting_flag_is_a_clear_error(tokens):
    with pytest.raises(ValueError, match="is_prose.*notebook 00"):
        document_term_matrix(tokens.drop(columns="is_prose"), TermChoices())
    assert document_term_matrix(tokens.drop(columns="is_prose"),
                                TermChoices(reporting_only=False)).terms


def test_term_merges_list_what_was_merged_and_how_often(tokens):
    merges = term_merges(tokens, TermChoices(reporting_only=False)).set_index("written")
    assert merges.loc["Ursula von der Leyen", ["term", "by", "count"]].tolist() == [
        "von der leyen", "name", 1]
    assert merges.loc["US", "count"] == 2 and merges.loc["US", "term"] == "united states"
    reporting = term_merges(tokens, TermChoices()).set_index("written")
    assert reporting.loc["US", "count"] == 1  # the second "US" is in a list item
    assert "Kremlin" not in reporting.index  # a metonym left as itself is no merge
    assert term_merges(tokens, TermChoices(merge_metonyms=True)).set_index(
        "written").loc["Kremlin", "by"] == "metonym"
    assert merges.loc["defense", ["term", "by"]].tolist() == ["defence", "spelling"]
    assert "Mark" not in merges.index  # "Mark. Rutte" was not merged
    assert term_merges(tokens, TermChoices(form="token")).empty


def test_the_spelling_table_leaves_out_words_that_are_other_words_or_names():
    variants = spelling_variants()
    for american in ("meter", "gray", "labor", "judgment", "jail", "harbor", "story", "check",
                     "program", "tire", "draft", "practice", "license", "curb"):
        assert american not in variants, american  # a device, a surname, a party, ...
    assert variants["favoring"] == "favouring" and variants["analyzed"] == "analysed"
    assert not set(variants) & set(variants.values())  # no chains or swaps


def test_metonyms_are_told_from_names_by_a_stated_rule():
    from helpers.terms import is_metonym

    assert [is_metonym(a, b) for a, b in [("Kremlin", "Russia"), ("Kyiv", "Ukraine"),
                                          ("Washington", "United States")]] == [True] * 3
    assert not any(is_metonym(a, b) for a, b in [
        ("US", "United States"), ("USA", "United States"), ("European Union", "EU"),
        ("Zelenskyy", "Zelensky"), ("Kir Starmer", "Starmer"), ("EU leaders", "EU")])


def test_term_merges_on_an_old_tokens_table_is_the_same_clear_error(tokens):
    with pytest.raises(ValueError, match="is_prose.*notebook 00"):
        term_merges(tokens.drop(columns="is_prose"), TermChoices())
