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
- another corpus (``--corpus FOLDER`` or a table of articles): everything goes under
  ``reports/<name>/`` or ``--output``: the processed tables in ``processed/``, the long
  tables in full in ``tables/``, the executed notebooks in ``notebooks/``, each notebook's
  console output in ``logs/`` and the reports beside the index. The committed notebooks and
  ``data/`` are never written; :func:`plan_run` refuses what would read or overwrite the
  wrong thing.

Each notebook runs in its own process (:func:`run_notebook`) under a time limit; a failure is
a :class:`NotebookRun` row in the index, never a traceback.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import nbformat

from helpers import paths
from helpers.corpus import TABLE_SUFFIXES
from helpers.progress import PROGRESS_FILE_VARIABLE

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


def index_html(summaries: list[NotebookSummary], corpus_label: str, notes: list[str],
               runs: list | None = None) -> str:
    """The index page: one entry per notebook with its question, whether it ran (a failed
    notebook with its reason) and links to both versions of its report.
    Everything taken from notebooks, runs or the corpus is HTML-escaped."""
    by_stem = {run.stem: run for run in runs or []}
    entries = []
    for s in summaries:
        run = by_stem.get(s.stem)
        links = (f'<p class="links"><a href="{html.escape(s.stem)}.html">report</a> · '
                 f'<a href="{html.escape(s.stem)}.code.html">with code</a></p>')
        title = f'<a href="{html.escape(s.stem)}.html">{html.escape(s.title)}</a>'
        status = ""
        if run is not None and run.status != "ok":
            status = (f'<p class="failed"><strong>{html.escape(run.status)}:</strong> '
                      f"{html.escape(run.stem)} {html.escape(run.reason)}</p>")
            if run.status == "not run":
                links, title = "", html.escape(s.title)
        entries.append(f"<li><h2>{title}</h2><p>{html.escape(s.question)}</p>{status}{links}"
                       "</li>")
    items = "\n".join(entries)
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
.failed {{ color: #a11; }}
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


_SECTION = re.compile(r'<h2 id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
# Table cells wrap instead of running off the page; text reads left-aligned, numbers right.
_READER_CSS = """<style>
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td {
  white-space: normal; max-width: 48em; vertical-align: top; }
:not(.jp-RenderedMarkdown).jp-RenderedHTMLCommon td.text { text-align: left; }
nav.contents { margin: 0.5em 0 1.5em; padding: 0.5em 1em; border-left: 3px solid #4c72b0;
  background: #f6f8fb; }
nav.contents ul { margin: 0.3em 0; padding-left: 1em; list-style: none; }
</style>
"""


def with_contents(body: str) -> str:
    """The page with a table of contents of its sections (h2) after its title, and the
    reader CSS; a page without sections gets only the CSS.

    >>> page = ('<head></head><h1 id="t">T</h1><h2 id="a">1. A<a class="anchor-link" '
    ...         'href="#a">¶</a></h2>')
    >>> '<li><a href="#a">1. A</a></li>' in with_contents(page)
    True
    """
    body = body.replace("</head>", _READER_CSS + "</head>", 1)
    sections = _SECTION.findall(body)
    title_end = body.find("</h1>")
    if not sections or title_end == -1:
        return body
    items = "\n".join(f'<li><a href="#{anchor}">{title.strip()}</a></li>'
                      for anchor, title in sections)
    # a list without its own numbers: the section titles carry theirs
    nav = f'\n<nav class="contents"><strong>Contents</strong>\n<ul>\n{items}\n</ul></nav>\n'
    title_end += len("</h1>")
    return body[:title_end] + nav + body[title_end:]


def render_html(notebook_path: Path, out_dir: Path) -> list[Path]:
    """Write ``<stem>.html`` (no code) and ``<stem>.code.html`` for an executed notebook,
    each with a table of contents (:func:`with_contents`)."""
    notebook = nbformat.read(notebook_path, as_version=4)
    written = []
    for suffix, exclude_input in ((".html", True), (".code.html", False)):
        body, _ = _exporter(exclude_input).from_notebook_node(
            notebook, resources={"metadata": {"name": notebook_path.stem}})
        path = out_dir / f"{notebook_path.stem}{suffix}"
        path.write_text(with_contents(body), encoding="utf-8")
        written.append(path)
    return written


# --------------------------------------------------------------------------------------------
# Running the suite: each notebook in its own process, with a time limit; failures are rows.

DEFAULT_TIME_LIMIT = 3600  # seconds per notebook
DEFAULT_PARALLEL = min(2, os.cpu_count() or 1)  # notebooks 01-04 run this many at a time
# Above this many tokens the notebooks after 00 run one at a time: each kernel holds the tables
# and its own matrices (BBC x16, 14.5 million tokens: 01 and 02 peak at about 6-7 GB each).
PARALLEL_MAX_TOKENS = 6_000_000
RUN_RECORD = "run.json"  # in the output folder: which corpus it holds (refuses overwrites)
STATUS_OK, STATUS_FAILED, STATUS_NOT_RUN = "ok", "failed", "not run"


class ReportError(SystemExit):
    """The run cannot start (bad corpus or output folder); the message says why."""

    def __init__(self, message: str):
        super().__init__(f"error: {message}")


@dataclass(frozen=True)
class NotebookRun:
    """What happened to one notebook: ``ok``, ``failed`` (with the reason) or ``not run``."""

    stem: str
    status: str
    reason: str = ""
    seconds: float = 0.0


@dataclass(frozen=True)
class RunPlan:
    """Where one run reads and writes."""

    corpus: Path | None
    out_dir: Path
    parameters: dict
    label: str


def plan_run(corpus: Path | None, reports_root: Path, output: Path | None = None,
             force: bool = False, columns: dict[str, str] | None = None) -> RunPlan:
    """Decide the output folder of a run, refusing what would read or overwrite the wrong thing.

    The project's own corpus (``corpus=None``) goes to ``reports_root``. Another corpus goes to
    ``output`` when given, else ``reports_root/<folder name>``. Refused, with the reason: a
    corpus that does not exist or that contains the project itself (``CORPUS=/`` would read
    every ``.txt`` on the disk); an output folder inside the corpus; an output folder that
    already holds the reports of a different corpus, unless ``force``.
    """
    if corpus is None:
        # the default reports folder needs no parameter (the run matches `make notebooks`)
        moved = Path(reports_root).resolve() != paths.reports_dir().resolve()
        parameters = {"tables_dir": str(Path(reports_root) / "tables")} if moved else {}
        return RunPlan(None, Path(reports_root), parameters,
                       "the project's articles (data/raw)")
    corpus = Path(corpus).expanduser().resolve()
    if not corpus.exists():
        raise ReportError(f"the corpus {corpus} does not exist")
    if corpus.is_file() and corpus.suffix.lower() not in TABLE_SUFFIXES:
        raise ReportError(f"{corpus} is a file but not a table of articles "
                          f"({', '.join(TABLE_SUFFIXES)}); give a folder or a table")
    project = paths.project_root().resolve()
    if corpus.is_dir() and (project == corpus or project.is_relative_to(corpus)):
        raise ReportError(f"the corpus folder {corpus} contains this project ({project}), so "
                          "the run would read every .txt file under it; point CORPUS at the "
                          "folder that holds the articles")
    if output is None:
        name = corpus.stem if corpus.is_file() else corpus.name
        if not name:
            raise ReportError(f"{corpus} gives no name for the output folder; name one with "
                              "OUT=folder (--output)")
        output = Path(reports_root) / name
    out_dir = Path(output).expanduser().resolve()
    if corpus.is_dir() and out_dir.is_relative_to(corpus):
        raise ReportError(f"the output folder {out_dir} is inside the corpus {corpus}; "
                          "choose another with OUT=folder (--output)")
    record = out_dir / RUN_RECORD
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        previous = None
        if record.is_file():
            try:
                previous = json.loads(record.read_text(encoding="utf-8")).get("corpus")
            except (ValueError, AttributeError):
                previous = None
        if previous != str(corpus):
            held = f"the reports of {previous}" if previous else "files of another run"
            raise ReportError(f"{out_dir} already holds {held}; name another output with "
                              "OUT=folder (--output), or replace it with FORCE=1 (--force)")
    processed = out_dir / "processed"
    annotations = (corpus if corpus.is_dir() else corpus.parent) / "annotations"
    parameters = {"corpus_dir": str(corpus), "output_dir": str(processed),
                  "processed_dir": str(processed), "annotations_dir": str(annotations),
                  "tables_dir": str(out_dir / "tables"), "columns": dict(columns or {})}
    return RunPlan(corpus, out_dir, parameters, f"{corpus.name} (processed tables in "
                                                 f"{out_dir.name}/processed)")


def execute_one(notebook: Path, executed: Path, parameters: dict, status_path: Path) -> None:
    """Run one notebook with papermill (in the process that calls it) and write its status as
    JSON: ``{"status": "ok"|"failed", "reason": ...}``. Called in a child process by
    :func:`run_suite`, so a dead kernel or a time limit cannot take the whole run down."""
    import papermill
    from nbclient.exceptions import DeadKernelError

    declared = papermill.inspect_notebook(str(notebook))  # pass only what it declares
    parameters = {name: value for name, value in parameters.items() if name in declared}
    try:
        papermill.execute_notebook(
            str(notebook), str(executed), parameters=parameters, kernel_name="python3",
            cwd=str(notebook.parent), progress_bar=False, report_mode=False, log_output=False)
        status = {"status": STATUS_OK, "reason": ""}
    except papermill.PapermillExecutionError as error:
        status = {"status": STATUS_FAILED,
                  "reason": f"stopped at cell {error.exec_count}: {error.ename}: {error.evalue}"}
    except DeadKernelError:
        status = {"status": STATUS_FAILED,
                  "reason": "the kernel died (out of memory, or killed)"}
    except Exception as error:  # anything else is still a row, not a traceback
        status = {"status": STATUS_FAILED, "reason": f"{type(error).__name__}: {error}"}
    status_path.write_text(json.dumps(status), encoding="utf-8")


def _kill_tree(process) -> None:
    import psutil

    try:
        family = psutil.Process(process.pid).children(recursive=True)
    except psutil.NoSuchProcess:
        family = []
    for member in [*family, psutil.Process(process.pid)]:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            pass
    process.wait()


def _show_progress(stem: str, progress_file: Path, seconds: float) -> None:
    # the last progress bar the notebook wrote, on one console line rewritten in place
    last = ""
    if progress_file.is_file():
        with open(progress_file, "rb") as handle:
            handle.seek(max(0, progress_file.stat().st_size - 400))
            tail = handle.read().decode("utf-8", errors="replace")
        last = re.split(r"[\r\n]+", tail.strip())[-1][:80] if tail.strip() else ""
    print(f"\r{stem:<24} {seconds:>5.0f} s  {last:<80}", end="", flush=True)


def run_notebook(notebook: Path, executed: Path, parameters: dict, log_dir: Path,
                 time_limit: float, show_progress: bool = False) -> NotebookRun:
    """Run ``notebook`` in a child process with ``time_limit`` seconds; never raises."""
    log_dir.mkdir(parents=True, exist_ok=True)
    status_path = log_dir / f"{notebook.stem}.status.json"
    status_path.unlink(missing_ok=True)
    command = [sys.executable, "-m", "helpers.reports", "--execute-one", str(notebook),
               str(executed), json.dumps(parameters), str(status_path)]
    started = time.perf_counter()
    progress_file = log_dir / f"{notebook.stem}.progress.log"  # one each: they may overlap
    progress_file.unlink(missing_ok=True)
    environment = {**os.environ, PROGRESS_FILE_VARIABLE: str(progress_file)}
    with open(log_dir / f"{notebook.stem}.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT,
                                   env=environment)
        while process.poll() is None:
            if time.perf_counter() - started > time_limit:
                _kill_tree(process)
                return NotebookRun(notebook.stem, STATUS_FAILED,
                                   f"stopped by the time limit of {time_limit:g} s",
                                   time.perf_counter() - started)
            if show_progress:
                _show_progress(notebook.stem, progress_file, time.perf_counter() - started)
            time.sleep(1.0)
    seconds = time.perf_counter() - started
    if status_path.is_file():
        status = json.loads(status_path.read_text(encoding="utf-8"))
        return NotebookRun(notebook.stem, status["status"], status["reason"], seconds)
    return NotebookRun(notebook.stem, STATUS_FAILED,
                       f"the runner died (exit code {process.returncode}); see "
                       f"logs/{notebook.stem}.log", seconds)


def run_suite(corpus: Path | None, reports_root: Path, notebooks: list[Path],
              progress: bool = True, *, output: Path | None = None, force: bool = False,
              time_limit: float = DEFAULT_TIME_LIMIT, columns: dict[str, str] | None = None,
              parallel: int = DEFAULT_PARALLEL) -> tuple[Path, list[NotebookRun]]:
    """Execute ``notebooks`` on ``corpus`` (None: the project's own) and render the reports.

    Each notebook runs in its own process under ``time_limit`` seconds; after 00, ``parallel``
    of the others at a time (their seconds overlap). A failed notebook is
    reported in the index with its reason and the others still run; when the first notebook
    (00, which writes the processed tables) fails, the others are not run and say why.
    Prints one line per notebook. Returns the folder holding ``index.html`` and the runs.
    """
    plan = plan_run(corpus, reports_root, output, force, columns)
    out_dir = plan.out_dir
    executed_dir, log_dir = out_dir / "notebooks", out_dir / "logs"
    executed_dir.mkdir(parents=True, exist_ok=True)
    if plan.corpus is not None:
        # stale tables of an earlier run must not be read if notebook 00 fails this time
        shutil.rmtree(out_dir / "processed", ignore_errors=True)
        shutil.rmtree(out_dir / "tables", ignore_errors=True)
        (out_dir / RUN_RECORD).write_text(json.dumps({"corpus": str(plan.corpus)}) + "\n",
                                          encoding="utf-8")

    def run_and_render(notebook: Path, show_progress: bool) -> NotebookRun:
        executed = executed_dir / notebook.name
        run = run_notebook(notebook, executed, plan.parameters, log_dir, time_limit,
                           show_progress=show_progress)
        if show_progress:
            print("\r" + " " * 112 + "\r", end="")
        if executed.is_file():
            try:
                render_html(executed, out_dir)
            except Exception as error:  # a report that cannot render is a failure too
                run = NotebookRun(run.stem, STATUS_FAILED,
                                  f"{run.reason + '; ' if run.reason else ''}the report "
                                  f"could not be rendered ({type(error).__name__}: {error})",
                                  run.seconds)
        return run

    live = progress and sys.stdout.isatty()
    runs = [run_and_render(notebooks[0], live)]  # 00 writes the tables the others read
    print(run_line(runs[0]), flush=True)
    rest = notebooks[1:]
    if runs[0].status != STATUS_OK:
        for notebook in rest:
            (executed_dir / notebook.name).unlink(missing_ok=True)
            runs.append(NotebookRun(notebook.stem, STATUS_NOT_RUN,
                                    f"{runs[0].stem} failed, so the processed tables this "
                                    "notebook reads were not written"))
            print(run_line(runs[-1]), flush=True)
    else:
        # the others only read those tables: run them side by side, each in its own kernel
        tokens = token_count(Path(plan.parameters.get("processed_dir") or paths.processed_dir()))
        if parallel > 1 and tokens is not None and tokens > PARALLEL_MAX_TOKENS:
            print(f"{tokens:,} tokens: the other notebooks run one at a time to bound memory "
                  f"(two at a time up to {PARALLEL_MAX_TOKENS:,})", flush=True)
            parallel = 1
        with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
            for run in pool.map(lambda notebook: run_and_render(notebook, False), rest):
                runs.append(run)
                print(run_line(run), flush=True)
    notes = ["Each report has a version with its code ('with code'); the executed notebooks "
             "are in notebooks/, and each notebook's console output in logs/."]
    (out_dir / "index.html").write_text(
        index_html([notebook_summary(n) for n in notebooks], plan.label, notes, runs),
        encoding="utf-8")
    return out_dir, runs


def token_count(processed: Path) -> int | None:
    """Rows of the tokens table notebook 00 wrote (from the Parquet footer or by counting CSV
    lines), or None when there is none."""
    if (processed / "tokens.parquet").is_file():
        import pyarrow.parquet as pq

        return pq.read_metadata(processed / "tokens.parquet").num_rows
    if (processed / "tokens.csv").is_file():
        with open(processed / "tokens.csv", "rb") as handle:
            return max(0, sum(chunk.count(b"\n") for chunk in iter(
                lambda: handle.read(1 << 20), b"")) - 1)
    return None


def run_line(run: NotebookRun) -> str:
    """One console line per notebook.

    >>> run_line(NotebookRun("00_corpus", "ok", "", 12.34))
    '00_corpus                ok         12 s'
    """
    line = f"{run.stem:<24} {run.status:<8}"
    if run.status != STATUS_NOT_RUN:
        line += f" {run.seconds:>4.0f} s"
    return f"{line}  {run.reason}" if run.reason else line


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["--execute-one"]:
        notebook, executed, parameters, status_path = argv[1:5]
        execute_one(Path(notebook), Path(executed), json.loads(parameters), Path(status_path))
        return 0
    parser = argparse.ArgumentParser(description="Run the notebooks and render HTML reports.")
    parser.add_argument("--corpus", type=Path, default=None,
                        help="a folder of articles, or a table of them (.csv, .jsonl, "
                             ".parquet; default: the project's data/raw)")
    parser.add_argument("--columns", default="",
                        help="for a table: field=column pairs, e.g. text=body,doc_id=id "
                             "(fields: text, doc_id, title, outlet, published, summit)")
    parser.add_argument("--reports", type=Path, default=None,
                        help="where reports go (default: the project's reports/)")
    parser.add_argument("--output", type=Path, default=None,
                        help="the output folder for another corpus (default: "
                             "<reports>/<corpus folder name>)")
    parser.add_argument("--force", action="store_true",
                        help="replace an output folder that holds another corpus's reports")
    parser.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT,
                        help=f"seconds per notebook (default {DEFAULT_TIME_LIMIT})")
    parser.add_argument("--parallel", type=int, default=DEFAULT_PARALLEL,
                        help=f"notebooks after 00 run this many at a time (default "
                             f"{DEFAULT_PARALLEL})")
    parser.add_argument("--no-progress", action="store_true", help="no progress line")
    args = parser.parse_args(argv)
    notebooks = sorted((paths.project_root() / "notebooks").glob("[0-9]*.ipynb"))
    pairs = [pair.split("=", 1) for pair in args.columns.split(",") if pair.strip()]
    if any(len(pair) != 2 for pair in pairs):
        print(f"error: --columns takes field=column pairs, not {args.columns!r}",
              file=sys.stderr)
        return 2
    try:
        out_dir, runs = run_suite(args.corpus, args.reports or paths.reports_dir(), notebooks,
                                  progress=not args.no_progress, output=args.output,
                                  force=args.force, time_limit=args.time_limit,
                                  columns={k.strip(): v.strip() for k, v in pairs},
                                  parallel=args.parallel)
    except ReportError as error:
        print(error.code, file=sys.stderr)
        return 2
    failed = [run for run in runs if run.status != STATUS_OK]
    print(f"{len(runs) - len(failed)} of {len(runs)} notebooks ran; reports in "
          f"{paths.display_path(out_dir)}/index.html")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
