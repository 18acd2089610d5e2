"""Reader tables: blanks for missing values, no meaningless index, nothing cut; offline
interactive tables with fixed ids; a table of contents per report page."""

import json
import re

import numpy as np
import pandas as pd

from helpers.display import CELL_CHARS_MAX, interactive_html, readable, reader_html
from helpers.reports import with_contents

NOTE = ("No title, outlet or date in the text. Summit inferred from 'announced on Tuesday' "
        "(25 Mar 2025) and the 31 countries named; the closing list reads as commentary.")


def messy_table() -> pd.DataFrame:
    table = pd.DataFrame({
        "outlet": pd.array(["Invezz", None, None], dtype="string"),
        "published": pd.to_datetime(["2025-03-02", None, "2025-02-17"]),
        "quotes": pd.array([3, None, 1], dtype="Int64"),
        "share": [0.25, np.nan, 0.5],
        "note": [NOTE, None, "short"],
    }, index=[155, 336, 412])
    return table


def test_missing_values_are_blank_and_dates_are_days():
    shown = readable(messy_table())
    assert shown.loc[336].tolist()[:3] == ["", "", ""]
    assert shown.loc[155, "published"] == "2025-03-02"
    assert np.isnan(shown.loc[336, "share"])  # floats stay numbers; the HTML leaves NaN blank


def test_reader_html_has_no_missing_markers_no_index_noise_and_the_whole_note():
    page = reader_html(messy_table())
    for marker in ("NaN", "NaT", "&lt;NA&gt;", "<NA>", "None"):
        assert marker not in page
    assert NOTE.replace("'", "&#x27;") in page or NOTE in page  # not cut at 50 or 120 characters
    assert not re.search(r"<th>(155|336|412)</th>", page)
    assert '<td class="text">Invezz</td>' in page and "<td>0.25</td>" in page
    named = messy_table().rename_axis("doc").set_index(pd.Index(["a", "b", "c"], name="doc"))
    assert "<th>a</th>" in reader_html(named)  # a named index is data: kept


def test_interactive_tables_have_fixed_ids_every_row_and_no_network_links():
    table = pd.DataFrame({"speaker": ["Macron", None] * 1500, "quote": ["x" * 400] * 3000})
    first, second = interactive_html(table, "quotes"), interactive_html(table, "quotes")
    assert first == second  # reproducible outputs for nbval
    assert 'id="table_quotes"' in first and not re.search(r"itables_[0-9a-f]{8}_", first)
    assert "itables.org" not in first and "downsampled" not in first
    # DataTables from the page's own bundle, never a CDN (w3.org names the SVG namespace)
    assert re.findall(r"https?://(?!www\.w3\.org/)", first) == []
    data = json.loads(json.loads(re.search(r'"data_json": ("(?:[^"\\]|\\.)*")', first)
                                 .group(1)))
    assert len(data) == 3000 and data[1][0] == ""  # all rows, missing speaker blank


def test_each_page_gets_a_table_of_contents_after_its_title():
    page = ("<html><head></head><body><h1 id=\"T\">T<a class=\"anchor-link\">¶</a></h1>"
            '<h2 id="1.-Units">1. Units<a class="anchor-link" href="#1.-Units">¶</a></h2>'
            '<h2 id="2.-Choosing-k">2. Choosing <em>k</em><a class="anchor-link">¶</a></h2>'
            "</body></html>")
    result = with_contents(page)
    contents = result[result.index("</h1>"):result.index('<h2 id="1.-Units"')]
    assert '<a href="#1.-Units">1. Units</a>' in contents
    assert '<a href="#2.-Choosing-k">2. Choosing <em>k</em></a>' in contents
    assert "td.text { text-align: left; }" in result[:result.index("</head>")]
    assert "<nav" not in with_contents("<head></head><p>no sections</p>")


def test_a_text_over_the_cell_limit_is_cut_with_a_note_and_the_input_is_untouched():
    # a 1.5 MB "sentence" without full stops once made a 20 MB page
    long_text = "word " * 300_000
    frame = pd.DataFrame({"text": [long_text, "a short sentence."], "n": [1, 2]})
    shown = readable(frame)
    assert shown["text"].iloc[0].startswith(long_text[:CELL_CHARS_MAX])
    assert shown["text"].iloc[0].endswith(
        f"[... {len(long_text) - CELL_CHARS_MAX:,} more characters]")
    assert shown["text"].iloc[1] == "a short sentence."
    assert frame["text"].iloc[0] == long_text
