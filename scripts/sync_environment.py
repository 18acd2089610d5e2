"""Write environment.yml from requirements.lock, so conda and pip users get the same versions.

Run by `make lock` after re-pinning; tests/test_environment.py checks the two agree.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# Conda environment with the same packages and versions as requirements.lock (the pip path).
# Every pip package is pinned exactly to its lock-file version; tests/test_environment.py
# checks that the two stay in step. Regenerate with `make lock`.
# Create with: conda env create -f environment.yml && conda activate summit-coverage
name: summit-coverage
channels:
  - conda-forge
dependencies:
  - python=3.11
  - pip
  - pip:
"""


def locked_pins(*lock_files: Path) -> list[str]:
    """Every pin of the lock files, without pip options such as ``--hash``."""
    lines = [line for lock_file in lock_files
             for line in lock_file.read_text(encoding="utf-8").splitlines()]
    return sorted((ln.split(" --")[0].strip() for ln in lines
                   if ln.strip() and not ln.startswith("#")), key=str.lower)


def main() -> None:
    pins = locked_pins(ROOT / "requirements.lock", ROOT / "requirements-model.lock")
    body = "".join(f"      - {pin}\n" for pin in pins) + "      - -e .\n"
    (ROOT / "environment.yml").write_text(HEADER + body, encoding="utf-8")


if __name__ == "__main__":
    main()
