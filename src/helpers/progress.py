"""Progress bars for the long steps, on the console or in a log file.

In JupyterLab a bar goes to the notebook's stderr, as tqdm does. In a batch run
(``make report``) a bar written to stderr would land in the rendered report, so the runner sets
``HELPERS_PROGRESS_FILE`` and the bars go to that file instead; the runner shows its last line
on the console. A step with fewer than :data:`PROGRESS_FROM` items shows no bar at all, so a
small corpus prints nothing (and stored notebook outputs stay the same).
"""

from __future__ import annotations

import os
from collections.abc import Iterable

from tqdm import tqdm

PROGRESS_FROM = 200  # items; fewer show no bar
PROGRESS_FILE_VARIABLE = "HELPERS_PROGRESS_FILE"


def progress_bar(items: Iterable, description: str, total: int | None = None,
                 show: bool | None = None) -> Iterable:
    """``items`` with a progress bar when there are :data:`PROGRESS_FROM` or more of them
    (``show`` decides instead when given: a few long steps of a large corpus).

    >>> list(progress_bar(range(3), "counting"))  # too few for a bar: nothing is printed
    [0, 1, 2]
    """
    if total is None:
        items = items if hasattr(items, "__len__") else list(items)
        total = len(items)
    if not (total >= PROGRESS_FROM if show is None else show):
        return items
    target = os.environ.get(PROGRESS_FILE_VARIABLE, "").strip()
    if target:
        stream = open(target, "a", encoding="utf-8")  # noqa: SIM115 (closed with the bar)
        return _closing(tqdm(items, desc=description, total=total, file=stream, ascii=True,
                             mininterval=2.0, leave=True), stream)
    return tqdm(items, desc=description, total=total, leave=False)


def _closing(bar, stream):
    try:
        yield from bar
    finally:
        bar.close()
        stream.close()
