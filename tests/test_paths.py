"""Locations default to the checkout and follow the environment variables."""

from pathlib import Path

from conftest import PROJECT_ROOT

from helpers import paths


def test_defaults_point_into_this_checkout(monkeypatch):
    for variable in ("HELPERS_PROJECT_ROOT", "HELPERS_CORPUS_DIR", "HELPERS_PROCESSED_DIR"):
        monkeypatch.delenv(variable, raising=False)
    assert paths.project_root() == PROJECT_ROOT
    assert paths.raw_dir() == PROJECT_ROOT / "data" / "raw"
    assert paths.processed_dir() == PROJECT_ROOT / "data" / "processed"


def test_environment_variables_redirect_a_run(monkeypatch, tmp_path):
    monkeypatch.setenv("HELPERS_CORPUS_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("HELPERS_PROCESSED_DIR", str(tmp_path / "out"))
    assert paths.raw_dir() == tmp_path / "mine"
    assert paths.processed_dir() == tmp_path / "out"


def test_display_path_hides_machine_prefixes(tmp_path):
    assert paths.display_path(PROJECT_ROOT / "data" / "raw") == "data/raw"
    assert paths.display_path(tmp_path / "a" / "b.txt", start=tmp_path) == "a/b.txt"
    assert paths.display_path(Path("/elsewhere/x.txt")) == "/elsewhere/x.txt"
