"""Term frequencies, keyness, collocations, tf-idf, concordance and dispersion.

Counts are checked against independent computations (scikit-learn's CountVectorizer and
TfidfVectorizer run on their own, ``collections.Counter``); keyness against G2 worked by hand.
"""

import math
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

from helpers.processed import read_table, write_tables
from helpers.terms import (
    TermChoices,
    collocations,
    concordance,
    dispersion,
    dispersion_summary,
    document_term_matrix,
    find_term,
    format_concordance,
    keyness,
    keyness_by_group,
    log_likelihood,
    log_ratio,
    rank_frequency,
    select_terms,
    term_frequencies,
    term_merges,
    tfidf_terms,
    top_terms_by_document,
    zipf_fit,
)
from helpers.text import sentences_table, tokens_table

# Counting as written: the tests below check counting itself against independent code; the
# merges and the reporting switch have their own tests.
PLAIN = {"merge_names": False, "merge_spellings": False, "reporting_only": False}


@pytest.fixture(scope="module")
def tokens(tables):
    return tables["tokens"]


@pytest.fixture(scope="module")
def articles_table(tables):
    return tables["articles"]


def tokens_of(texts: dict[str, str]) -> pd.DataFrame:
    articles = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values())})
    return tokens_table(sentences_table(articles))


def independent_terms(tokens, form):
    """The documents' terms by plain filtering, written apart from helpers.terms."""
    kept = tokens[tokens["is_word"] & ~tokens["is_stopword"]
                  & ~tokens["token"].str.fullmatch(r"[\d.,:/%-]+")]
    return {doc: kept.loc[kept["doc_id"] == doc, form].tolist()
            for doc in sorted(tokens["doc_id"].unique())}


@pytest.mark.parametrize("form", ["norm", "stem", "token"])
def test_document_term_matrix_agrees_with_an_independent_countvectorizer(tokens, form):
    dtm = document_term_matrix(tokens, TermChoices(form=form, **PLAIN))
    documents = independent_terms(tokens, form)
    # Terms never contain whitespace, so joining on a tab and splitting again is lossless.
    vectorizer = CountVectorizer(tokenizer=lambda text: text.split("\t"), lowercase=False,
                                 token_pattern=None)
    expected = vectorizer.fit_transform(["\t".join(terms) for terms in documents.values()])
    expected = pd.DataFrame(expected.toarray(), index=list(documents),
                            columns=vectorizer.get_feature_names_out())
    actual = dtm.to_frame()
    assert list(actual.index) == list(expected.index)
    assert list(actual.columns) == list(expected.columns)  # the same alphabetical order
    assert (actual.to_numpy() == expected.to_numpy()).all()


def test_the_matrix_counts_only_the_documents_asked_for(tokens):
    docs = sorted(tokens["doc_id"].unique())
    chosen = (docs[3], docs[0], "not-an-article")
    dtm = document_term_matrix(tokens, TermChoices(**PLAIN), doc_ids=chosen)
    documents = independent_terms(tokens, "norm")
    assert dtm.doc_ids == chosen
    assert set(dtm.terms) == set(documents[docs[3]]) | set(documents[docs[0]])
    assert dtm.counts[0].sum() == len(documents[docs[3]]) and dtm.counts[2].sum() == 0
    assert dtm.words[2] == 0 and dtm.words[1] == tokens.loc[
        tokens["doc_id"] == docs[0], "is_word"].sum()


def test_bad_rows_or_ids_are_errors_that_name_the_problem():
    tokens = tokens_of({"a": "Leaders met in Paris.", "b": "Troops were sent."})
    with pytest.raises(ValueError, match="names an article twice: a"):
        document_term_matrix(tokens, doc_ids=["a", "a", "b"])
    sentences = sentences_table(pd.DataFrame({"doc_id": ["a", None], "text": ["One.", "Two."]}))
    with pytest.raises(ValueError, match="1 sentence.* have no doc_id"):
        tokens_table(sentences)


def test_no_merges_give_an_empty_table_with_integer_counts(tokens):
    merges = term_merges(tokens, TermChoices(form="token"))
    assert merges.empty and merges["count"].dtype == "int64"


@pytest.mark.parametrize("form", ["norm", "stem"])
def test_tokens_read_back_from_the_processed_files_count_the_same(tables, tmp_path, form):
    # Read back, empty stems are missing values (pd.NA) and the columns nullable types.
    write_tables({"tokens": tables["tokens"]}, tmp_path)
    read_back = read_table("tokens", tmp_path)
    assert read_back["stem"].isna().any()
    choices = TermChoices(form=form)  # names and spellings merged, as the notebooks count
    in_memory, from_files = (document_term_matrix(t, choices) for t in (tables["tokens"],
                                                                         read_back))
    assert from_files.terms == in_memory.terms and from_files.labels == in_memory.labels
    assert (from_files.counts != in_memory.counts).nnz == 0
    assert from_files.words.tolist() == in_memory.words.tolist()
    pd.testing.assert_frame_equal(term_merges(read_back, choices),
                                  term_merges(tables["tokens"], choices))


def test_corpus_frequencies_agree_with_counter_and_rates_use_all_words(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="norm", **PLAIN))
    counter = Counter(t for terms in independent_terms(tokens, "norm").values() for t in terms)
    frequencies = term_frequencies(dtm).set_index("term")
    assert frequencies["count"].to_dict() == dict(counter)
    words = int(tokens["is_word"].sum())
    assert words == 2665  # the corpus notebook's word count
    assert frequencies.loc["ukraine", "per_1000"] == pytest.approx(
        1000 * counter["ukraine"] / words)
    assert frequencies["count"].is_monotonic_decreasing


def test_per_document_frequencies_sum_to_the_corpus_counts(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    by_doc = term_frequencies(dtm, by_document=True)
    corpus = term_frequencies(dtm).set_index("term")["count"]
    assert by_doc.groupby("term")["count"].sum().sort_index().equals(corpus.sort_index())
    doc = "004_7cc8777ee65a6feb"
    words = int(tokens.loc[tokens["doc_id"] == doc, "is_word"].sum())
    peace = by_doc[(by_doc["doc_id"] == doc) & (by_doc["term"] == "peace")].iloc[0]
    assert peace["count"] == 13
    assert peace["per_1000"] == pytest.approx(13_000 / words)


def test_stems_are_shown_by_their_most_frequent_form_and_merge_plurals(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    frequencies = term_frequencies(dtm).set_index("term")
    norms = Counter(tokens.loc[tokens["stem"] == "troop", "norm"])
    assert norms == {"troops": 6, "troop": 2}
    assert frequencies.loc["troops", "count"] == 8
    assert "troop" not in frequencies.index


def test_term_choices_are_explicit_and_change_the_counts(tokens):
    with_stopwords = document_term_matrix(tokens, TermChoices(drop_stopwords=False, **PLAIN))
    without = document_term_matrix(tokens, TermChoices(**PLAIN))
    assert "the" in with_stopwords.terms and "the" not in without.terms
    assert int(with_stopwords.counts.sum()) > int(without.counts.sum())
    assert (with_stopwords.words == without.words).all()  # rates keep one denominator
    described = TermChoices(form="stem", **PLAIN).describe()
    assert described.loc["form", "value"] == "stem"
    with pytest.raises(ValueError, match="form must be"):
        TermChoices(form="lemma")


def test_numbers_are_dropped_only_when_asked():
    tokens = tokens_of({"a": "In 2025, 30 leaders met. They met again in 2025."})
    assert "2025" in document_term_matrix(tokens, TermChoices(drop_numbers=False, **PLAIN)).terms
    assert "2025" not in document_term_matrix(tokens, TermChoices(**PLAIN)).terms


def test_helpers_do_not_change_the_tokens_table(tokens, articles_table):
    before = tokens.copy(deep=True)
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    select_terms(tokens, TermChoices(**PLAIN))
    document_term_matrix(tokens, TermChoices())  # names and spellings merged
    select_terms(tokens, TermChoices(form="stem"))
    term_merges(tokens, TermChoices())
    collocations(tokens)
    concordance(articles_table, tokens, "peace")
    dispersion_summary(tokens, ["peace"])
    keyness(dtm, dtm.doc_ids[0])
    pd.testing.assert_frame_equal(tokens, before)


def test_an_article_without_terms_keeps_its_row():
    tokens = tokens_of({"a": "Leaders met in Paris.", "b": "It is what it is."})
    dtm = document_term_matrix(tokens)
    assert dtm.doc_ids == ("a", "b")
    assert dtm.counts[1].sum() == 0
    assert dtm.words.tolist() == [4, 5]


def test_top_terms_by_document_lists_each_article(tokens):
    table = top_terms_by_document(document_term_matrix(tokens, TermChoices(form="stem", **PLAIN)), n=3)
    assert table.loc[1, "004_7cc8777ee65a6feb"] == "peace (13)"
    assert table.shape == (3, 5)


# --- keyness: G2 worked by hand -----------------------------------------------------------------

def test_log_likelihood_matches_a_hand_worked_example():
    # a = 10 of c = 1,000 words, b = 5 of d = 2,000: E1 = 1000*15/3000 = 5, E2 = 10,
    # G2 = 2 (10 ln(10/5) + 5 ln(5/10)) = 2 (10 - 5) ln 2 = 10 ln 2 = 6.93147...
    assert log_likelihood(10, 5, 1000, 2000) == pytest.approx(10 * math.log(2))
    # a term absent from the target: a = 0, b = 4, c = d = 1,000: E2 = 2, G2 = 2 * 4 ln 2
    assert log_likelihood(0, 4, 1000, 1000) == pytest.approx(8 * math.log(2))
    # equal relative frequencies give no keyness at all
    assert log_likelihood(3, 6, 1000, 2000) == pytest.approx(0.0)
    assert log_ratio(10, 5, 1000, 2000) == pytest.approx(2.0)


def test_keyness_table_reproduces_the_hand_worked_example_end_to_end():
    # Target: 1,000 words with 10 "ceasefire"; reference: 2,000 words with 5.
    tokens = tokens_of({
        "target": "Ceasefire. " * 10 + " ".join(["talks"] * 990) + ".",
        "reference": "Ceasefire. " * 5 + " ".join(["sanctions"] * 1995) + ".",
    })
    dtm = document_term_matrix(tokens)
    assert dtm.doc_ids == ("reference", "target") and dtm.words.tolist() == [2000, 1000]
    table = keyness(dtm, "target").set_index("term")
    row = table.loc["ceasefire"]
    assert (row["count_target"], row["count_reference"]) == (10, 5)
    assert row["g2"] == pytest.approx(10 * math.log(2))
    # chi-squared with 1 df: P(X > x) = erfc(sqrt(x / 2)) = 0.00847 here
    assert row["p_value"] == pytest.approx(math.erfc(math.sqrt(10 * math.log(2) / 2)))
    assert row["log_ratio"] == pytest.approx(2.0)
    assert row["direction"] == "over"
    assert table.loc["sanctions", "direction"] == "under"
    assert table.loc["sanctions", "g2"] < 0
    assert table["g2"].is_monotonic_decreasing


def test_keyness_on_the_corpus_both_directions_and_errors(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    table = keyness(dtm, "003_02058e297b92da1a").set_index("term")
    # Zelenskiy is 003's spelling only: 6 there, 0 elsewhere.
    assert tuple(table.loc["zelenskiy", ["count_target", "count_reference"]]) == (6, 0)
    assert table.loc["zelenskiy", "g2"] > 10 and table.loc["zelensky", "g2"] < 0
    with pytest.raises(KeyError, match="999_missing"):
        keyness(dtm, "999_missing")
    with pytest.raises(ValueError, match="non-empty reference"):
        keyness(dtm, list(dtm.doc_ids))


def test_keyness_by_group_gives_top_terms_each_way_per_group(tokens, articles_table):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    summits = articles_table.set_index("doc_id")["summit"]
    table = keyness_by_group(dtm, summits, top=4)
    assert sorted(table["group"].unique()) == sorted(summits.unique())
    for _, group in table.groupby("group"):
        assert (group["direction"] == "over").sum() <= 4
        assert (group.loc[group["direction"] == "over", "g2"] >= 0).all()
        assert (group.loc[group["direction"] == "under", "g2"] <= 0).all()
    # The Paris 17 Feb group joins two articles: its counts are theirs together.
    paris = table[(table["group"] == "Paris 2025-02-17") & (table["term"] == "said")].iloc[0]
    assert paris["count_target"] == 6


# --- collocations --------------------------------------------------------------------------------

def test_collocation_counts_stop_at_punctuation_and_sentences():
    tokens = tokens_of({"a": "Security guarantees matter. Security guarantees, again. "
                             "Security, guarantees. Guarantees security.",
                        "b": "Security guarantees were promised."})
    table = collocations(tokens, min_count=1).set_index("ngram")
    assert table.loc["security guarantees", "count"] == 3  # not "Security, guarantees"
    assert "guarantees security" in table.index  # from the last sentence only
    assert "matter security" not in table.index  # never across a sentence end


def test_collocation_scores_match_the_formulas():
    tokens = tokens_of({"a": "Prime minister spoke. Prime minister left. The prime task. "
                             "The minister spoke."})
    table = collocations(tokens, min_count=2, choices=TermChoices(drop_stopwords=False, **PLAIN))
    row = table.set_index("ngram").loc["prime minister"]
    # N = 12 words; prime 3, minister 3, pair 2.
    assert row["count"] == 2
    assert row["pmi"] == pytest.approx(math.log2(2 * 12 / (3 * 3)))
    assert row["t_score"] == pytest.approx((2 - 3 * 3 / 12) / math.sqrt(2))
    assert "the prime" not in set(collocations(tokens, min_count=1)["ngram"])  # stopword


def test_collocations_on_the_corpus_respect_the_minimum_count(tokens):
    table = collocations(tokens, n=2, min_count=3, choices=TermChoices(**PLAIN))
    assert (table["count"] >= 3).all()
    assert table.iloc[0]["ngram"] == "prime minister"
    assert table.set_index("ngram").loc["security guarantees", "count"] == 7
    assert (collocations(tokens, n=3, min_count=2)["count"] >= 2).all()
    with pytest.raises(ValueError, match="n = 2 or 3"):
        collocations(tokens, n=4)


# --- tf-idf --------------------------------------------------------------------------------------

def test_tfidf_agrees_with_an_independent_tfidfvectorizer(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="norm", **PLAIN))
    documents = independent_terms(tokens, "norm")
    vectorizer = TfidfVectorizer(tokenizer=lambda text: text.split("\t"), lowercase=False,
                                 token_pattern=None)
    weights = vectorizer.fit_transform(["\t".join(t) for t in documents.values()]).toarray()
    terms = vectorizer.get_feature_names_out().tolist()
    top = tfidf_terms(dtm, top=3)
    for i, doc in enumerate(documents):
        best = sorted(range(len(terms)), key=lambda j: (-round(weights[i, j], 12), terms[j]))[:3]
        rows = top[top["doc_id"] == doc]
        assert rows["term"].tolist() == [terms[j] for j in best]
        assert rows["tfidf"].to_numpy() == pytest.approx(weights[i, best])


def test_tfidf_can_leave_out_terms_found_everywhere(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    table = tfidf_terms(dtm, top=5, max_documents=4)
    assert (table["documents"] <= 4).all()
    assert "ukraine" not in set(table["term"])


# --- concordance and dispersion ------------------------------------------------------------------

def test_find_term_by_stem_exact_form_and_phrase(tokens):
    assert len(find_term(tokens, "troops", match="stem")) == 8  # troops 6 + troop 2
    assert len(find_term(tokens, "troops", match="norm")) == 6
    assert len(find_term(tokens, "Security guarantees", match="exact")) == 1
    assert len(find_term(tokens, "security guarantees", match="norm")) == 7
    with pytest.raises(ValueError, match="match must be"):
        find_term(tokens, "peace", match="fuzzy")


def test_a_phrase_never_matches_across_two_articles():
    tokens = tokens_of({"a": "They want security", "b": "guarantees now."})
    assert find_term(tokens, "security guarantees").empty


def test_concordance_lines_show_the_exact_text_in_context(tokens, articles_table):
    lines = concordance(articles_table, tokens, "guarantees", width=30)
    assert len(lines) == 8
    assert set(lines["keyword"]) == {"guarantees", "guaranteed"}
    texts = dict(zip(articles_table["doc_id"], articles_table["text"]))
    for line in lines.itertuples():
        assert len(line.left) <= 30 and len(line.right) <= 30
        assert "\n" not in line.left + line.right
        assert line.left.replace(" ¶ ", "\n\n")[-10:] in texts[line.doc_id]
    text = format_concordance(lines, label=lambda d: d[:3])
    assert len(text.splitlines()) == 8
    assert len({row.index("  guarante") for row in text.splitlines()}) == 1  # aligned keyword
    assert format_concordance(lines.iloc[0:0]) == "(no occurrences)"


def test_dispersion_positions_and_summary(tokens):
    hits = dispersion(tokens, ["sanctions", "peace"])
    assert hits["position"].between(0, 1, inclusive="left").all()
    summary = dispersion_summary(tokens, ["sanctions", "peace"])
    assert summary.loc["sanctions", "total"] == 5
    assert summary.loc["sanctions", "articles"] == 2
    assert summary.loc["peace", "total"] == (hits["query"] == "peace").sum()
    assert summary.loc["sanctions", "dp"] > summary.loc["peace", "dp"]  # sanctions clusters


# --- rank and frequency --------------------------------------------------------------------------

def test_zipf_fit_recovers_an_exact_power_law():
    ranks = pd.DataFrame({"rank": np.arange(1, 101), "count": 1000 / np.arange(1, 101)})
    fit = zipf_fit(ranks)
    assert fit["slope"] == pytest.approx(-1.0) and fit["r_squared"] == pytest.approx(1.0)


# --- pinned details (each of these caught a deliberate bug in review) ----------------------------

def test_concordance_context_is_exactly_next_to_the_keyword(tokens, articles_table):
    texts = dict(zip(articles_table["doc_id"], articles_table["text"]))
    hits = find_term(tokens, "sanctions")
    lines = concordance(articles_table, tokens, "sanctions", width=25)
    for hit, line in zip(hits.itertuples(), lines.itertuples()):
        text = texts[hit.doc_id]
        flat_before = text[:hit.start].replace("\n\n", " ¶ ")
        flat_after = text[hit.end:].replace("\n\n", " ¶ ")
        assert flat_before.endswith(line.left) and flat_after.startswith(line.right)
        assert line.keyword == text[hit.start:hit.end]


def test_a_phrase_spans_from_its_first_to_its_last_token(tokens, articles_table):
    texts = dict(zip(articles_table["doc_id"], articles_table["text"]))
    hits = find_term(tokens, "security guarantees", match="norm")
    assert {texts[h.doc_id][h.start:h.end].lower() for h in hits.itertuples()} == {
        "security guarantees"}


def test_phrases_stay_within_a_sentence_and_punctuation_matches_in_stem_mode():
    tokens = tokens_of({"a": "They want security. Guarantees came later. Peace. Peace now."})
    assert find_term(tokens, "security guarantees").empty
    assert len(find_term(tokens, "peace.", match="stem")) == 1
    assert len(find_term(tokens, "peace.", match="norm")) == 1


def test_find_term_on_a_table_out_of_reading_order_and_read_back_from_disk(tokens, tmp_path):
    """Phrases match consecutive tokens of an article whatever the row order (a shuffled or
    filtered table), and the table read back from data/processed (nullable dtypes, missing
    stems for punctuation) gives the same hits as the table in memory."""
    expected = find_term(tokens, "security guarantees", match="norm")
    assert len(expected) == 7
    shuffled = tokens.sample(frac=1.0, random_state=3)
    assert find_term(shuffled, "security guarantees", match="norm").equals(expected)
    by_stem = find_term(tokens, "troops")
    assert list(by_stem.sort_values(["doc_id", "token_id"]).index) == list(by_stem.index)
    write_tables({"tokens": tokens}, tmp_path)
    back = read_table("tokens", tmp_path)
    for query, match in [("security guarantees", "norm"), ("troops", "stem"), (",", "stem"),
                         ("Security guarantees", "exact")]:
        found = find_term(back, query, match=match)
        assert found.astype(str).equals(find_term(tokens, query, match=match).astype(str))
    assert len(find_term(back, ",", match="stem")) == (tokens["token"] == ",").sum() > 0


def test_keyness_rates_counts_and_direction_order(tokens, articles_table):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    target = "004_7cc8777ee65a6feb"
    size = int(tokens.loc[tokens["doc_id"] == target, "is_word"].sum())
    table = keyness(dtm, target)
    assert (table["per_1000_target"] == 1000 * table["count_target"] / size).all()
    assert (table["per_1000_reference"]
            == 1000 * table["count_reference"] / (2665 - size)).all()
    groups = articles_table.set_index("doc_id", drop=False)["doc_id"]
    by_group = keyness_by_group(dtm, groups, top=3)
    for _, group in by_group.groupby("group"):
        over = group[group["direction"] == "over"]["g2"]
        under = group[group["direction"] == "under"]["g2"]
        assert over.is_monotonic_decreasing and under.is_monotonic_increasing
        assert under.iloc[0] == group["g2"].min()  # the most under-used comes first


def test_keyness_by_group_shows_terms_tied_at_the_cut_off_and_missing_groups_are_reference(
        tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="stem", **PLAIN))
    groups = pd.Series({d: ("first" if d.startswith("000") else None) for d in dtm.doc_ids})
    table = keyness_by_group(dtm, groups, top=1)
    assert set(table["group"]) == {"first"}  # no group made of the missing values
    over = table[table["direction"] == "over"]
    assert len(over) >= 1 and over["g2"].nunique() == 1
    full = keyness(dtm, "000_64836e5e3a4efbc5")
    best = full[full["direction"] == "over"]["g2"].max()
    assert len(over) == (full["g2"] == best).sum()  # every term tied at the top is shown
    row = full.set_index("term").loc["peace"]
    assert row["count_target"] + row["count_reference"] == 27  # the rest are all reference


def test_keyness_refuses_an_empty_side():
    tokens = tokens_of({"a": "Peace talks resumed in Paris.", "b": "..."})
    dtm = document_term_matrix(tokens)
    with pytest.raises(ValueError, match="reference has none"):
        keyness(dtm, "a", min_count=1)


def test_document_frequency_counts_documents_not_occurrences(tokens):
    dtm = document_term_matrix(tokens, TermChoices(form="norm", **PLAIN))
    table = term_frequencies(dtm).set_index("term")
    containing = tokens[tokens["norm"] == "peace"]["doc_id"].nunique()
    assert table.loc["peace", "documents"] == containing == 5
    assert table.loc["peace", "count"] == 27


def test_gries_dp_on_the_corpus_uses_word_counts_as_part_sizes(tokens):
    summary = dispersion_summary(tokens, ["sanctions"])
    words = tokens[tokens["is_word"]].groupby("doc_id").size().sort_index()
    hits = summary.loc["sanctions", words.index].to_numpy(dtype=float)
    expected = 0.5 * np.abs(hits / hits.sum() - words / words.sum()).sum()
    assert summary.loc["sanctions", "dp"] == pytest.approx(expected)
    positions = dispersion(tokens, ["sanctions"])
    sizes = tokens.groupby("doc_id").size()
    assert (positions["position"]
            == positions["token_id"] / positions["doc_id"].map(sizes)).all()


def test_bigram_and_trigram_scores_match_the_formulas():
    text = ("Prime minister spoke. Prime minister left. The prime task. The minister spoke. "
            "British prime minister arrived. British prime minister spoke.")
    tokens = tokens_of({"a": text})
    n = int(tokens["is_word"].sum())
    counts = Counter(tokens.loc[tokens["is_word"], "norm"])
    bigrams = collocations(tokens, min_count=2, choices=TermChoices(drop_stopwords=False, **PLAIN))
    row = bigrams.set_index("ngram").loc["prime minister"]
    pair = 4
    observed = np.array([[pair, counts["prime"] - pair],
                         [counts["minister"] - pair, n - counts["prime"] - counts["minister"]
                          + pair]], dtype=float)
    expected = observed.sum(1, keepdims=True) * observed.sum(0, keepdims=True) / n
    g2 = 2 * np.nansum(observed * np.log(observed / expected))
    assert row["log_likelihood"] == pytest.approx(g2)
    trigrams = collocations(tokens, n=3, min_count=2, choices=TermChoices(drop_stopwords=False, **PLAIN))
    tri = trigrams.set_index("ngram").loc["british prime minister"]
    assert tri["pmi"] == pytest.approx(math.log2(
        2 * n ** 2 / (counts["british"] * counts["prime"] * counts["minister"])))


def test_stem_collocations_keep_content_words_and_show_readable_forms(tokens):
    table = collocations(tokens, min_count=2, choices=TermChoices(form="stem", **PLAIN)).set_index(
        "ngram")
    assert "lasting peace" in table.index  # 'lasting' is no stopword though 'last' is
    assert "security guarantees" in table.index


def test_rank_frequency_ranks_are_ordinal_with_the_tied_rank_beside(tokens):
    ranks = rank_frequency(document_term_matrix(tokens, TermChoices(drop_stopwords=False, **PLAIN)))
    assert ranks["rank"].tolist() == list(range(1, len(ranks) + 1))
    hapaxes = ranks[ranks["count"] == 1]
    assert len(hapaxes) > 100 and hapaxes["tied_rank"].nunique() == 1
    assert hapaxes["tied_rank"].iloc[0] == hapaxes["rank"].min()
    with pytest.raises(ValueError, match="two ranks"):
        zipf_fit(ranks.head(1))
