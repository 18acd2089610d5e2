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


def heatmap_figure(table: pd.DataFrame, title: str, *, fmt: str = "d", cmap: str = "Blues",
                   center: float | None = None, vmin: float | None = None,
                   vmax: float | None = None) -> Figure:
    """An annotated heatmap of ``table`` (rows x columns), every cell's number printed.

    Article ids on either axis are shortened to their first part (``003``).
    """
    table = table.rename(index=lambda v: short_id(str(v)), columns=lambda v: short_id(str(v)))
    table = table.astype("int64" if fmt == "d" else "float64")  # nullable dtypes do not plot
    height = max(2.5, 0.4 * len(table) + 1.5)
    width = max(6.0, 1.1 * len(table.columns) + 3.0)
    figure, axes = plt.subplots(figsize=(width, height))
    sns.heatmap(table, annot=True, fmt=fmt, cmap=cmap, center=center, vmin=vmin, vmax=vmax,
                linewidths=0.5, cbar=False, ax=axes)
    axes.set(title=title, xlabel="", ylabel="")
    axes.tick_params(axis="x", rotation=0)
    figure.tight_layout()
    return figure


def tone_shares_figure(tone: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Stacked bars: share of positive, neutral and negative sentences per article."""
    shares = tone[["share_positive", "share_neutral", "share_negative"]].copy()
    shares.columns = ["positive", "neutral", "negative"]
    shares.index = [labels.get(d, short_id(d)) if labels is not None else short_id(d)
                    for d in shares.index]
    figure, axes = plt.subplots(figsize=(8, 0.5 * len(shares) + 1.5))
    shares.plot(kind="barh", stacked=True, ax=axes, width=0.7,
                color=["#4c72b0", "#cccccc", "#c44e52"])
    axes.set(xlabel="share of sentences (VADER compound >= 0.05 / <= -0.05)", ylabel="",
             title="Tone of sentences, by article", xlim=(0, 1))
    axes.invert_yaxis()
    axes.legend(bbox_to_anchor=(1.01, 1), loc="upper left")
    figure.tight_layout()
    return figure


def speaker_tone_figure(quote_tone: pd.DataFrame) -> Figure:
    """Mean VADER compound of each speaker's quotes, with the range from min to max."""
    data = quote_tone.sort_values("mean_compound")
    figure, axes = plt.subplots(figsize=(8, 0.45 * len(data) + 1.5))
    positions = range(len(data))
    axes.hlines(positions, data["min_compound"], data["max_compound"], color="#999999")
    axes.scatter(data["mean_compound"], positions, s=30 + 15 * data["quotes"], zorder=3)
    axes.set_yticks(list(positions),
                    [f"{s} ({n})" for s, n in zip(data["speaker"], data["quotes"])])
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set(xlim=(-1, 1), xlabel="VADER compound of the speaker's quotes (mean, min-max)",
             title="Tone of quoted words, by speaker (number of quotes)")
    figure.tight_layout()
    return figure


def timeline_figure(timeline: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Articles against the summit they report (circle) and their publication date (cross).

    A hollow circle marks a summit date that was inferred, not stated in the text.
    """
    data = timeline.reset_index(drop=True)
    names = [labels.get(d, short_id(d)) if labels is not None else short_id(d)
             for d in data["doc_id"]]
    figure, axes = plt.subplots(figsize=(9, 0.5 * len(data) + 2))
    for position, row in data.iterrows():
        if pd.notna(row["summit_date"]):
            stated = row["summit_status"] == "stated"
            axes.scatter(row["summit_date"], position, s=80, marker="o", zorder=3,
                         facecolors="#4c72b0" if stated else "none", edgecolors="#4c72b0")
        if pd.notna(row["published"]):
            axes.scatter(row["published"], position, s=60, marker="x", color="#c44e52",
                         zorder=4)
    summits = data.dropna(subset=["summit_date"]).drop_duplicates("summit_date")
    for _, summit in summits.iterrows():
        axes.axvline(summit["summit_date"], color="#dddddd", zorder=1)
        axes.annotate(f"{summit['summit_place']}\n{summit['summit_date']:%d %b}",
                      (summit["summit_date"], -0.8), ha="center", va="bottom", fontsize=8)
    axes.set_yticks(range(len(data)), names)
    axes.set_ylim(len(data) - 0.5, -1.2)
    axes.set(title="Articles on the summit timeline (o summit, x published; hollow = inferred)",
             xlabel="")
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
