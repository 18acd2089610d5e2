"""What a report shows at each corpus size: per article while that stays readable, then per
outlet (or folder, or week), per day or week, and per summit.

Every notebook asks this module instead of assuming five articles:

- :func:`per_article`: up to :data:`PER_ARTICLE_MAX` articles, figures and tables have one
  column, bar or panel per article; beyond it they are drawn per group;
- :func:`article_groups`: the group each article falls in beyond that threshold (its outlet
  when the corpus names outlets, else its top-level folder, else its publication week);
- :func:`collapse_columns`: an ``X x article`` table summed into its groups, the largest
  :data:`GROUPS_MAX` kept and the rest summed as one "other" column;
- :func:`time_unit`, :func:`counts_over_time`, :func:`summit_dates`: the time dimension;
- :class:`ReportTables`: a table longer than a report can hold is shown in part, and written
  whole as a CSV file beside the report, which the report links to.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd

from helpers.display import interactive_table

PER_ARTICLE_MAX = 25  # articles; beyond, per-article figures and tables become per-group
GROUPS_MAX = 12  # groups shown side by side; the rest are summed as "other"
TABLE_ROWS_MAX = 25  # rows of a table pasted into a report; the whole table is a linked file
SERIES_MAX = 8  # lines in a time series figure
_SUMMIT = re.compile(r"^(?P<place>.+?)\s+(?P<date>\d{4}-\d{2}-\d{2})$")


def per_article(articles: pd.DataFrame) -> bool:
    """Whether figures and tables can have one column or bar per article.

    >>> per_article(pd.DataFrame({"doc_id": ["a", "b"]}))
    True
    """
    return len(articles) <= PER_ARTICLE_MAX


def article_groups(articles: pd.DataFrame, labels: pd.Series | None = None) -> pd.Series:
    """The unit each article is counted in: ``doc_id -> label``, named by the unit.

    Per article (with ``labels``, e.g. :func:`helpers.plots.article_labels`) up to
    :data:`PER_ARTICLE_MAX` articles; beyond, the outlet when at least two outlets are named
    ("(no outlet)" for the rest), else the top-level folder of the ``doc_id`` when there are
    at least two, else the publication week, else one group for the whole corpus.

    >>> groups = article_groups(pd.DataFrame({"doc_id": [f"{s}/{i}" for s in "ab"
    ...     for i in range(20)], "outlet": None, "published": None}))
    >>> groups.name, groups.nunique()
    ('folder', 2)
    """
    doc_ids = articles["doc_id"]
    if per_article(articles):
        values = (labels.reindex(doc_ids).to_numpy() if labels is not None
                  else doc_ids.to_numpy())
        return pd.Series(values, index=doc_ids.to_numpy(), name="article")
    outlets = articles["outlet"].where(articles["outlet"].notna(), None)
    if outlets.nunique() >= 2:
        return pd.Series(outlets.fillna("(no outlet)").to_numpy(), index=doc_ids.to_numpy(),
                         name="outlet")
    folders = _first_varying_folder(doc_ids)
    if folders.nunique() >= 2:
        return pd.Series(folders.to_numpy(), index=doc_ids.to_numpy(), name="folder")
    published = pd.to_datetime(articles["published"], errors="coerce")
    if published.notna().any():
        weeks = published.dt.to_period("W-SUN").dt.start_time.dt.strftime("week of %Y-%m-%d")
        return pd.Series(weeks.fillna("(no date)").to_numpy(), index=doc_ids.to_numpy(),
                         name="week")
    return pd.Series("whole corpus", index=doc_ids.to_numpy(), name="corpus")


def _first_varying_folder(doc_ids: pd.Series) -> pd.Series:
    # "copy00/politics/001" -> "politics" when every id starts with "copy00/"
    parts = doc_ids.str.split("/")
    depth = 0
    while (parts.str.len() > depth + 1).all() and parts.str[depth].nunique() == 1:
        depth += 1
    return parts.str[depth].where(parts.str.len() > depth + 1, "(top folder)")


def collapse_columns(counts: pd.DataFrame, groups: pd.Series, top: int = GROUPS_MAX
                     ) -> pd.DataFrame:
    """Sum the ``doc_id`` columns of ``counts`` into their ``groups``; keep the ``top``
    largest groups (by total) and sum the rest as "other (n)". A ``total`` column is kept.
    Per article (groups named "article") the columns are only relabelled.

    >>> counts = pd.DataFrame({"a": [1, 0], "b": [2, 1], "c": [0, 5]}, index=["x", "y"])
    >>> collapse_columns(counts, pd.Series({"a": "P", "b": "P", "c": "Q"}, name="outlet"))
    outlet  Q  P
    x       0  3
    y       5  1
    """
    total = counts["total"] if "total" in counts.columns else None
    values = counts.drop(columns="total", errors="ignore")
    summed = values.T.groupby(groups.reindex(values.columns).fillna("(none)")).sum().T
    if groups.name != "article":
        order = summed.sum().sort_values(ascending=False, kind="stable").index
        summed = summed[order]
        if len(order) > top:
            rest = summed.columns[top - 1:]
            summed = summed.drop(columns=rest).assign(
                **{f"other ({len(rest)})": summed[rest].sum(axis=1)})
    summed.columns.name = groups.name
    if total is not None:
        summed["total"] = total
    return summed


def largest_groups(groups: pd.Series, top: int = GROUPS_MAX) -> pd.Series:
    """``groups`` with only its ``top`` largest groups named (ties by name); the articles of
    the others map to nothing, so a comparison of each group against the rest keeps them as
    reference only.

    >>> largest_groups(pd.Series(["a", "a", "b", "c"], index=[1, 2, 3, 4]), top=2).tolist()
    ['a', 'a', 'b', nan]
    """
    sizes = groups.value_counts().sort_index().sort_values(ascending=False, kind="stable")
    return groups.where(groups.isin(sizes.index[:top]))


def time_unit(dates: pd.Series) -> str:
    """``day`` for a span up to two months, ``week`` up to three years, else ``month``.

    >>> time_unit(pd.Series(pd.to_datetime(["2025-02-12", "2025-04-09"])))
    'day'
    """
    known = pd.to_datetime(dates, errors="coerce").dropna()
    if known.empty:
        return "day"
    span = (known.max() - known.min()).days
    return "day" if span <= 62 else "week" if span <= 3 * 366 else "month"


def period_start(dates: pd.Series, unit: str) -> pd.Series:
    """The first day of each date's day, week (Monday) or month."""
    dates = pd.to_datetime(dates, errors="coerce")
    if unit == "day":
        return dates.dt.normalize()
    return dates.dt.to_period("W-SUN" if unit == "week" else "M").dt.start_time


def counts_over_time(rows: pd.DataFrame, articles: pd.DataFrame, by: str | None = None,
                     unit: str | None = None, top: int = SERIES_MAX) -> pd.DataFrame:
    """How many ``rows`` (one per article, mention, quote or claim; with a ``doc_id``) fall in
    each day, week or month of their article's publication date, one column per value of
    ``by`` (the ``top`` commonest; the rest as "other"), or one ``count`` column.

    Rows of articles without a date are left out; the table's ``attrs["undated"]`` says how
    many. Every period between the first and the last is a row (zero when empty).
    """
    published = pd.to_datetime(articles.set_index("doc_id")["published"], errors="coerce")
    unit = unit or time_unit(published)
    dated = rows.assign(period=period_start(rows["doc_id"].map(published), unit))
    undated = int(dated["period"].isna().sum())
    dated = dated.dropna(subset=["period"])
    if dated.empty:
        table = pd.DataFrame(index=pd.DatetimeIndex([], name=unit))
    else:
        key = (dated[by].fillna("(unknown)").astype(str) if by else
               pd.Series("count", index=dated.index))
        commonest = key.value_counts().sort_index().sort_values(ascending=False,
                                                               kind="stable").index
        if len(commonest) > top:
            key = key.where(key.isin(commonest[: top - 1]), "other")
        table = pd.crosstab(dated["period"], key)
        columns = [c for c in commonest if c in table.columns] + (
            ["other"] if "other" in table.columns else [])
        table = table[columns]
        frequency = {"day": "D", "week": "W-MON", "month": "MS"}[unit]
        table = table.reindex(pd.date_range(table.index.min(), table.index.max(),
                                            freq=frequency), fill_value=0)
        table.index.name = unit
    table.columns.name = by
    table.attrs.update(undated=undated, unit=unit)
    return table


def summit_dates(articles: pd.DataFrame) -> pd.Series:
    """The summits the articles are filed under ('Place YYYY-MM-DD'): label -> date, sorted.

    >>> summit_dates(pd.DataFrame({"summit": ["London 2025-03-02", None, "Paris 2025-02-17"]}))
    Paris 2025-02-17    2025-02-17
    London 2025-03-02   2025-03-02
    dtype: datetime64[ns]
    """
    labels = articles["summit"].dropna().unique() if "summit" in articles else []
    found = {label: pd.Timestamp(match.group("date")) for label in labels
             if (match := _SUMMIT.match(str(label)))}
    return pd.Series(found, dtype="datetime64[ns]").sort_values()


# Rows embedded in an interactive table: 2,000 quotes make about 0.7 MB of page.
INTERACTIVE_ROWS_MAX = 2000


def _note(text: str, link: str | None = None) -> None:
    """A sentence under a table, as plain text and as HTML (``link`` made a link)."""
    from IPython.display import display

    markup = html.escape(text)
    if link:
        markup = markup.replace(html.escape(link),
                                f'<a href="{html.escape(link)}">{html.escape(link)}</a>')
    display({"text/plain": text, "text/html": f"<p>{markup}</p>"}, raw=True)


class ReportTables:
    """Show a long table in part and write it whole beside the report.

    ``folder`` is where the files go (the report's ``tables/`` folder); the note shown under
    a shortened table links to ``tables/<name>.csv``, relative to the report page.
    """

    def __init__(self, folder: Path | str, link_prefix: str = "tables"):
        self.folder = Path(folder)
        self.link_prefix = link_prefix

    def _write_csv(self, table: pd.DataFrame, name: str) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        table.to_csv(self.folder / f"{name}.csv", lineterminator="\n", encoding="utf-8",
                     index=not isinstance(table.index, pd.RangeIndex))

    def show(self, table: pd.DataFrame, name: str, rows: int = TABLE_ROWS_MAX,
             what: str = "rows") -> pd.DataFrame | None:
        """The first ``rows`` rows of ``table``; when there are more, the whole table is
        written to ``<folder>/<name>.csv`` and a note with a link to it is displayed. An empty
        table is not shown as an empty grid: a note says there are no ``what`` (None)."""
        if table.empty:
            _note(f"No {what} in this corpus.")
            return None
        if len(table) <= rows:
            return table

        self._write_csv(table, name)
        link = f"{self.link_prefix}/{name}.csv"
        _note(f"The first {rows:,} of {len(table):,} {what}; all of them are in {link}.", link)
        return table.head(rows)

    def write(self, table: pd.DataFrame, name: str) -> None:
        """Write ``table`` whole to ``<folder>/<name>.csv`` and display a link to it."""
        self._write_csv(table, name)
        link = f"{self.link_prefix}/{name}.csv"
        _note(f"The whole table ({len(table):,} rows) is in {link}.", link)

    def interactive(self, table: pd.DataFrame, name: str, rows: int = INTERACTIVE_ROWS_MAX,
                    what: str = "rows") -> None:
        """Display ``table`` as a searchable, sortable table
        (:func:`helpers.display.interactive_table`, offline); beyond ``rows`` rows only the
        first are embedded and the whole table is written and linked as by :meth:`show`."""
        shown = self.show(table, name, rows=rows, what=what)
        if shown is not None:
            interactive_table(shown, name)
