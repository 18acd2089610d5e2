"""The suite at any corpus size: per-article units only while readable, then groups; time
series; long tables written whole beside the report; sparse neighbours instead of N x N."""

import numpy as np
import pandas as pd
import pytest
from scipy import sparse
from sklearn.metrics.pairwise import cosine_similarity
from sklearn.preprocessing import normalize

from helpers.compare import similar_pairs
from helpers.plots import MAX_FIGURE_INCHES, heatmap_figure, time_series_figure
from helpers.scale import (
    PER_ARTICLE_MAX,
    ReportTables,
    article_groups,
    collapse_columns,
    counts_over_time,
    largest_groups,
    summit_dates,
)


def corpus(n, outlets=None, folders=None, dates=None):
    doc_ids = [f"{folders[i % len(folders)]}/{i:03d}" if folders else f"{i:03d}_x"
               for i in range(n)]
    return pd.DataFrame({
        "doc_id": doc_ids,
        "outlet": [outlets[i % len(outlets)] if outlets else None for i in range(n)],
        "published": [dates[i % len(dates)] if dates else None for i in range(n)],
        "summit": None,
    })


def test_small_corpus_is_analysed_per_article():
    articles = corpus(5, outlets=["A", "B"])
    groups = article_groups(articles)
    assert groups.name == "article" and groups.tolist() == articles["doc_id"].tolist()


@pytest.mark.parametrize("kind, expected", [
    (dict(outlets=["Reuters", "AP", None]), "outlet"),
    (dict(folders=["politics", "sport"]), "folder"),
    (dict(dates=["2025-02-17", "2025-03-02"]), "week"),
    ({}, "corpus"),
])
def test_a_large_corpus_is_grouped_by_what_it_states(kind, expected):
    articles = corpus(PER_ARTICLE_MAX + 1, **kind)
    groups = article_groups(articles)
    assert groups.name == expected
    assert groups.index.tolist() == articles["doc_id"].tolist()
    if expected == "outlet":
        assert set(groups) == {"Reuters", "AP", "(no outlet)"}


def test_a_folder_shared_by_every_article_is_skipped_for_the_one_that_varies():
    articles = corpus(PER_ARTICLE_MAX + 5, folders=["copy00/politics", "copy00/sport"])
    groups = article_groups(articles)
    assert groups.name == "folder" and sorted(set(groups)) == ["politics", "sport"]


def test_collapse_columns_keeps_the_largest_groups_and_sums_the_rest():
    doc_ids = [f"d{i}" for i in range(40)]
    counts = pd.DataFrame([[1] * 40, list(range(40))], index=["x", "y"], columns=doc_ids)
    counts["total"] = counts.sum(axis=1)
    groups = pd.Series([f"outlet {i % 20}" for i in range(40)], index=doc_ids, name="outlet")
    collapsed = collapse_columns(counts, groups, top=5)
    assert collapsed.columns.tolist()[-2:] == ["other (16)", "total"]
    assert len(collapsed.columns) == 6
    # nothing is lost: the groups add up to the total
    assert (collapsed.drop(columns="total").sum(axis=1) == counts["total"]).all()


def test_largest_groups_leaves_the_rest_as_reference():
    groups = pd.Series(["a"] * 3 + ["b"] * 2 + ["c"], index=range(6))
    assert largest_groups(groups, top=2).isna().tolist() == [False] * 5 + [True]


def test_counts_over_time_fills_empty_days_and_counts_undated_rows():
    articles = corpus(4, outlets=["A", "B"], dates=["2025-02-17", "2025-02-20"])
    articles.loc[3, "published"] = None
    table = counts_over_time(articles, articles, by="outlet")
    assert table.attrs == {"undated": 1, "unit": "day"}
    assert len(table) == 4  # 17 to 20 February, the empty days included
    assert table.to_numpy().sum() == 3
    long_span = corpus(30, dates=[f"2025-{m:02d}-01" for m in range(1, 13)])
    assert counts_over_time(long_span, long_span).attrs["unit"] == "week"


def test_summit_dates_read_the_summit_labels():
    articles = pd.DataFrame({"summit": ["Paris 2025-02-17", "London 2025-03-02", None,
                                        "somewhere"]})
    assert summit_dates(articles).index.tolist() == ["Paris 2025-02-17", "London 2025-03-02"]


def test_a_long_table_is_shortened_and_written_whole(tmp_path):
    tables = ReportTables(tmp_path / "tables")
    long = pd.DataFrame({"speaker": [f"s{i}" for i in range(40)], "quotes": range(40)})
    shown = tables.show(long, "speakers", rows=10)
    assert len(shown) == 10
    written = pd.read_csv(tmp_path / "tables" / "speakers.csv")
    assert written.equals(long)
    short = tables.show(long.head(5), "few", rows=10)
    assert len(short) == 5 and not (tmp_path / "tables" / "few.csv").exists()


def test_an_empty_table_is_a_sentence_and_write_always_writes(tmp_path, capsys):
    tables = ReportTables(tmp_path / "tables")
    assert tables.show(pd.DataFrame({"pair": []}), "shared", what="sentence pairs") is None
    assert "No sentence pairs in this corpus." in capsys.readouterr().out
    table = pd.DataFrame({"term": ["peace"], "g2": [4.7]})
    tables.write(table, "keyness")
    assert pd.read_csv(tmp_path / "tables" / "keyness.csv").equals(table)
    assert "tables/keyness.csv" in capsys.readouterr().out


def test_sparse_neighbours_match_the_dense_cosine():
    rng = np.random.default_rng(0)
    matrix = normalize(sparse.random(300, 80, density=0.05, random_state=1, format="csr"))
    groups = rng.integers(0, 30, size=300)
    pairs = similar_pairs(matrix, groups.tolist(), threshold=0.3, chunk_rows=64)
    dense = cosine_similarity(matrix)
    expected = {(i, j) for i in range(300) for j in range(i + 1, 300)
                if dense[i, j] >= 0.3 and groups[i] != groups[j]}
    assert set(zip(pairs["a"], pairs["b"])) == expected
    for a, b, value in pairs.itertuples(index=False):
        assert value == pytest.approx(dense[a, b])


def test_candidates_through_rare_features_keep_every_pair_that_shares_one():
    rng = np.random.default_rng(2)
    matrix = normalize(sparse.random(400, 60, density=0.08, random_state=3, format="csr"))
    groups = rng.integers(0, 40, size=400)
    df = np.bincount(matrix.indices, minlength=60)
    max_df = int(np.median(df))
    rare = matrix[:, np.flatnonzero(df <= max_df)]
    shares_rare = (rare @ rare.T).toarray() > 0
    dense = cosine_similarity(matrix)
    pairs = similar_pairs(matrix, groups.tolist(), threshold=0.3, chunk_rows=50, max_df=max_df)
    expected = {(i, j) for i in range(400) for j in range(i + 1, 400)
                if dense[i, j] >= 0.3 and groups[i] != groups[j] and shares_rare[i, j]}
    assert set(zip(pairs["a"], pairs["b"])) == expected
    assert len(expected) < len(similar_pairs(matrix, groups.tolist(), threshold=0.3))
    for a, b, value in pairs.itertuples(index=False):
        assert value == pytest.approx(dense[a, b])  # the cosine over every feature
    # a bound above every feature's frequency changes nothing
    exact = similar_pairs(matrix, groups.tolist(), threshold=0.3, max_df=400)
    assert set(zip(exact["a"], exact["b"])) == set(zip(*similar_pairs(
        matrix, groups.tolist(), threshold=0.3)[["a", "b"]].to_numpy().T))


def test_top_keeps_each_rows_closest_partners_at_either_end_of_a_pair():
    matrix = normalize(sparse.csr_matrix(np.array(
        [[1, 0, 0], [0.9, 0.1, 0], [0.8, 0.2, 0], [0.7, 0.3, 0], [0, 0, 1]])))
    pairs = similar_pairs(matrix, [0, 1, 2, 3, 4], threshold=0.5, top=1)
    dense = cosine_similarity(matrix)
    best = {i: max((j for j in range(4) if j != i), key=lambda j: dense[i, j]) for i in range(4)}
    assert set(zip(pairs["a"], pairs["b"])) == {(min(i, j), max(i, j)) for i, j in best.items()}


def test_no_figure_exceeds_the_pixel_limit_however_long_its_table():
    table = pd.DataFrame(np.ones((300, 3), dtype=int), index=[f"actor {i}" for i in range(300)])
    figure = heatmap_figure(table, "huge")
    width, height = figure.get_size_inches()
    assert max(width, height) <= MAX_FIGURE_INCHES


def test_time_series_figure_marks_the_summits():
    articles = corpus(6, outlets=["A", "B"], dates=["2025-02-15", "2025-03-03"])
    figure = time_series_figure(counts_over_time(articles, articles, by="outlet"), "t",
                                "articles", events=pd.Series(pd.to_datetime(["2025-02-17"]),
                                                             index=["Paris 2025-02-17"]))
    texts = [t.get_text() for t in figure.axes[0].texts]
    assert texts == ["Paris 17 Feb"]


def test_the_runner_counts_the_tokens_00_wrote_in_either_format(tmp_path):
    from helpers.reports import token_count

    table = pd.DataFrame({"doc_id": ["a"] * 5, "token": list("abcde")})
    assert token_count(tmp_path) is None
    table.to_csv(tmp_path / "tokens.csv", index=False)
    assert token_count(tmp_path) == 5
    (tmp_path / "tokens.csv").unlink()
    table.iloc[:3].to_parquet(tmp_path / "tokens.parquet")
    assert token_count(tmp_path) == 3
