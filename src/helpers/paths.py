"""Every location the suite reads or writes, in one place.

Defaults point into the project checkout. Each can be overridden by an environment variable
(so `make report CORPUS=...` and papermill runs can redirect a whole run) or by passing a path
to the function that needs it. Notebooks never type a path; they ask this module.

| function            | default               | environment variable      |
|---------------------|-----------------------|---------------------------|
| ``project_root()``  | the checkout          | ``HELPERS_PROJECT_ROOT``  |
| ``raw_dir()``       | ``data/raw``          | ``HELPERS_CORPUS_DIR``    |
| ``processed_dir()`` | ``data/processed``    | ``HELPERS_PROCESSED_DIR`` |
| ``reports_dir()``   | ``reports``           | ``HELPERS_REPORTS_DIR``   |
| ``annotations_dir()`` | ``data/annotations`` | ``HELPERS_ANNOTATIONS_DIR`` |
"""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DATA_DIR = Path(__file__).resolve().parent / "data"
METADATA_FILENAME = "metadata.csv"


def _find_project_root() -> Path:
    # An editable install (`pip install -e .`) leaves this file inside the checkout: walk up to
    # the pyproject.toml. Otherwise fall back to the working directory.
    for parent in Path(__file__).resolve().parents:
        if (parent / "pyproject.toml").is_file() and (parent / "src" / "helpers").is_dir():
            return parent
    return Path.cwd()


def _from_env(variable: str, default: Path) -> Path:
    value = os.environ.get(variable, "").strip()
    return Path(value).expanduser().resolve() if value else default


def project_root() -> Path:
    """The project checkout (``HELPERS_PROJECT_ROOT`` overrides)."""
    return _from_env("HELPERS_PROJECT_ROOT", _find_project_root())


def raw_dir() -> Path:
    """The corpus folder: articles as received, never written by code."""
    return _from_env("HELPERS_CORPUS_DIR", project_root() / "data" / "raw")


def processed_dir() -> Path:
    """Where derived tables are written (rebuildable from raw + code)."""
    return _from_env("HELPERS_PROCESSED_DIR", project_root() / "data" / "processed")


def reports_dir() -> Path:
    """Where rendered HTML reports go."""
    return _from_env("HELPERS_REPORTS_DIR", project_root() / "reports")


def annotations_dir() -> Path:
    """Hand codings of the corpus (curated input, like metadata.csv; never written by code)."""
    return _from_env("HELPERS_ANNOTATIONS_DIR", project_root() / "data" / "annotations")


def alias_table_path() -> Path:
    """The actor alias table shipped with the package."""
    return PACKAGE_DATA_DIR / "actor_aliases.csv"


def display_path(path: Path, start: Path | None = None) -> str:
    """A path as a reader should see it: relative to ``start`` (or the project) when inside it.

    Keeps machine-specific prefixes out of notebook outputs and messages.

    >>> display_path(project_root() / "data" / "raw")
    'data/raw'
    """
    path = Path(path)
    for base in (start, project_root()):
        if base is None:
            continue
        try:
            return path.resolve().relative_to(Path(base).resolve()).as_posix() or "."
        except ValueError:
            continue
    return str(path)
