"""Figures for the notebooks. They draw tables computed elsewhere and compute nothing new.

Each function takes a table and returns a new :class:`matplotlib.figure.Figure`; the notebook
shows the same table beside the figure, because nbval compares text, never images.
"""

from __future__ import annotations

import re

import matplotlib.pyplot as plt
import networkx as nx
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.figure import Figure

from helpers.display import use_reader_tables
from helpers.scale import PER_ARTICLE_MAX

MAX_FIGURE_INCHES = 24.0  # 2,400 px at the notebooks' 100 dpi, on the longest side


def _subplots(*args, figsize=(8, 4), **kwargs):
    """``plt.subplots`` with the figure clamped to :data:`MAX_FIGURE_INCHES` on each side, so
    no table, however long, gives a figure a reader cannot open."""
    width, height = figsize
    figsize = (min(width, MAX_FIGURE_INCHES), min(height, MAX_FIGURE_INCHES))
    return plt.subplots(*args, figsize=figsize, **kwargs)


def notebook_style() -> None:
    """Pandas display options, reader tables (:mod:`helpers.display`) and a plain seaborn
    theme shared by every notebook."""
    use_reader_tables()
    pd.set_option("display.max_colwidth", 120)
    pd.set_option("display.max_rows", 60)
    pd.set_option("display.precision", 3)
    sns.set_theme(style="whitegrid", context="notebook")
    plt.rcParams.update({"figure.dpi": 100, "savefig.dpi": 100, "figure.figsize": (8, 4)})


_HASHED_ID = re.compile(r"^(.+?)_(?=[0-9]*[a-f])[0-9a-f]{6,}$")  # a hex hash, not a number


def short_id(doc_id: str) -> str:
    """A compact label for an article named '<id>_<hash>': the part before the hash. Other
    names stay whole, so issue ids such as 'security_guarantees' are not cut to one word.

    >>> short_id("003_02058e297b92da1a"), short_id("bbc-politics-001")
    ('003', 'bbc-politics-001')
    >>> short_id("security_guarantees")
    'security_guarantees'
    """
    match = _HASHED_ID.match(doc_id)
    return match.group(1) if match else doc_id


def article_labels(articles: pd.DataFrame) -> pd.Series:
    """doc_id -> 'short id · outlet' (or 'outlet unknown'), for axis labels.

    >>> article_labels(pd.DataFrame({"doc_id": ["003_02058e", "004_7cc877"],
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
    if len(lengths) > PER_ARTICLE_MAX:
        figure, axes = _subplots(figsize=(8, 3.5))
        sns.histplot(lengths["words"], bins=40, ax=axes, color="#4c72b0")
        axes.set(xlabel="words per article", ylabel="articles",
                 title=f"Article length after cleaning ({len(lengths):,} articles)")
        figure.tight_layout()
        return figure
    data = lengths[["words", "content_words"]].copy()
    data.index = [labels.get(d, short_id(d)) if labels is not None else short_id(d)
                  for d in data.index]
    long = data.rename_axis("article").reset_index().melt(
        id_vars="article", var_name="count", value_name="tokens")
    figure, axes = _subplots(figsize=(8, 0.6 * len(data) + 1.5))
    sns.barplot(long, y="article", x="tokens", hue="count", ax=axes)
    axes.set(xlabel="tokens", ylabel="", title="Article length after cleaning")
    axes.legend(title="", bbox_to_anchor=(1.01, 1), loc="upper left")
    figure.tight_layout()
    return figure


def cleaning_figure(summary: pd.DataFrame) -> Figure:
    """Stacked bars: characters removed per article by rule (from ``corpus.audit_summary``)."""
    if "remove" not in summary.index.get_level_values("action"):
        figure, axes = _subplots(figsize=(8, 1.5))
        axes.set_axis_off()
        axes.set_title("No boilerplate removed")
        return figure
    removed = summary.loc["remove"].drop(columns="total")
    if len(removed.columns) > PER_ARTICLE_MAX:
        totals = summary.loc["remove", "total"].sort_values()
        figure, axes = _subplots(figsize=(8, 0.35 * len(totals) + 1.5))
        totals.plot(kind="barh", ax=axes, color="#4c72b0")
        axes.set(xlabel=f"characters removed, all {len(removed.columns):,} articles",
                 ylabel="rule", title="Boilerplate removed, by rule")
        figure.tight_layout()
        return figure
    removed.columns = [short_id(c) for c in removed.columns]
    figure, axes = _subplots(figsize=(8, 4))
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
    if table.empty:
        return _empty_figure(f"{title}: nothing to show")
    # "003 · Invezz" on two lines, so labels of neighbouring columns do not overlap
    table = table.rename(index=lambda v: short_id(str(v)),
                         columns=lambda v: short_id(str(v)).replace(" · ", "\n"))
    table = table.astype("int64" if fmt == "d" else "float64")  # nullable dtypes do not plot
    height = max(2.5, 0.4 * len(table) + 1.5)
    width = max(6.0, 1.1 * len(table.columns) + 3.0)
    figure, axes = _subplots(figsize=(width, height))
    sns.heatmap(table, annot=True, fmt=fmt, cmap=cmap, center=center, vmin=vmin, vmax=vmax,
                linewidths=0.5, cbar=False, ax=axes)
    axes.grid(False)  # a missing cell (the diagonal of a similarity table) stays blank
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
    figure, axes = _subplots(figsize=(8, 0.5 * len(shares) + 1.5))
    shares.plot(kind="barh", stacked=True, ax=axes, width=0.7,
                color=["#4c72b0", "#cccccc", "#c44e52"])
    axes.set(xlabel="share of sentences (VADER compound >= 0.05 / <= -0.05)", ylabel="",
             title="Tone of sentences, by article", xlim=(0, 1))
    axes.invert_yaxis()
    axes.legend(bbox_to_anchor=(1.01, 1), loc="upper left")
    figure.tight_layout()
    return figure


def speaker_tone_figure(quote_tone: pd.DataFrame) -> Figure | None:
    """Mean VADER compound of each ranked speaker's quotes with its 95% interval (lines) and
    the range from min to max (pale); speakers with too few quotes to rank are not drawn.
    None when no speaker has enough."""
    data = quote_tone[quote_tone["ranked"]].sort_values("mean_compound")
    if data.empty:
        return None
    figure, axes = _subplots(figsize=(8, 0.45 * len(data) + 1.5))
    positions = range(len(data))
    axes.hlines(positions, data["min_compound"], data["max_compound"], color="#dddddd",
                linewidth=6)
    axes.hlines(positions, data["ci_low"], data["ci_high"], color="#4c72b0", linewidth=2)
    axes.scatter(data["mean_compound"], positions, s=30, color="#4c72b0", zorder=3)
    axes.set_yticks(list(positions),
                    [f"{s} ({n})" for s, n in zip(data["speaker"], data["quotes"])])
    axes.axvline(0, color="black", linewidth=0.8)
    axes.set(xlim=(-1, 1), xlabel="VADER compound of the speaker's quotes: mean, 95% interval "
             "(blue), min-max (grey)",
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
    figure, axes = _subplots(figsize=(9, 0.5 * len(data) + 2))
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


def term_bars_figure(frequencies: pd.DataFrame, title: str, *, value: str = "per_1000",
                     xlabel: str = "occurrences per 1,000 words") -> Figure:
    """Horizontal bars of terms (from ``terms.term_frequencies``), most frequent on top."""
    data = frequencies.reset_index(drop=True)
    figure, axes = _subplots(figsize=(7, 0.28 * len(data) + 1.2))
    axes.barh(range(len(data)), data[value], color="#4c72b0")
    axes.set_yticks(range(len(data)), data["term"])
    axes.invert_yaxis()
    axes.set(xlabel=xlabel, title=title)
    figure.tight_layout()
    return figure


def _empty_figure(message: str) -> Figure:
    figure, axes = _subplots(figsize=(8, 1.5))
    axes.set_axis_off()
    axes.set_title(message)
    return figure


def keyness_figure(keyness: pd.DataFrame, title: str, labels: pd.Series | None = None
                   ) -> Figure:
    """One panel per group: its over-used (right) and under-used (left) terms by signed G2.

    Reads ``terms.keyness_by_group``; bars with p >= 0.05 are drawn pale. ``labels`` maps a
    group (e.g. a doc_id) to its panel title.
    """
    if keyness.empty:
        return _empty_figure(f"{title}: no groups to compare")
    groups = list(dict.fromkeys(keyness["group"]))
    columns = min(3, len(groups))
    rows = -(-len(groups) // columns)
    figure, axes_grid = _subplots(rows, columns, figsize=(4.2 * columns, 3.2 * rows),
                                     squeeze=False, sharex=True)
    limit = float(keyness["g2"].abs().max()) * 1.1 if len(keyness) else 1.0
    for axes, group in zip(axes_grid.ravel(), groups):
        data = keyness[keyness["group"] == group].sort_values("g2")
        colours = [("#4c72b0" if g > 0 else "#c44e52") if p < 0.05 else
                   ("#a6bddb" if g > 0 else "#f4a6a6") for g, p in zip(data["g2"], data["p_value"])]
        axes.barh(range(len(data)), data["g2"], color=colours)
        axes.set_yticks(range(len(data)), data["term"], fontsize=8)
        axes.axvline(0, color="black", linewidth=0.8)
        axes.set_xlim(-limit, limit)
        name = labels.get(group, group) if labels is not None else short_id(str(group))
        axes.set_title(str(name), fontsize=10)
    for axes in axes_grid.ravel()[len(groups):]:
        axes.set_axis_off()
    figure.supxlabel("signed G2 (right: more frequent than in the rest; pale: p >= 0.05)",
                     fontsize=9)
    figure.suptitle(title)
    figure.tight_layout()
    return figure


def dispersion_figure(hits: pd.DataFrame, labels: pd.Series | None = None) -> Figure:
    """Lexical dispersion: one row per article, one panel per query, a tick at each hit.

    Reads ``terms.dispersion``; x is the position in the article (0 start, 1 end).
    """
    if hits.empty:
        return _empty_figure("No occurrences of the queries")
    queries = list(dict.fromkeys(hits["query"]))
    doc_ids = sorted(labels.index) if labels is not None else sorted(hits["doc_id"].unique())
    names = [labels.get(d, short_id(d)) if labels is not None else short_id(d) for d in doc_ids]
    height = len(queries) * (0.22 * len(doc_ids) + 0.8) + 0.6
    figure, axes_grid = _subplots(len(queries), 1, figsize=(8, height), sharex=True,
                                     squeeze=False)
    for axes, query in zip(axes_grid.ravel(), queries):
        data = hits[hits["query"] == query]
        rows = [doc_ids.index(d) for d in data["doc_id"]]
        axes.scatter(data["position"], rows, marker="|", s=200, color="#4c72b0")
        axes.set_yticks(range(len(doc_ids)), names, fontsize=8)
        axes.set_ylim(len(doc_ids) - 0.5, -0.5)
        axes.set_xlim(0, 1)
        axes.set_title(f"{query} ({len(data)})", fontsize=10, loc="left")
    axes_grid.ravel()[-1].set_xlabel("position in the article (0 = start, 1 = end)")
    figure.tight_layout()
    return figure


def zipf_figure(ranks: pd.DataFrame, fit: dict[str, float]) -> Figure:
    """Rank against frequency on log-log axes, with the fitted line (``terms.zipf_fit``)."""
    figure, axes = _subplots(figsize=(6, 4.5))
    axes.scatter(ranks["rank"], ranks["count"], s=10, color="#4c72b0", alpha=0.6)
    line_ranks = ranks["rank"].drop_duplicates().sort_values().to_numpy(dtype=float)
    axes.plot(line_ranks, 10 ** (fit["intercept"] + fit["slope"] * np.log10(line_ranks)),
              color="#c44e52", label=f"fit: slope {fit['slope']:.2f}, R² {fit['r_squared']:.2f}")
    axes.set(xscale="log", yscale="log", xlabel="rank", ylabel="frequency",
             title="Rank-frequency (Zipf) plot")
    axes.legend()
    figure.tight_layout()
    return figure


def term_bars_by_article_figure(frequencies: pd.DataFrame, labels: pd.Series | None = None,
                                *, value: str = "per_1000") -> Figure:
    """One small bar chart per article of its top terms (``terms.term_frequencies`` with
    ``by_document=True``, already cut to the top rows of each article)."""
    doc_ids = list(dict.fromkeys(frequencies["doc_id"]))
    columns = min(3, len(doc_ids))
    rows = -(-len(doc_ids) // columns)
    figure, axes_grid = _subplots(rows, columns, figsize=(4.2 * columns, 2.8 * rows),
                                     squeeze=False, sharex=True)
    for axes, doc_id in zip(axes_grid.ravel(), doc_ids):
        data = frequencies[frequencies["doc_id"] == doc_id].reset_index(drop=True)
        axes.barh(range(len(data)), data[value], color="#4c72b0")
        axes.set_yticks(range(len(data)), data["term"], fontsize=8)
        axes.invert_yaxis()
        name = labels.get(doc_id, short_id(doc_id)) if labels is not None else short_id(doc_id)
        axes.set_title(str(name), fontsize=10)
    for axes in axes_grid.ravel()[len(doc_ids):]:
        axes.set_axis_off()
    figure.supxlabel("occurrences per 1,000 words of the article", fontsize=9)
    figure.tight_layout()
    return figure


def stance_heatmap_figure(net: pd.DataFrame, labels: pd.DataFrame, title: str) -> Figure:
    """Actor x issue heatmap coloured by net stance (blue support, red opposition), each cell
    annotated with its counts (``stance.stance_labels``); ``net`` has the same shape."""
    if labels.empty:
        return _empty_figure(f"{title}: no claims coded")
    net = net.reindex(index=labels.index, columns=labels.columns).astype(float)
    limit = max(1.0, float(net.abs().max().max()))
    figure, axes = _subplots(figsize=(1.0 * len(net.columns) + 3.5, 0.38 * len(net) + 2))
    sns.heatmap(net, annot=labels.to_numpy(), fmt="", cmap="RdBu", center=0,
                vmin=-limit, vmax=limit, linewidths=0.5, linecolor="#eeeeee",
                cbar_kws={"label": "articles supporting - opposing"}, ax=axes)
    axes.set(title=title, xlabel="", ylabel="")
    axes.tick_params(axis="x", rotation=35)
    figure.tight_layout()
    return figure


def discourse_network_figure(graph: nx.Graph, title: str, max_actors: int = 30) -> Figure:
    """Actors on a circle (sorted by name, so the layout is fixed), linked in green where they
    share positions and in red where they oppose each other; width grows with the number of
    issues; node size with the actor's number of article-level codes. Only the
    ``max_actors`` actors with the most codes are drawn (the title says so)."""
    nodes = sorted(graph.nodes)
    if not nodes:
        return _empty_figure(f"{title}: no actors")
    if len(nodes) > max_actors:
        ranked = sorted(nodes, key=lambda n: (-graph.nodes[n].get("claims", 0), n))
        graph = graph.subgraph(ranked[:max_actors])
        title = f"{title}: the {max_actors} of {len(nodes):,} actors with the most codes"
        nodes = sorted(graph.nodes)
    positions = nx.circular_layout(nodes)
    figure, axes = _subplots(figsize=(8, 8))
    for kind, colour in (("agree", "#2ca02c"), ("conflict", "#d62728")):
        edges = [(a, b) for a, b, d in graph.edges(data=True) if d[kind]]
        widths = [1.2 * graph[a][b][kind] for a, b in edges]
        nx.draw_networkx_edges(graph, positions, edgelist=edges, width=widths,
                               edge_color=colour, alpha=0.6, ax=axes,
                               style="solid" if kind == "agree" else "dashed")
    sizes = [120 + 60 * graph.nodes[n].get("claims", 1) for n in nodes]
    nx.draw_networkx_nodes(graph, positions, nodelist=nodes, node_size=sizes,
                           node_color="#4c72b0", ax=axes)
    for node, (x, y) in positions.items():
        axes.annotate(node, (x, y), xytext=(x * 1.12, y * 1.12), ha="center", va="center",
                      fontsize=9)
    axes.set_xlim(-1.4, 1.4)
    axes.set_ylim(-1.3, 1.3)
    axes.set_axis_off()
    axes.set_title(title + "\n(green solid: same position; red dashed: opposite)")
    figure.tight_layout()
    return figure


def k_selection_figure(selection: pd.DataFrame, chosen: int) -> Figure:
    """Stability (left) and silhouette (right) of NMF and k-means against k, from
    ``topics.k_selection``; the chosen k is marked."""
    figure, (left, right) = _subplots(1, 2, figsize=(10, 3.8))
    for model, colour in (("nmf", "#4c72b0"), ("kmeans", "#dd8452")):
        name = "NMF" if model == "nmf" else "k-means"
        left.plot(selection.index, selection[f"{model}_stability"], marker="o", color=colour,
                  label=name)
        right.plot(selection.index, selection[f"{model}_silhouette"], marker="o",
                   color=colour, label=name)
    for axes in (left, right):
        axes.axvline(chosen, color="#999999", linestyle="--", linewidth=1)
        axes.set_xticks(list(selection.index))
        axes.set_xlabel("k")
        axes.legend()
    left.axhline(0.8, color="#c44e52", linewidth=0.8, linestyle=":")
    left.set(ylabel="mean pairwise ARI across seeds", title="Stability", ylim=(-0.1, 1.05))
    right.set(ylabel="mean cosine silhouette", title="Silhouette")
    figure.suptitle(f"Choosing k (dashed: chosen k = {chosen}; dotted: stability 0.8)")
    figure.tight_layout()
    return figure


def unit_map_figure(coordinates, topics, groups, labels: pd.Series | None = None,
                    max_points: int = 5000, max_panels: int = 12) -> Figure:
    """Units on two LSA axes, colour for topic (1-based) and nothing else. While there are at
    most ``max_panels`` groups (``groups``: each unit's article, or outlet), one panel per
    group, its units in colour over all units in grey; beyond, one panel. Beyond
    ``max_points`` units a fixed random sample (seed 0) is drawn, and the title says so."""
    topics = np.asarray(topics)
    groups = np.asarray(groups).astype(str)
    coordinates = np.asarray(coordinates)
    title = "Paragraphs on the first two LSA axes, coloured by topic"
    if len(topics) > max_points:
        chosen = np.sort(np.random.default_rng(0).choice(len(topics), max_points,
                                                         replace=False))
        coordinates, topics, groups = coordinates[chosen], topics[chosen], groups[chosen]
        title += f" (a random {max_points:,} of them)"
    palette = sns.color_palette("tab10", n_colors=max(int(topics.max()), 1))
    names = sorted(set(groups.tolist()))
    panels = names if len(names) <= max_panels else [None]
    n_columns = min(3, len(panels))
    n_rows = -(-len(panels) // n_columns)
    figure, axes = _subplots(n_rows, n_columns, figsize=(4.2 * n_columns, 3.4 * n_rows + 0.8),
                             sharex=True, sharey=True, squeeze=False)
    for panel, name in zip(axes.flat, panels):
        rows = np.ones(len(groups), dtype=bool) if name is None else groups == name
        if name is not None:
            panel.scatter(coordinates[~rows, 0], coordinates[~rows, 1], s=8, color="#dddddd",
                          linewidths=0)
            panel.set_title(labels.get(name, short_id(name)) if labels is not None
                            else short_id(name), fontsize=10)
        panel.scatter(coordinates[rows, 0], coordinates[rows, 1], s=22 if name else 10,
                      c=[palette[t - 1] for t in topics[rows]], linewidths=0, alpha=0.85)
    for panel in list(axes.flat)[len(panels):]:
        panel.set_visible(False)
    for panel in axes[-1]:
        panel.set_xlabel("LSA axis 1")
    for panel in axes[:, 0]:
        panel.set_ylabel("LSA axis 2")
    handles = [plt.Line2D([], [], marker="o", linestyle="", color=palette[t - 1],
                          label=f"topic {t}") for t in sorted(set(topics.tolist()))]
    figure.legend(handles=handles, title="topic", fontsize=8, loc="upper right")
    figure.suptitle(title)
    figure.tight_layout(rect=(0, 0, 0.88, 1))
    return figure


def time_series_figure(counts: pd.DataFrame, title: str, ylabel: str,
                       events: pd.Series | None = None) -> Figure:
    """Counts per day, week or month (rows of :func:`helpers.scale.counts_over_time`), one
    line per column, with ``events`` (label -> date, e.g. the summits) as dashed lines."""
    unit = counts.attrs.get("unit", "day")
    if counts.empty:
        return _empty_figure(f"{title}: no dated articles")
    figure, axes = _subplots(figsize=(10, 4))
    if len(counts.columns) == 1:
        axes.bar(counts.index, counts.iloc[:, 0], width={"day": 0.8, "week": 5,
                                                         "month": 25}[unit],
                 color="#4c72b0", align="edge" if unit != "day" else "center")
    else:
        palette = sns.color_palette("tab10", n_colors=len(counts.columns))
        for colour, column in zip(palette, counts.columns):
            axes.plot(counts.index, counts[column], marker="o", markersize=3, linewidth=1.4,
                      color=colour, label=str(column))
        axes.legend(title=counts.columns.name or "", fontsize=8, bbox_to_anchor=(1.01, 1),
                    loc="upper left")
    for label, date in (events if events is not None else pd.Series(dtype=object)).items():
        axes.axvline(date, color="#c44e52", linestyle="--", linewidth=1)
        axes.annotate(str(label).split(" ")[0] + f" {date:%d %b}", (date, 1.0),
                      xycoords=("data", "axes fraction"), xytext=(2, -2),
                      textcoords="offset points", ha="left", va="top", fontsize=8,
                      color="#c44e52")
    undated = counts.attrs.get("undated", 0)
    axes.set(title=title + (f" ({undated:,} undated left out)" if undated else ""),
             ylabel=f"{ylabel} per {unit}", xlabel="")
    axes.set_ylim(bottom=0)
    figure.autofmt_xdate()
    figure.tight_layout()
    return figure
