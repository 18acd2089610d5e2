"""Every figure in a notebook's prose is printed by one of its cells, so prose cannot drift
from the outputs when the code or the corpus changes.

A number in a Markdown cell passes when the same number appears in an output of that
notebook (as printed, or without its thousands separators). The few that are not results
(years of publications, dates, thresholds and constants of a method) are listed below with
the reason; a new number in prose must either come from an output or join this list.
"""

import html
import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = sorted((Path(__file__).resolve().parents[1] / "notebooks").glob("[0-9]*.ipynb"))
# signed numbers and percentages too ("-0.8", "+1", "42%"); not parts of words or paths
NUMBER = re.compile(r"(?<![\w.,/])[-+\u2212]?\d[\d,]*(?:\.\d+)?%?(?![\w])")
SECTION = re.compile(r"^#+\s*[\d.]+", re.M)
CODE = re.compile(r"`[^`]*`")
DATE = re.compile(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|"
                  r"October|November|December)\b|\b(?:19|20)\d\d-\d\d(?:-\d\d)?\b")
TAG = re.compile(r"<[^>]+>")

# Numbers that state a method, not a result.
NOT_RESULTS = {
    "years of cited work and of the events": {
        "1948", "1990", "2000", "2008", "2014", "2025"},
    "thresholds and sizes the methods state": {
        "0", "1", "2", "3", "5", "8", "10", "12", "15", "20", "25", "45", "50", "100", "1,000",
        "3,000", "0.05", "0.5", "0.8", "0.9", "3.84", "6.63", "0.01", "30", "-1", "+1", "1.00",
        "95%", "19"},
    "the NMI below which make validate-topics fails (CI runs it)": {"0.80"},
    "the names of notebooks": {"00", "01", "02", "03", "04"},
}
ALLOWED = set().union(*NOT_RESULTS.values())


def prose_numbers(notebook: dict) -> list[tuple[int, str]]:
    found = []
    for index, cell in enumerate(notebook["cells"]):
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        text = DATE.sub(" ", CODE.sub(" ", SECTION.sub(" ", text)))
        found += [(index, number.rstrip(",").replace("\u2212", "-"))
                  for number in NUMBER.findall(text)]
    return found


def is_printed(number: str, printed: str) -> bool:
    """``number`` appears in ``printed`` as a whole number (0.58 is not in 0.583), with or
    without its thousands separators."""
    for form in {number, number.replace(",", ""), number.lstrip("+")}:
        if re.search(rf"(?<![\d.,]){re.escape(form)}(?![\d]|[.,]\d)", printed):
            return True
    return False


def output_text(notebook: dict) -> str:
    parts = []
    for cell in notebook["cells"]:
        for output in cell.get("outputs", []):
            if "text" in output:
                parts.append("".join(output["text"]))
            for mime in ("text/plain", "text/html", "text/markdown"):
                value = output.get("data", {}).get(mime)
                if value:
                    parts.append(html.unescape(TAG.sub(" ", "".join(value))))
    return "\n".join(parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda path: path.stem)
def test_every_number_in_the_prose_is_printed_by_a_cell(path):
    notebook = json.loads(path.read_text(encoding="utf-8"))
    printed = output_text(notebook)
    unprinted = sorted({(index, number) for index, number in prose_numbers(notebook)
                        if number not in ALLOWED and not is_printed(number, printed)})
    assert not unprinted, (
        f"{path.name}: numbers in prose that no output prints (cell, number): {unprinted}")


def test_the_check_finds_a_number_that_drifted():
    notebook = {"cells": [
        {"cell_type": "markdown", "source": ["## 2. Terms\n", "The corpus has 2,665 words "
                                             "and 141 terms (Hardie 2014)."]},
        {"cell_type": "code", "source": [], "outputs": [
            {"output_type": "stream", "name": "stdout", "text": ["2665 words\n"]}]}]}
    printed = output_text(notebook)
    missing = [n for _, n in prose_numbers(notebook)
               if n not in ALLOWED and not is_printed(n, printed)]
    assert missing == ["141"]
    assert is_printed("0.58", "DP 0.58.") and not is_printed("0.58", "DP 0.583")
    assert is_printed("2,665", "2665 words") and not is_printed("66", "2665")
    signed = {"cells": [{"cell_type": "markdown", "source": ["a slope of -0.83 and 42% of it"]}]}
    assert [n for _, n in prose_numbers(signed)] == ["-0.83", "42%"]
