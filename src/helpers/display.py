"""How tables reach a reader: blanks for missing values, no meaningless index, text wrapped
rather than cut, and searchable, sortable tables for the long ones (quotes, claims).

:func:`use_reader_tables` (called by ``plots.notebook_style``) makes every DataFrame in a
notebook render through :func:`reader_html`. :func:`interactive_table` shows one table with
itables in its offline mode: DataTables is embedded in the notebook, so the rendered report
sorts and searches with the network off. Table ids are fixed by name, so the stored outputs
reproduce.
"""

from __future__ import annotations

import re

import pandas as pd
from pandas.api.types import is_datetime64_any_dtype, is_integer_dtype

# Rows of an interactive table shown per page, and the page sizes a reader can choose.
PAGE_LENGTH = 10
_datatables_embedded = False
_ITABLES_LINK = re.compile(r"<a href=[\"']?https://itables\.org/[^>]*>(.*?)</a>", re.S)


def _meaningless_index(index: pd.Index) -> bool:
    """An unnamed integer index (0, 1, 2 or 155, 336 after filtering) says nothing."""
    return (not isinstance(index, pd.MultiIndex) and index.name is None
            and is_integer_dtype(index.dtype))


CELL_CHARS_MAX = 2_000  # a longer text (a "sentence" without full stops) is cut in a page


def _shortened(text):
    if isinstance(text, str) and len(text) > CELL_CHARS_MAX:
        return f"{text[:CELL_CHARS_MAX]} [... {len(text) - CELL_CHARS_MAX:,} more characters]"
    return text


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy for reading: missing values blank, dates as YYYY-MM-DD (with a time only where
    one is given), a text over :data:`CELL_CHARS_MAX` characters cut with a note of how much
    more there is (the tables' files keep it whole). Values are not rounded here; the
    notebook's display precision applies.

    >>> readable(pd.DataFrame({"n": pd.array([1, None], dtype="Int64"),
    ...                        "d": pd.to_datetime(["2025-02-17", None])})).to_dict("list")
    {'n': [1, ''], 'd': ['2025-02-17', '']}
    """
    columns = {}
    for name in frame.columns:
        column = frame[name]
        if isinstance(column, pd.DataFrame):  # duplicate column names: leave as they are
            return frame
        missing = column.isna()
        if is_datetime64_any_dtype(column.dtype):
            has_time = (column.dropna().dt.normalize() != column.dropna()).any()
            text = column.dt.strftime("%Y-%m-%d %H:%M" if has_time else "%Y-%m-%d")
            columns[name] = text.where(~missing, "").astype(object)
        elif missing.any() and column.dtype.kind not in "fc":
            columns[name] = column.astype(object).where(~missing, "")
        else:
            columns[name] = column
        if columns[name].dtype.kind in "OUS" or str(columns[name].dtype).startswith("str"):
            lengths = columns[name].map(lambda v: len(v) if isinstance(v, str) else 0)
            if (lengths > CELL_CHARS_MAX).any():
                columns[name] = columns[name].map(_shortened)
    return pd.DataFrame(columns, index=frame.index)


def reader_html(frame: pd.DataFrame) -> str:
    """The table as pandas renders it in a notebook, with :func:`readable` values, floats'
    NaN blank, no unnamed integer index, and long cells wrapped (a text over
    :data:`CELL_CHARS_MAX` characters is cut, with a note of how much more there is)."""
    options = {"max_rows": pd.get_option("display.max_rows"),
               "max_cols": pd.get_option("display.max_columns"),
               "show_dimensions": pd.get_option("display.show_dimensions")}
    shown = readable(frame)
    with pd.option_context("display.max_colwidth", None):
        markup = shown.to_html(index=not _meaningless_index(frame.index), na_rep="",
                               notebook=True, **options)
    max_columns = options["max_cols"]
    if max_columns and len(shown.columns) > max_columns:
        return markup  # columns elided: positions no longer match
    text = set(_text_columns(frame))
    return _TABLE_ROW.sub(lambda row: _mark_text_cells(row.group(0), text), markup)


def _text_columns(frame: pd.DataFrame) -> list[int]:
    """Positions of the columns that hold text (decided on the frame's own dtypes: a
    nullable number with a blank is still a number)."""
    return [j for j, dtype in enumerate(frame.dtypes)
            if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)
            or isinstance(dtype, pd.CategoricalDtype)]


_TABLE_ROW = re.compile(r"<tr>.*?</tr>", re.S)


def _mark_text_cells(row: str, text_columns: set[int]) -> str:
    """Give the cells of text columns the class ``text`` (read left-aligned; numbers stay
    right-aligned, as the report's CSS says)."""
    before, *cells = row.split("<td>")
    return before + "".join(("<td class=\"text\">" if j in text_columns else "<td>") + cell
                            for j, cell in enumerate(cells))


def _reader_html_or_pandas(frame: pd.DataFrame) -> str:
    """:func:`reader_html`, or pandas' own HTML for a frame it cannot handle: a table shape
    not foreseen here must not stop a report."""
    try:
        return reader_html(frame)
    except Exception:  # noqa: BLE001 - any failure falls back to the standard rendering
        return frame._repr_html_()


def use_reader_tables() -> None:
    """Render every DataFrame of the running notebook with :func:`reader_html` (no-op
    outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - IPython is a dependency of the notebooks
        return
    shell = get_ipython()
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame,
                                                                   _reader_html_or_pandas)


def interactive_html(frame: pd.DataFrame, name: str, *,
                     page_length: int = PAGE_LENGTH) -> str:
    """The HTML of :func:`interactive_table` (without the DataTables bundle itself)."""
    import itables

    if not re.fullmatch(r"[A-Za-z][\w-]*", name):
        raise ValueError(f"table name must be a word usable as an HTML id, not {name!r}")
    hide_index = _meaningless_index(frame.index)
    shown = readable(frame)
    if hide_index:
        shown = shown.reset_index(drop=True)
    html = itables.to_html_datatable(
        shown, table_id=f"table_{name}", connected=False, maxBytes=0,
        showIndex=not hide_index,
        classes="display compact", pageLength=page_length,
        lengthMenu=[page_length, 25, 100, -1],
        # search first, and the row count even on one page (itables drops it by default)
        layout={"topStart": "search", "topEnd": "pageLength", "bottomStart": "info",
                "bottomEnd": "paging"},
        columnDefs=[{"targets": [j + (0 if hide_index else frame.index.nlevels)
                                 for j in _text_columns(frame)], "className": "dt-left"}])
    return _ITABLES_LINK.sub(r"\1", html)  # links to itables.org are not needed offline


def interactive_table(frame: pd.DataFrame, name: str, *, page_length: int = PAGE_LENGTH
                      ) -> None:
    """Show ``frame`` as a searchable, sortable table that works offline (itables, with
    DataTables embedded in the notebook). ``name`` fixes the table's HTML id, so outputs
    reproduce. Every row is embedded (no downsampling), missing values blank, no unnamed
    integer index, long text wrapped. The first call in a kernel also embeds DataTables
    (about 1 MB) in that cell's output.
    """
    import itables
    import itables.options
    from IPython.display import HTML, display

    global _datatables_embedded
    html = interactive_html(frame, name, page_length=page_length)
    if not _datatables_embedded:
        itables.options.display_logo_when_loading = False  # a link to itables.org otherwise
        itables.init_notebook_mode(all_interactive=False, connected=False)
        _datatables_embedded = True
    display(HTML(html))
