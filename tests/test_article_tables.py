"""A table of articles (CSV, JSONL, Parquet; the shapes news databases and scrapers export) loads
like a folder: the same cleaning, audit and load report, one report row per table row; and
near-duplicate articles are named in the load report and left out only by a stated choice."""

import json

import pandas as pd
import pytest

from helpers.corpus import CorpusError, CorpusWarning, load_corpus, near_duplicates

WIRE = ("French President Emmanuel Macron hosted European leaders in Paris on Monday to discuss "
        "security guarantees for Ukraine after the talks between Washington and Moscow. "
        "\u201cEurope must take its share,\u201d Macron said. British Prime Minister Keir "
        "Starmer told reporters that any ceasefire needs a US backstop, while Polish Prime "
        "Minister Donald Tusk said Poland would not send troops but would keep up military aid.")
ROWS = [
    {"id": "wire-1", "headline": "Leaders meet in Paris", "body": WIRE,
     "source_domain": "example-times.com", "date_publish": "2025-02-17T10:32:00Z"},
    {"id": "wire-2", "headline": "Paris talks", "body": WIRE + " Updated at 14:00 GMT.",
     "source_domain": "example-post.com", "date_publish": "2025-02-17 15:00"},
    {"id": "empty", "headline": "Nothing", "body": "   ", "source_domain": "x.com",
     "date_publish": "2025-02-18"},
    {"id": "late", "headline": "Talks go on", "body": "The ministers said the talks in London "
     "would go on for another week, and Germany backed more air defence for Kyiv.",
     "source_domain": "example-times.com", "date_publish": "yesterday"},
]


def write_table(folder, kind):
    table = pd.DataFrame(ROWS)
    path = folder / f"articles.{kind}"
    if kind == "csv":
        table.to_csv(path, index=False)
    elif kind == "jsonl":
        path.write_text("".join(json.dumps(row) + "\n" for row in ROWS), encoding="utf-8")
    else:
        table.to_parquet(path)
    return path


@pytest.mark.parametrize("kind", ["csv", "jsonl", "parquet"])
def test_a_table_of_articles_loads_with_its_columns_found_by_common_names(tmp_path, kind):
    with pytest.warns(CorpusWarning) as caught:
        corpus = load_corpus(write_table(tmp_path, kind))
    messages = [str(w.message) for w in caught]
    assert f"articles.{kind} row 3: empty text" in messages
    assert f"articles.{kind} row 4: published 'yesterday' is not a date; left unknown" in messages
    articles = corpus.articles.set_index("doc_id")
    assert articles.index.tolist() == ["late", "wire-1", "wire-2"]
    first = articles.loc["wire-1"]
    assert (first["title"], first["outlet"], first["published"]) == (
        "Leaders meet in Paris", "example-times.com", "2025-02-17")
    assert first["outlet_status"] == "stated" and articles.loc["late", "published_status"] == \
        "unknown"
    assert '"Europe must take its share," Macron said.' in first["text"]  # cleaned like a file
    report = corpus.report.set_index("path")
    assert report.loc[f"articles.{kind} row 3", "status"] == "rejected"
    assert len(report) == 4  # every row accounted for


def test_an_explicit_mapping_wins_and_a_wrong_one_names_the_columns(tmp_path):
    path = write_table(tmp_path, "csv")
    with pytest.warns(CorpusWarning):
        corpus = load_corpus(path, columns={"text": "body", "doc_id": "headline",
                                            "outlet": "source_domain"})
    assert "Leaders meet in Paris" in corpus.articles["doc_id"].tolist()
    with pytest.raises(CorpusError, match=r"articles\.csv: the column mapping names what the "
                                          r"table does not have \(text='story'\); its columns: id"):
        load_corpus(path, columns={"text": "story"})


def test_a_table_without_a_text_column_is_a_clear_error(tmp_path):
    path = tmp_path / "links.csv"
    pd.DataFrame({"url": ["https://example.com/a"], "title": ["A"]}).to_csv(path, index=False)
    with pytest.raises(CorpusError, match=r"links\.csv: no text column \(tried text, body"):
        load_corpus(path)


def test_a_broken_table_is_a_clear_error(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"not parquet at all")
    with pytest.raises(CorpusError, match=r"broken\.parquet: cannot read the table of articles"):
        load_corpus(path)


def test_near_duplicates_are_reported_and_dropped_only_when_asked(tmp_path):
    path = write_table(tmp_path, "csv")
    with pytest.warns(CorpusWarning):
        kept = load_corpus(path)
    detail = kept.report.set_index("doc_id").loc["wire-2", "detail"]
    assert detail.startswith("near-duplicate of wire-1 (")
    assert "wire-2" in kept.articles["doc_id"].tolist()
    with pytest.warns(CorpusWarning):
        dropped = load_corpus(path, near_duplicate="drop")
    row = dropped.report.set_index("doc_id").loc["wire-2"]
    assert row["status"] == "duplicate" and "left out (near_duplicate='drop')" in row["detail"]
    assert "wire-2" not in dropped.articles["doc_id"].tolist()


def test_different_stories_on_the_same_events_are_not_near_duplicates():
    articles = pd.DataFrame({"doc_id": ["a", "b"], "text": [
        WIRE, "Russia rejected any European troops in Ukraine on Tuesday, a Kremlin spokesman "
              "said, as Macron and Starmer prepared a plan for security guarantees."]})
    assert near_duplicates(articles).empty


def test_near_duplicates_refuse_a_doc_id_used_twice():
    articles = pd.DataFrame({"doc_id": ["a", "a"], "text": ["One story.", "Another story."]})
    with pytest.raises(ValueError, match="more than one article: a"):
        near_duplicates(articles)
