"""Static checks of the stored notebooks (nbval re-executes them separately, in `make test`)."""

import json

import pytest
from conftest import PROJECT_ROOT

NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.ipynb"))


def load(path):
    return json.loads(path.read_text(encoding="utf-8"))


def code_cells(notebook):
    return [c for c in notebook["cells"] if c["cell_type"] == "code"]


def test_there_is_a_corpus_notebook():
    assert [p.name for p in NOTEBOOKS][:1] == ["00_corpus.ipynb"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_executed_top_to_bottom_in_one_fresh_kernel(path):
    counts = [c["execution_count"] for c in code_cells(load(path))]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_first_code_cell_is_the_parameters_cell(path):
    first = code_cells(load(path))[0]
    assert "parameters" in first["metadata"].get("tags", [])


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_outputs_have_no_errors_stderr_paths_or_addresses(path):
    for cell in code_cells(load(path)):
        source = "".join(cell["source"])
        assert "nltk.download" not in source
        assert not source.lstrip().startswith(("def ", "class ")), "code belongs in helpers"
        for output in cell["outputs"]:
            assert output["output_type"] != "error"
            assert output.get("name") != "stderr", "".join(output.get("text", ""))
            shown = json.dumps(output.get("text", "")) + json.dumps(output.get("data", {}).get(
                "text/plain", ""))
            assert str(PROJECT_ROOT) not in shown and "/tmp/" not in shown
            assert " at 0x" not in shown
