"""Topic clustering: units, features, models, the choice of k, and the validation script."""

import importlib.util

import numpy as np
import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from sklearn.metrics import adjusted_rand_score, normalized_mutual_info_score

from helpers.topics import (
    FeatureChoices,
    agreement_with_labels,
    choose_k,
    k_selection,
    kmeans_labels,
    lsa,
    nmf_topics,
    paragraph_units,
    representative_units,
    sentence_windows,
    tfidf_features,
    topic_by_article,
    topic_share_by_group,
    topic_terms,
    unit_map,
)

VOCABULARIES = {
    "troops": "troops peacekeepers deployment soldiers brigade frontline reassurance force",
    "money": "spending budget fiscal deficit bonds defence rules investment billion",
    "talks": "negotiations ceasefire envoy talks Riyadh delegation truce memorandum",
}


def themed_paragraphs(per_theme: int = 8, seed: int = 0) -> tuple[list[str], list[str]]:
    """Paragraphs drawn from three disjoint vocabularies plus shared filler words."""
    rng = np.random.default_rng(seed)
    texts, themes = [], []
    filler = "leaders summit said Monday Paris week officials meeting".split()
    for theme, words in VOCABULARIES.items():
        words = words.split()
        for _ in range(per_theme):
            chosen = list(rng.choice(words, 6)) + list(rng.choice(filler, 3))
            texts.append(" ".join(chosen) + ".")
            themes.append(theme)
    return texts, themes


@pytest.fixture(scope="module")
def units(tables):
    return paragraph_units(tables["sentences"])


def test_every_paragraph_is_a_unit_or_accounted_for(tables, units):
    kept, left_out = units
    sentences = tables["sentences"]
    paragraphs = sentences.groupby(["doc_id", "paragraph_id"]).ngroups
    assert len(kept) + len(left_out) == paragraphs == 83
    assert set(left_out["reason"]) == {"heading", "list item"}
    bullets = sentences.groupby(["doc_id", "paragraph_id"])["is_list_item"].first()
    assert (left_out["reason"] == "list item").sum() == bullets.sum() == 10  # 004's closing list
    with_lists, with_lists_out = paragraph_units(sentences, reporting_only=False)
    assert set(with_lists_out["reason"]) == {"heading"}
    assert len(with_lists) == len(kept) + 10
    first = kept.iloc[0]
    own = sentences[(sentences["doc_id"] == first["doc_id"])
                    & (sentences["paragraph_id"] == first["paragraph_id"])]
    assert first["text"] == " ".join(own["sentence"])
    short, _ = paragraph_units(sentences, min_words=30)
    assert (short["n_words"] >= 30).all() and len(short) < len(kept)


def test_sentence_windows_cover_each_prose_sentence_once(tables):
    sentences = tables["sentences"]
    windows = sentence_windows(sentences, size=3)
    prose = sentences[~sentences["is_heading"] & ~sentences["is_list_item"]]
    for doc_id, group in prose.groupby("doc_id"):
        own = windows[windows["doc_id"] == doc_id]
        assert " ".join(own["text"]) == " ".join(group.sort_values("sentence_id")["sentence"])
        assert len(own) == -(-len(group) // 3)
    everything = sentence_windows(sentences, size=3, reporting_only=False)
    assert everything["n_words"].sum() > windows["n_words"].sum()
    with pytest.raises(ValueError, match="size must be 1"):
        sentence_windows(sentences, size=0)


def test_features_follow_the_choices(units):
    kept, _ = units
    matrix, terms = tfidf_features(kept["text"])
    assert matrix.shape == (len(kept), len(terms))
    assert "the" not in terms and "troops" in terms
    assert np.allclose(np.sqrt(matrix.multiply(matrix).sum(axis=1)), 1.0)
    document_frequency = np.asarray((matrix > 0).sum(axis=0)).ravel()
    assert document_frequency.min() >= 2 and document_frequency.max() <= 0.5 * len(kept)
    wider, _ = tfidf_features(kept["text"], FeatureChoices(min_df=1, max_df=1.0))
    assert wider.shape[1] > matrix.shape[1]
    with pytest.raises(ValueError, match="no features for 2 units"):
        tfidf_features(["the and", "of the"])


def test_nmf_is_deterministic_and_labels_are_the_strongest_topic(units):
    kept, _ = units
    matrix, terms = tfidf_features(kept["text"])
    first, second = nmf_topics(matrix, 4, 0, terms), nmf_topics(matrix, 4, 0, terms)
    assert np.array_equal(first.weights, second.weights)
    assert np.array_equal(first.labels, first.weights.argmax(axis=1))
    table = topic_terms(first, top=5)
    assert table["units"].sum() == len(kept)
    assert table["top_terms"].str.count(",").eq(4).all()
    with pytest.raises(ValueError, match="k must be between 2"):
        nmf_topics(matrix, 1)


def test_k_selection_finds_three_planted_themes():
    texts, themes = themed_paragraphs()
    matrix, terms = tfidf_features(texts, FeatureChoices(max_df=0.9))
    selection = k_selection(matrix, range(2, 7), seeds=range(5))
    k, reason = choose_k(selection)
    assert k == 3, reason
    assert selection.loc[3, "nmf_stability"] > 0.95
    model = nmf_topics(matrix, 3, 0, terms)
    assert adjusted_rand_score(themes, model.labels) == pytest.approx(1.0)
    assert adjusted_rand_score(themes, kmeans_labels(lsa(matrix, 5), 3)) == pytest.approx(1.0)


def test_choose_k_rule_both_branches():
    table = pd.DataFrame({"nmf_stability": [0.95, 0.85, 0.5], "nmf_silhouette": [0.1, 0.2, 0.9]},
                         index=pd.Index([2, 3, 4], name="k"))
    assert choose_k(table)[0] == 3  # the best silhouette among the stable ones, not k = 4
    unstable = table.assign(nmf_stability=[0.3, 0.6, 0.5])
    k, reason = choose_k(unstable)
    assert k == 3 and "no k reaches" in reason


def test_agreement_with_labels_against_sklearn_and_by_hand():
    truth = ["a"] * 4 + ["b"] * 4 + ["c"] * 2
    predicted = [2, 2, 2, 0, 0, 0, 0, 1, 1, 1]
    scores = agreement_with_labels(truth, predicted)
    assert scores["nmi"] == pytest.approx(normalized_mutual_info_score(truth, predicted))
    assert scores["ari"] == pytest.approx(adjusted_rand_score(truth, predicted))
    # best one-to-one matching: 2->a (3), 0->b (3), 1->c (2): 8 of 10
    assert scores["accuracy"] == pytest.approx(0.8)


def test_tables_of_topics_by_article_and_summit(units, tables):
    kept, _ = units
    matrix, terms = tfidf_features(kept["text"])
    model = nmf_topics(matrix, 4, 0, terms)
    by_article = topic_by_article(kept, model.labels)
    assert by_article.to_numpy().sum() == len(kept)
    assert list(by_article.index) == [1, 2, 3, 4]
    summits = tables["articles"].set_index("doc_id")["summit"].rename("summit")
    shares = topic_share_by_group(kept, model.labels, summits)
    assert np.allclose(shares.sum(axis=1), 1.0)
    representative = representative_units(model, kept)
    for topic, row in representative.iterrows():
        assert model.labels[kept.index[kept["unit_id"] == row["unit_id"]][0]] == topic - 1
        assert 0 < row["share"] <= 1
    assert unit_map(matrix).shape == (len(kept), 2)


def load_script():
    path = PROJECT_ROOT / "scripts" / "validate_topics.py"
    spec = importlib.util.spec_from_file_location("validate_topics", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_validation_script_reports_scores_and_fails_below_the_threshold(tmp_path, capsys):
    texts, themes = themed_paragraphs(per_theme=12, seed=1)
    counters = {}
    for text, theme in zip(texts, themes):
        counters[theme] = counters.get(theme, 0) + 1
        folder = tmp_path / "labelled" / theme
        folder.mkdir(parents=True, exist_ok=True)
        # each file needs enough distinct words to survive min_df = 5 at document level
        (folder / f"{counters[theme]:03d}.txt").write_text(
            f"Report {theme} {counters[theme]}\n\n{text} {text}\n", encoding="utf-8")
    script = load_script()
    assert script.main([str(tmp_path / "labelled"), "--k", "3", "--seeds", "2"]) == 0
    out = capsys.readouterr().out
    assert "36 articles with a category" in out and "nmi" in out and "OK" in out
    assert script.main([str(tmp_path / "labelled"), "--k", "3", "--seeds", "2",
                        "--min-nmi", "1.01"]) == 1
    assert script.main([str(tmp_path / "missing")]) == 2


def test_shuffled_terms_keep_each_terms_weights_and_break_co_occurrence(units):
    from helpers.topics import shuffled_terms

    features, _ = tfidf_features(units[0]["text"], FeatureChoices())
    null = shuffled_terms(features, seed=0)
    assert null.shape == features.shape and null.nnz == features.nnz
    assert np.allclose(sorted(features.getnnz(axis=0)), sorted(null.getnnz(axis=0)))
    assert np.allclose(np.sqrt(null.multiply(null).sum(axis=1)), 1)  # rows normalised again
    assert (null != features).nnz > 0
    assert (shuffled_terms(features, seed=0) != null).nnz == 0  # seeded


def test_structure_needs_a_clear_margin_over_shuffled_text():
    from helpers.topics import topic_structure

    def null(observed):
        shuffled = [0.030, 0.031, 0.029, 0.032, 0.030, 0.028, 0.031, 0.030, 0.029, 0.030]
        return pd.DataFrame({"corpus": ["observed"] + [f"shuffled {i}" for i in range(10)],
                             "stability": [0.9] + [0.5] * 10,
                             "silhouette": [observed] + shuffled})

    assert topic_structure(null(0.090))[0]
    found, why = topic_structure(null(0.045))  # above every draw, but 1.5 times the mean
    assert not found and why.startswith("No structure") and "1.5 times" in why
    assert not topic_structure(null(0.031))[0]  # not above every draw


def test_the_five_articles_have_no_topic_structure_and_say_so(units):
    from helpers.topics import conclusion, null_comparison, topic_structure

    features, _ = tfidf_features(units[0]["text"], FeatureChoices())
    found, why = topic_structure(null_comparison(features, 4, seeds=(0, 1, 2), draws=10))
    assert not found
    selection = pd.DataFrame({"nmf_stability": [0.9, 0.6], "nmf_silhouette": [0.04, 0.05]},
                             index=pd.Index([2, 3], name="k"))
    text = conclusion(selection, 3, found, why, 0.2)
    assert text.startswith("**There are no topics to name here.**") and "numbered, not named" in text


def test_topic_features_merge_names_and_spellings_like_the_term_counts():
    texts = ["The US and the United States backed Ursula von der Leyen on defense.",
             "Von der Leyen met US envoys; the defence plan had US support."] * 2
    _, merged = tfidf_features(texts, FeatureChoices(min_df=1, max_df=1.0))
    assert {"united_states", "von_der_leyen", "defence"} <= set(merged)
    assert not {"leyen", "states", "defense", "us"} & set(merged)
    _, plain = tfidf_features(texts, FeatureChoices(min_df=1, max_df=1.0, merge_names=False,
                                                    merge_spellings=False))
    assert {"leyen", "states", "defense", "defence"} <= set(plain)
    assert "us" not in plain  # as written, "US" is lower-cased into the stopword


def test_planted_topics_are_found_and_shuffled_ones_are_not():
    from helpers.topics import null_comparison, shuffled_terms, topic_structure

    rng = np.random.default_rng(7)
    themes = [[f"{name}{i}" for i in range(20)] for name in ("troop", "tariff", "vaccine")]
    common = [f"common{i}" for i in range(30)]
    texts = [" ".join(rng.choice(themes[t], 8).tolist() + rng.choice(common, 6).tolist())
             for t in range(3) for _ in range(30)]
    features, _ = tfidf_features(texts, FeatureChoices(min_df=2, max_df=0.5))
    found, why = topic_structure(null_comparison(features, 3))
    assert found, why
    assert "p = 0.05" in why
    lost, _ = topic_structure(null_comparison(shuffled_terms(features, seed=99), 3))
    assert not lost
