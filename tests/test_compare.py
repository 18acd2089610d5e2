"""Profiles, similarity and tone checked against independent computations."""

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from helpers.compare import (
    article_profiles,
    article_similarity,
    flesch_reading_ease,
    quote_tone,
    sentence_tone,
    shared_sentences,
    summit_timeline,
    syllables,
    tone_by_article,
)
from helpers.plots import speaker_tone_figure


def test_flesch_reading_ease_by_hand():
    # "The cat sat on the mat." 6 words, 1 sentence, 6 syllables:
    # 206.835 - 1.015 * 6 - 84.6 * 1 = 116.145
    assert flesch_reading_ease(6, 1, 6) == pytest.approx(116.145)
    assert np.isnan(flesch_reading_ease(0, 0, 0))


@pytest.mark.parametrize("word, count", [
    ("peace", 1), ("summit", 2), ("security", 4), ("Ukraine", 2), ("deployment", 3),
    ("Zelenskiy", 3),  # not in the CMU dictionary: hyphenation fallback
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_profiles_on_the_real_articles(corpus, tables):
    profiles = article_profiles(corpus.articles, tables["sentences"], tables["tokens"],
                                tables["quotes"])
    assert profiles.loc["002_abdf45bae94bc7b0", "quoted_share"] == 0
    assert profiles["quoted_share"].idxmax() == "001_4cb1c55a38efc4d4"
    # headings are not sentences of prose: 003 has 29 sentences, 4 of them headings
    assert profiles.loc["003_02058e297b92da1a", "sentences"] == 25
    assert profiles["flesch_reading_ease"].between(0, 100).all()
    assert (profiles["mattr"] > 0.7).all() and (profiles["mtld"] > 50).all()


def test_quoted_share_agrees_with_counting_quotation_marks_directly(corpus, tables):
    # independent of the extractor: characters between pairs of double quotation marks
    profiles = article_profiles(corpus.articles, tables["sentences"], tables["tokens"],
                                tables["quotes"])
    for doc_id, text in zip(corpus.articles["doc_id"], corpus.articles["text"]):
        inside = sum(len(q) for q in re.findall(r'"([^"\n]*)"', text))
        assert profiles.loc[doc_id, "quoted_share"] == round(inside / len(text), 3), doc_id


def test_similarity_agrees_with_tfidf_computed_by_hand(tables):
    # sublinear tf (1 + ln tf), smoothed idf (ln((1 + n) / (1 + df)) + 1), l2 rows, dot products
    ours = article_similarity(tables["tokens"])
    tokens = tables["tokens"].query("is_word and not is_stopword")
    counts = pd.crosstab(tokens["doc_id"], tokens["norm"]).loc[ours.index].to_numpy(float)
    tf = np.where(counts > 0, 1 + np.log(np.where(counts > 0, counts, 1)), 0)
    n_docs, df = counts.shape[0], (counts > 0).sum(axis=0)
    weights = tf * (np.log((1 + n_docs) / (1 + df)) + 1)
    weights /= np.linalg.norm(weights, axis=1, keepdims=True)
    np.testing.assert_allclose(ours.to_numpy(), weights @ weights.T, atol=0.0005)
    assert (np.diag(ours) == 1).all() and (ours.to_numpy() == ours.to_numpy().T).all()


def sentence_tables(rows, stopwords=("to", "a", "on")):
    """A sentences table from (doc_id, sentence_id, text) rows and its tokens table: words
    split on spaces, punctuation dropped, ``stopwords`` flagged."""
    sentences = pd.DataFrame(rows, columns=["doc_id", "sentence_id", "sentence"]).assign(
        is_heading=False)
    tokens = pd.DataFrame([
        {"doc_id": d, "sentence_id": s, "norm": w.lower(), "is_word": True,
         "is_stopword": w.lower() in stopwords}
        for d, s, text in zip(sentences["doc_id"], sentences["sentence_id"],
                              sentences["sentence"])
        for w in re.sub(r"[.,!]", "", text).split()])
    return sentences, tokens


def test_shared_sentences_find_copied_wire_text():
    sentences, tokens = sentence_tables([
        ("a", 0, "Leaders agreed to send a reassurance force to Ukraine."),
        ("a", 1, "Markets fell."),
        ("b", 0, "Leaders agreed to send a reassurance force to Ukraine, officials said.")])
    pairs = shared_sentences(sentences, tokens, threshold=0.5)
    assert pairs[["doc_a", "sentence_a", "doc_b", "sentence_b"]].values.tolist() == [
        ["a", 0, "b", 0]]
    assert 0.5 < pairs["similarity"].item() < 1


def test_a_sentence_repeated_in_many_articles_is_one_row_with_its_article_count():
    wire = "Leaders agreed to send a reassurance force to Ukraine."
    sentences, tokens = sentence_tables([
        ("a", 0, wire), ("a", 1, "Markets fell sharply on Monday."), ("b", 0, wire),
        ("c", 0, "Markets fell sharply."), ("c", 1, wire.replace(".", "!")),
        ("d", 0, "Markets fell sharply on Monday, traders said.")])
    pairs = shared_sentences(sentences, tokens, threshold=0.5)
    copies = pairs[pairs["kind"] == "repeated"]
    assert copies[["doc_a", "doc_b", "similarity", "articles"]].values.tolist() == [
        ["a", "b", 1.0, 3]]
    near = pairs[pairs["kind"] == "similar"]
    assert sorted(zip(near["doc_a"], near["sentence_a"], near["doc_b"], near["sentence_b"])) == [
        ("a", 1, "c", 0), ("a", 1, "d", 0), ("c", 0, "d", 0)]
    assert all(a != b for a, b in zip(pairs["doc_a"], pairs["doc_b"]))


def test_a_near_pair_is_shown_where_its_sentences_stand_in_different_articles():
    # sentence X is in articles a and b, sentence Y (close to X) only in a: the pair is shown
    # with X in b, never as two sentences of article a
    x = "Leaders agreed to send a reassurance force to Ukraine."
    y = "Leaders agreed to send a reassurance force to Ukraine soon, officials said."
    sentences, tokens = sentence_tables([("a", 0, x), ("a", 1, y), ("b", 0, x)])
    pairs = shared_sentences(sentences, tokens, threshold=0.5)
    assert pairs[["doc_a", "sentence_a", "doc_b", "sentence_b", "kind"]].values.tolist() == [
        ["a", 0, "b", 0, "repeated"], ["b", 0, "a", 1, "similar"]]


def test_no_near_duplicate_sentences_in_the_five_articles(tables):
    assert shared_sentences(tables["sentences"], tables["tokens"], threshold=0.5).empty


def test_tone_reads_negation_and_stays_in_range(tables):
    tone = sentence_tone(tables["sentences"])
    assert tone["compound"].between(-1, 1).all()
    sentences = tables["sentences"]
    assert len(tone) == (~sentences["is_heading"] & ~sentences["is_list_item"]).sum()
    assert len(sentence_tone(sentences, reporting_only=False)) == (~sentences["is_heading"]).sum()
    assert sentences["is_list_item"].any()  # 004's closing list: left out by default
    scored = tone.merge(tables["sentences"])
    negated = scored[scored["sentence"].str.contains("did not bring anything positive")]
    assert negated["tone"].item() == "negative"
    by_article = tone_by_article(tone)
    shares = by_article[["share_positive", "share_neutral", "share_negative"]].sum(axis=1)
    np.testing.assert_allclose(shares, 1, atol=0.002)


def test_quote_tone_per_speaker_leaves_out_short_and_unattributed_quotes(tables):
    quotes = tables["quotes"]
    table = quote_tone(quotes).set_index("speaker")
    eligible = quotes[(quotes["attribution"] != "none") & (quotes["n_words"] >= 3)]
    assert table["quotes"].to_dict() == eligible["speaker"].value_counts().to_dict()
    assert "Trump" not in table.index  # his only quote, "very soon", has two words


def test_tone_means_carry_counts_and_intervals_and_few_quotes_are_not_ranked(tables):
    tone = sentence_tone(tables["sentences"])
    by_article = tone_by_article(tone)
    assert by_article["sentences"].sum() == len(tone)
    assert (by_article["ci_low"] <= by_article["mean_compound"]).all()
    assert (by_article["mean_compound"] <= by_article["ci_high"]).all()
    doc = by_article.index[0]
    scores = tone.loc[tone["doc_id"] == doc, "compound"]
    half = stats.t.ppf(0.975, len(scores) - 1) * scores.std(ddof=1) / np.sqrt(len(scores))
    assert by_article.loc[doc, "ci_high"] == pytest.approx(scores.mean() + half, abs=0.001)

    table = quote_tone(tables["quotes"], min_quotes=3)
    assert table["ranked"].tolist() == sorted(table["ranked"], reverse=True)
    ranked = table[table["ranked"]]
    assert (ranked["quotes"] >= 3).all() and ranked["mean_compound"].is_monotonic_increasing
    assert (table.loc[~table["ranked"], "quotes"] < 3).all()
    single = table[table["quotes"] == 1]
    assert single["ci_low"].isna().all()  # no interval from one quote
    assert speaker_tone_figure(quote_tone(tables["quotes"], min_quotes=1000)) is None


def test_timeline_parses_summits_and_keeps_unknown_dates(corpus):
    timeline = summit_timeline(corpus.articles).set_index("doc_id")
    assert timeline.loc["003_02058e297b92da1a", "summit_place"] == "London"
    assert timeline.loc["003_02058e297b92da1a", "summit_date"] == pd.Timestamp("2025-03-02")
    assert pd.isna(timeline.loc["004_7cc8777ee65a6feb", "published"])
    odd = corpus.articles.assign(summit=["the Paris one"] + [None] * 4)
    odd_timeline = summit_timeline(odd).set_index("doc_id")
    assert odd_timeline.loc["000_64836e5e3a4efbc5", "summit_place"] == "the Paris one"
    assert pd.isna(odd_timeline.loc["000_64836e5e3a4efbc5", "summit_date"])


def test_tone_extremes_are_the_lowest_and_highest_scores(tables):
    from helpers.compare import tone_extremes

    tone = sentence_tone(tables["sentences"])
    extremes = tone_extremes(tone, tables["sentences"], n=2)
    scores = sorted(tone["compound"])
    assert extremes["compound"].tolist() == scores[:2] + scores[-2:]


def test_a_group_of_articles_has_its_interval_over_article_means_not_pooled_sentences():
    from helpers.compare import tone_by_group

    tone = pd.DataFrame({"doc_id": ["a"] * 40 + ["b"] * 40 + ["c"] * 10,
                         "compound": [0.6] * 20 + [0.4] * 20 + [-0.2] * 20 + [0.0] * 20
                         + [0.3] * 10})
    tone["tone"] = np.where(tone["compound"] >= 0.05, "positive", "neutral")
    table = tone_by_group(tone, pd.Series({"a": "wire", "b": "wire", "c": "blog"},
                                          name="outlet"))
    wire = table.loc["wire"]
    assert (wire["articles"], wire["sentences"]) == (2, 80)
    assert wire["mean_compound"] == pytest.approx(0.2)  # the mean of 0.5 and -0.1
    assert wire["ci_low"] == -1 and wire["ci_high"] == 1  # two articles: wide, clipped
    blog = table.loc["blog"]  # one article: its sentences, all alike here
    assert blog["articles"] == 1 and blog["ci_low"] == blog["ci_high"] == 0.3
