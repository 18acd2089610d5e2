"""Figures for the notebooks. They draw tables computed elsewhere and compute nothing new.

Each function takes a table and returns a new :class:`matplotlib.figure.Figure`; the notebook
shows the same table beside the figure, because nbval compares text, never images.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure


def notebook_style() -> None:
    """Pandas display options and a plain seaborn theme shared by every notebook."""
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.precision", 3)
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4)})


def short_id(doc_id: str) -> str:
    """A compact label for an article: the part of the file stem before the first '_'.

    >>> short_id("003_02058e297b92da1a"), short_id("bbc-politics-001")
    ('003', 'bbc-politics-001')
    """
    return doc_id.split("_", 1)[0] if "_" in doc_id else doc_id


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """doc_id -> 'short id · outlet' (or 'outlet unknown'), for axis labels.

    >>> article_labels(pd.DataFrame({"doc_id": ["003_02058e", "004_7cc8"],
    ...                              "outlet": ["Invezz", None]})).tolist()
    ['003 · Invezz', '004 · outlet unknown']
    """
    outlets = articles["outlet"].fillna("outlet unknown").tolist()
    labels = [f"{short_id(d)} · {o}" for d, o in zip(articles["doc_id"], outlets)]
    return pd.Series(labels, index=articles["doc_id"].tolist(), name="label")


def article_lengths_figure(lengths: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Horizontal bars: words and content words per article (from ``text.article_lengths``).

    ``labels`` maps doc_id to a display label (e.g. id and outlet); short ids by default.
    """
    data = lengths[["words", "content_words"]].copy()
    data.index = [labels.get(d, short_id(d)) if labels is not None else short_id(d)
                  for d in data.index]
    long = data.rename_axis("article").reset_index().melt(
        id_vars="article", var_name="count", value_name="tokens")
    figure, axes = plt.subplots(figsize=(8, 0.6 * len(data) + 1.5))
    sns.barplot(long, y="article", x="tokens", hue="count", ax=axes)
    axes.set(xlabel="tokens", ylabel="", title="Article length after cleaning")
    axes.legend(title="", bbox_to_anchor=(1.01, 1), loc="upper left")
    figure.tight_layout()
    return figure


def cleaning_figure(summary: pd.DataFrame) -> Figure:
    """Stacked bars: characters removed per article by rule (from ``corpus.audit_summary``)."""
    if "remove" not in summary.index.get_level_values("action"):
        figure, axes = plt.subplots(figsize=(8, 1.5))
        axes.set_axis_off()
        axes.set_title("No boilerplate removed")
        return figure
    removed = summary.loc["remove"].drop(columns="total")
    removed.columns = [short_id(c) for c in removed.columns]
    figure, axes = plt.subplots(figsize=(8, 4))
    removed.T.plot(kind="barh", stacked=True, ax=axes, colormap="tab20", width=0.7)
    axes.set(xlabel="characters removed", ylabel="article", title="Boilerplate removed, by rule")
    axes.invert_yaxis()
    axes.legend(fontsize="small", bbox_to_anchor=(1.01, 1), loc="upper left")
    figure.tight_layout()
    return figure
