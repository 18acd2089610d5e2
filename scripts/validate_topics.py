"""Check the topic helpers against a corpus with known categories (e.g. the BBC News dataset).

Usage:
    python scripts/validate_topics.py FOLDER [--seeds 5] [--k 5] [--min-nmi 0.80]

FOLDER holds one subfolder per category (``<category>/<name>.txt``); a ``labels.csv`` beside
the files (columns ``path``, ``category``, optionally ``exact_duplicate_of``) takes precedence
when present. Articles are loaded and cleaned by ``helpers.corpus`` (exact duplicates are
rejected there), represented by ``helpers.topics.tfidf_features`` with the document-level
choices below, and clustered into k groups by the two models of notebook 04, once per seed:

- NMF topics (``nmf_topics``; each article goes to its strongest topic);
- k-means on a 100-dimensional LSA reduction (``lsa`` + ``kmeans_labels``).

Then notebook 04's own set-up: paragraphs as units (``paragraph_units``), the notebook's
feature choices (``FeatureChoices()``), NMF at k, each paragraph scored against its article's
category; and the notebook's test for structure (``null_comparison`` on the notebook's
selection sample, ``topic_structure``), which must find structure in a corpus that has it.

It prints NMI, ARI and accuracy against the categories for every seed, their mean and spread
(max - min), and the wall time, and exits with status 1 if any document model's mean NMI is
below ``--min-nmi`` or the structure test finds none. Nothing a user runs depends on this
script or on the folder.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from pathlib import Path

import pandas as pd

from helpers.corpus import CorpusWarning, load_corpus
from helpers.text import sentences_table
from helpers.topics import (
    FeatureChoices,
    agreement_with_labels,
    kmeans_labels,
    lsa,
    nmf_topics,
    null_comparison,
    paragraph_units,
    selection_sample,
    tfidf_features,
    topic_structure,
)

# Documents are long: rarer and more common terms can be cut harder than for paragraphs.
DOCUMENT_CHOICES = FeatureChoices(drop_stopwords=True, min_df=5, max_df=0.5, ngram_max=1,
                                  sublinear_tf=True)


def categories_of(folder: Path, doc_ids: list[str]) -> pd.Series:
    """doc_id -> category, from labels.csv when there is one, else from the subfolder name."""
    labels_path = folder / "labels.csv"
    if labels_path.is_file():
        labels = pd.read_csv(labels_path, dtype=str)
        prefix = folder.name + "/"
        paths = labels["path"].str.removeprefix(prefix).str.removesuffix(".txt")
        keep = labels.get("exact_duplicate_of", pd.Series(index=labels.index)).isna()
        mapping = pd.Series(labels.loc[keep, "category"].to_numpy(), index=paths[keep])
    else:
        mapping = pd.Series({d: d.split("/", 1)[0] for d in doc_ids if "/" in d})
    return mapping.reindex(doc_ids)


def run(folder: Path, seeds: list[int], k: int) -> pd.DataFrame:
    started = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", CorpusWarning)
        corpus = load_corpus(folder)
    articles = corpus.articles
    categories = categories_of(folder, articles["doc_id"].tolist())
    labelled = categories.notna().to_numpy()
    report = corpus.report["status"].value_counts()
    print(f"{folder.name}: {len(corpus.report)} files; " + ", ".join(
        f"{n} {status}" for status, n in sorted(report.items())))
    print(f"{int(labelled.sum())} articles with a category are clustered; "
          f"{int((~labelled).sum())} loaded without one are left out "
          f"({', '.join(articles.loc[~labelled, 'doc_id']) or 'none'}); "
          f"{len(caught)} loader warning(s)")
    texts = articles.loc[labelled, "text"].tolist()
    truth = categories[labelled].to_numpy()
    matrix, terms = tfidf_features(texts, DOCUMENT_CHOICES)
    print(f"features: {matrix.shape[0]} articles x {matrix.shape[1]} terms "
          f"({time.perf_counter() - started:.1f} s to load and vectorise)")
    rows = []
    for model in ("NMF", "LSA + k-means"):
        for seed in seeds:
            started = time.perf_counter()
            if model == "NMF":
                predicted = nmf_topics(matrix, k, seed, terms).labels
            else:
                predicted = kmeans_labels(lsa(matrix, 100, seed), k, seed)
            scores = agreement_with_labels(truth, predicted)
            rows.append({"model": model, "seed": seed, **scores,
                         "seconds": time.perf_counter() - started})
    return pd.DataFrame(rows), articles.loc[labelled], categories[labelled]


def notebook_setup(articles: pd.DataFrame, categories: pd.Series, seeds: list[int], k: int
                   ) -> tuple[pd.DataFrame, bool, str]:
    """Notebook 04 as it runs: paragraph units, its feature choices, NMF; then its test."""
    started = time.perf_counter()
    units, _ = paragraph_units(sentences_table(articles))
    matrix, terms = tfidf_features(units["text"], FeatureChoices())
    truth = units["doc_id"].map(categories.set_axis(articles["doc_id"].to_numpy())).to_numpy()
    print(f"notebook 04 set-up: {matrix.shape[0]} paragraphs x {matrix.shape[1]} terms "
          f"({time.perf_counter() - started:.1f} s)")
    rows = []
    for seed in seeds:
        started = time.perf_counter()
        predicted = nmf_topics(matrix, k, seed, terms).labels
        rows.append({"model": "NMF, paragraphs (notebook 04)", "seed": seed,
                     **agreement_with_labels(truth, predicted),
                     "seconds": time.perf_counter() - started})
    started = time.perf_counter()
    structure, statement = topic_structure(null_comparison(
        matrix[selection_sample(matrix.shape[0])], k, seeds=seeds[:3]))
    print(f"structure test at k = {k} ({time.perf_counter() - started:.1f} s): {statement}")
    return pd.DataFrame(rows), structure, statement


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seeds", type=int, default=5, help="number of seeds (0, 1, ...)")
    parser.add_argument("--k", type=int, default=5, help="number of topics / clusters")
    parser.add_argument("--min-nmi", type=float, default=0.80,
                        help="fail when a model's mean NMI is below this")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    seeds = list(range(args.seeds))
    results, articles, categories = run(args.folder, seeds, args.k)
    paragraph_results, structure, _ = notebook_setup(articles, categories, seeds, args.k)
    results = pd.concat([results, paragraph_results], ignore_index=True)
    pd.set_option("display.width", 120)
    print()
    print(results.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    summary = results.groupby("model", sort=False).agg(
        nmi=("nmi", "mean"), nmi_spread=("nmi", lambda v: v.max() - v.min()),
        ari=("ari", "mean"), ari_spread=("ari", lambda v: v.max() - v.min()),
        accuracy=("accuracy", "mean"), seconds=("seconds", "sum"))
    print()
    print(summary.to_string(float_format=lambda v: f"{v:.3f}"))
    documents = summary.drop(index="NMF, paragraphs (notebook 04)")
    failing = documents[documents["nmi"] < args.min_nmi]
    if len(failing):
        print(f"\nFAIL: mean NMI below {args.min_nmi} for {', '.join(failing.index)}")
        return 1
    if not structure:
        print("\nFAIL: the structure test finds no structure in a corpus with categories")
        return 1
    print(f"\nOK: every document model's mean NMI is at least {args.min_nmi}, and the "
          "structure test finds structure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
