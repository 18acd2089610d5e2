"""The whole `make report` on a corpus folder repeated N times: wall time, peak memory, the
largest figure and the largest page, per notebook.

Usage:
    python benchmarks/report_benchmark.py FOLDER [--repeat 1 4 16] [--time-limit 3600]

For a repeat factor N the folder's files are copied N times (as in run_benchmark.py: each copy
gets one extra line so it is not an exact duplicate). The suite runs as `make report` runs it
(``python -m helpers.reports``, each notebook in its own process). Peak memory is sampled every
half second over the runner and all its children (kernels and parse workers included): the
sum of resident sets (RSS; pages a forked worker shares with its kernel count once per process)
and of proportional sets (PSS, the physical memory), and each notebook's PSS peak. The largest
figure is read from the PNG headers in the executed notebooks, the largest page is the bigger
of ``<notebook>.html`` and ``<notebook>.code.html``. Nothing here is run by the tests.
"""

from __future__ import annotations

import argparse
import base64
import json
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run_benchmark import repeated_folder  # noqa: E402


class TreeMemory:
    """Peaks of the memory of a process and its descendants, sampled in a thread: the sum of
    resident sets (RSS, which counts pages shared by forked workers once per process) and of
    proportional sets (PSS, shared pages split among their processes: the physical memory the
    tree uses), overall and per notebook (the processes under each ``--execute-one``)."""

    def __init__(self, pid: int):
        self.root = psutil.Process(pid)
        self.peak = 0  # RSS sum
        self.peak_pss = 0
        self.by_notebook: dict[str, int] = {}  # PSS peak of each notebook's processes
        self._owner: dict[int, str] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _notebook_of(self, process) -> str:
        if process.pid not in self._owner:
            owner = ""
            for candidate in [process, *process.parents()]:
                command = candidate.cmdline()
                if "--execute-one" in command:
                    owner = Path(command[command.index("--execute-one") + 1]).stem
                    break
            self._owner[process.pid] = owner
        return self._owner[process.pid]

    def _sample(self):
        while not self._stop.is_set():
            try:
                family = [self.root, *self.root.children(recursive=True)]
                rss = pss = 0
                notebooks: dict[str, int] = {}
                for process in family:
                    try:
                        info = process.memory_full_info()
                        rss += info.rss
                        pss += info.pss
                        owner = self._notebook_of(process)
                        if owner:
                            notebooks[owner] = notebooks.get(owner, 0) + info.pss
                    except psutil.Error:
                        pass
                self.peak = max(self.peak, rss)
                self.peak_pss = max(self.peak_pss, pss)
                for owner, value in notebooks.items():
                    self.by_notebook[owner] = max(self.by_notebook.get(owner, 0), value)
            except psutil.Error:
                pass
            self._stop.wait(0.5)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def largest_figure(notebook: Path) -> tuple[int, int]:
    """(width, height) in pixels of the largest PNG output of an executed notebook."""
    if not notebook.is_file():
        return (0, 0)
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    best = (0, 0)
    for cell in cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {}).get("image/png")
            if data:
                text = data if isinstance(data, str) else "".join(data)
                header = base64.b64decode(text[:64])
                width, height = struct.unpack(">II", header[16:24])
                if max(width, height) > max(best):
                    best = (width, height)
    return best


def run_once(folder: Path, repeat: int, time_limit: float) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="report-benchmark-") as scratch:
        corpus = Path(scratch) / f"corpus_x{repeat}"
        n_files = repeated_folder(folder, repeat, corpus)
        out = Path(scratch) / "out"
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "helpers.reports", "--corpus", str(corpus), "--output",
             str(out), "--no-progress", "--time-limit", str(time_limit)],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        memory = TreeMemory(process.pid)
        output, _ = process.communicate()
        peak = memory.stop()
        seconds = time.perf_counter() - started
        rows = []
        for line in output.splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0][:2].isdigit() and "_" in parts[0]:
                stem = parts[0]
                pages = [out / f"{stem}{suffix}" for suffix in (".html", ".code.html")]
                page_mb = max((p.stat().st_size for p in pages if p.is_file()), default=0) / 1e6
                width, height = largest_figure(out / "notebooks" / f"{stem}.ipynb")
                rows.append({"repeat": repeat, "files": n_files, "notebook": stem,
                             "status": parts[1] if parts[1] != "not" else "not run",
                             "seconds": line.split()[2] if parts[1] == "ok" or
                             parts[1] == "failed" else "",
                             "largest_figure": f"{width}x{height}", "page_mb": round(page_mb, 2),
                             "detail": line})
        print(f"x{repeat} ({n_files} files): {seconds:.0f} s wall, peak {peak / 1e9:.2f} GB "
              f"RSS summed, {memory.peak_pss / 1e9:.2f} GB PSS (runner + kernels + workers); "
              f"exit code {process.returncode}", flush=True)
        for row in rows:
            row["peak_pss_gb"] = round(memory.by_notebook.get(row["notebook"], 0) / 1e9, 2)
            print(f"  {row['notebook']:<24} {row['status']:<8} {row['seconds']:>5} s  "
                  f"peak {row['peak_pss_gb']:.2f} GB PSS  "
                  f"largest figure {row['largest_figure']:>10} px  page {row['page_mb']:.2f} MB"
                  + (f"\n    {row['detail']}" if row["status"] != "ok" else ""), flush=True)
        return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, nargs="+", default=[1])
    parser.add_argument("--time-limit", type=float, default=3600)
    args = parser.parse_args(argv)
    for repeat in args.repeat:
        run_once(args.folder.resolve(), repeat, args.time_limit)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
