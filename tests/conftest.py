"""Shared fixtures: the project's real corpus, loaded once per test session."""

from pathlib import Path

import pytest

from helpers.corpus import load_corpus
from helpers.processed import build_tables

PROJECT_ROOT = Path(__file__).resolve().parents[1]
SHARED_CORPUS = PROJECT_ROOT.parent / "shared" / "corpus"


@pytest.fixture(scope="session")
def raw_dir() -> Path:
    return PROJECT_ROOT / "data" / "raw"


@pytest.fixture(scope="session")
def corpus(raw_dir):
    return load_corpus(raw_dir)


@pytest.fixture(scope="session")
def tables(corpus):
    return build_tables(corpus)


@pytest.fixture(scope="session")
def articles(corpus):
    return corpus.articles.set_index("doc_id")



def pytest_addoption(parser):
    parser.addoption("--update-baselines", action="store_true", default=False,
                     help="rewrite the figure baselines in tests/baselines/ (make baselines)")
