"""Run the notebook suite on a corpus and render offline HTML reports with an index page.

``python -m helpers.reports`` (what ``make report`` calls) executes every numbered notebook
with papermill, top to bottom in a fresh kernel, and renders each twice with nbconvert: a
reader's version without code (``<name>.html``) and one with code (``<name>.code.html``).
The template (``templates/offline``) is JupyterLab's without the scripts the stock one fetches
from a CDN (require.js, MathJax, Mermaid, widgets); figures are embedded PNGs, so a report
opens with the network off. Text from articles reaches the page only through nbconvert's
escaped outputs (stdout, pandas tables) and through :func:`index_html`, which escapes too.

Two kinds of run:

- the project's corpus (no ``--corpus``): the notebooks read ``data/raw`` and write
  ``data/processed`` as ``make notebooks`` does (the tables come out byte-identical); the
  reports go to ``reports/``;
- another corpus (``--corpus FOLDER``): everything goes under ``reports/<folder name>/``:
  the processed tables in ``processed/``, the executed notebooks in ``notebooks/`` and the
  reports beside the index. The committed notebooks and ``data/`` are never written.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers import paths

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"


@dataclass(frozen=True)
class NotebookSummary:
    stem: str
    title: str
    question: str


def notebook_summary(path: Path | str) -> NotebookSummary:
    """Title (the first heading) and question (the paragraph starting '**Question') of a
    notebook, for the index page.

    >>> summary = notebook_summary(paths.project_root() / "notebooks" / "02_term_frequency.ipynb")
    >>> summary.title.startswith("02 · Term frequency"), summary.question[:14]
    (True, 'Which words an')
    """
    notebook = nbformat.read(Path(path), as_version=4)
    title, question = Path(path).stem, ""
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            continue
        if title == Path(path).stem and (heading := re.search(r"^#\s+(.+)$", cell.source, re.M)):
            title = heading.group(1).strip()
        if not question and (found := re.search(r"\*\*Questions?:\*\*\s*(.+?)(?:\n\n|$)",
                                                cell.source, re.S)):
            question = re.sub(r"\*+([^*]+)\*+", r"\1", " ".join(found.group(1).split()))
            question = question[:1].upper() + question[1:]
        if question and title != Path(path).stem:
            break
    return NotebookSummary(Path(path).stem, title, question)


def index_html(summaries: list[NotebookSummary], corpus_label: str, notes: list[str]
               ) -> str:
    """The index page: one entry per notebook with its question and links to both versions.
    Everything taken from notebooks or the corpus is HTML-escaped."""
    items = "\n".join(
        f'<li><h2><a href="{html.escape(s.stem)}.html">{html.escape(s.title)}</a></h2>'
        f"<p>{html.escape(s.question)}</p>"
        f'<p class="links"><a href="{html.escape(s.stem)}.html">report</a> · '
        f'<a href="{html.escape(s.stem)}.code.html">with code</a></p></li>'
        for s in summaries)
    note_items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>News coverage of the 2025 European summits on Ukraine: reports</title>
<style>
body {{ font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 52rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.5; }}
h1 {{ font-size: 1.6rem; margin-bottom: 0.2rem; }}
ol {{ padding-left: 1.2rem; }}
li h2 {{ font-size: 1.15rem; margin: 1.2rem 0 0.2rem; }}
li p {{ margin: 0.2rem 0; }}
.links a, h2 a {{ color: #1f5fa8; }}
.meta {{ color: #555; font-size: 0.95rem; }}
</style>
</head>
<body>
<h1>News coverage of the 2025 European summits on Ukraine</h1>
<p class="meta">Corpus: {html.escape(corpus_label)}</p>
<ol>
{items}
</ol>
<ul class="meta">{note_items}</ul>
</body>
</html>
"""


def _exporter(exclude_input: bool):
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="offline",
                            extra_template_basedirs=[str(TEMPLATE_DIR)])
    exporter.exclude_input = exclude_input
    exporter.exclude_input_prompt = exclude_input
    exporter.exclude_output_prompt = exclude_input
    return exporter


def render_html(notebook_path: Path, out_dir: Path) -> list[Path]:
    """Write ``<stem>.html`` (no code) and ``<stem>.code.html`` for an executed notebook."""
    notebook = nbformat.read(notebook_path, as_version=4)
    written = []
    for suffix, exclude_input in ((".html", True), (".code.html", False)):
        body, _ = _exporter(exclude_input).from_notebook_node(
            notebook, resources={"metadata": {"name": notebook_path.stem}})
        path = out_dir / f"{notebook_path.stem}{suffix}"
        path.write_text(body, encoding="utf-8")
        written.append(path)
    return written


def run_suite(corpus: Path | None, reports_root: Path, notebooks: list[Path],
              progress: bool = True) -> Path:
    """Execute ``notebooks`` on ``corpus`` (None: the project's own) and render the reports.

    Returns the folder holding ``index.html``.
    """
    import papermill

    if corpus is None:
        out_dir = reports_root
        executed_dir = out_dir / "notebooks"
        parameters: dict[str, str] = {}
        label = "the project's articles (data/raw)"
    else:
        corpus = Path(corpus).resolve()
        if not corpus.is_dir():
            raise SystemExit(f"error: the corpus folder {corpus} does not exist")
        out_dir = reports_root / corpus.name
        executed_dir = out_dir / "notebooks"
        processed = out_dir / "processed"
        parameters = {"corpus_dir": str(corpus), "output_dir": str(processed),
                      "processed_dir": str(processed),
                      "annotations_dir": str(corpus / "annotations")}
        label = f"{corpus.name} (processed tables in {corpus.name}/processed)"
    executed_dir.mkdir(parents=True, exist_ok=True)
    summaries, notes = [], []
    for notebook in notebooks:
        executed = executed_dir / notebook.name
        print(f"running {notebook.name}", file=sys.stderr, flush=True)
        try:
            papermill.execute_notebook(
                str(notebook), str(executed), parameters=parameters, kernel_name="python3",
                cwd=str(notebook.parent), progress_bar=progress, report_mode=False,
                log_output=False,
            )
        except papermill.PapermillExecutionError as error:
            # The report is still written, with the error where it happened.
            message = f"{notebook.stem} stopped at cell {error.exec_count}: {error.ename}: " \
                      f"{error.evalue}"
            print(f"WARNING: {message}", file=sys.stderr, flush=True)
            notes.append(message)
        render_html(executed, out_dir)
        summaries.append(notebook_summary(notebook))
    notes.append("Each report has a version with its code ('with code'); the executed "
                 "notebooks are in notebooks/.")
    (out_dir / "index.html").write_text(index_html(summaries, label, notes), encoding="utf-8")
    return out_dir


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Run the notebooks and render HTML reports.")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="a folder of articles (default: the project's data/raw)")
    parser.add_argument("--reports", type=Path, default=None,
                        help="where reports go (default: the project's reports/)")
    parser.add_argument("--no-progress", action="store_true", help="no progress bars")
    args = parser.parse_args(argv)
    notebooks = sorted((paths.project_root() / "notebooks").glob("[0-9]*.ipynb"))
    out_dir = run_suite(args.corpus, args.reports or paths.reports_dir(), notebooks,
                        progress=not args.no_progress)
    print(f"Reports written to {paths.display_path(out_dir)}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
