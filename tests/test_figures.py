"""Figures are checked too: nbval never compares PNGs, so every figure of every notebook is
re-drawn here in a fresh kernel and compared with a stored baseline image, with a tolerance
(matplotlib's image comparison, RMS difference on 0-255 pixel values).

Refresh the baselines on purpose with `make baselines` after a change meant to alter figures,
and look at the new images before committing them.
"""

import base64

import nbformat
import pytest
from conftest import PROJECT_ROOT
from matplotlib.testing.compare import compare_images
from nbclient import NotebookClient

BASELINES = PROJECT_ROOT / "tests" / "baselines"
NOTEBOOKS = sorted((PROJECT_ROOT / "notebooks").glob("[0-9]*.ipynb"))
TOLERANCE = 3.0  # RMS; font hinting or antialiasing noise stays well below this


def figures_of(notebook) -> list[bytes]:
    return [base64.b64decode(output["data"]["image/png"])
            for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.get("outputs", []) if "image/png" in output.get("data", {})]


@pytest.fixture(scope="module", params=NOTEBOOKS, ids=lambda p: p.stem)
def fresh_figures(request):
    notebook = nbformat.read(request.param, as_version=4)
    NotebookClient(notebook, timeout=600, kernel_name="python3",
                   resources={"metadata": {"path": str(request.param.parent)}}).execute()
    return request.param.stem, figures_of(notebook)


def test_figures_match_their_baselines(fresh_figures, tmp_path, request):
    stem, figures = fresh_figures
    folder = BASELINES / stem
    assert figures, f"{stem} draws no figures"
    if request.config.getoption("--update-baselines"):
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob("*.png"):
            old.unlink()
        for index, png in enumerate(figures, start=1):
            (folder / f"figure_{index:02d}.png").write_bytes(png)
        pytest.skip(f"baselines of {stem} rewritten ({len(figures)} figures)")
    baselines = sorted(folder.glob("figure_*.png"))
    assert len(baselines) == len(figures), (
        f"{stem}: {len(figures)} figures now, {len(baselines)} baselines (make baselines?)")
    failures = []
    for baseline, png in zip(baselines, figures):
        actual = tmp_path / f"{stem}_{baseline.name}"
        actual.write_bytes(png)
        result = compare_images(str(baseline), str(actual), tol=TOLERANCE)
        if result is not None:
            failures.append(f"{baseline.relative_to(PROJECT_ROOT)}: {result}")
    assert not failures, "figures changed:\n" + "\n".join(failures)
