"""data/raw holds the five articles exactly as received; no code writes there."""

import hashlib

import pytest
from conftest import SHARED_CORPUS

# SHA-256 of the five articles as received (../shared/corpus), recorded when they were added.
RECEIVED = {
    "000_64836e5e3a4efbc5.txt": "eab2855a66c38a3d5438008e51dff2394fed26241b05cd0f4ab7330c9b050816",
    "001_4cb1c55a38efc4d4.txt": "afac7d7399c32716e0fa583be1f5cb737a8d04d7d6171cfc51fb9ff6250ee243",
    "002_abdf45bae94bc7b0.txt": "17520fa672474e15bdfd4e47e79e1d75865719080448cd3bc83eaa3aee0fa68d",
    "003_02058e297b92da1a.txt": "ef3049e9f9e84f45784d648cda02b1cda73eee080dc2edaa32658994854570f0",
    "004_7cc8777ee65a6feb.txt": "e41268026ce234392717dc891f334f8e06f4d2290cae68deb7628a33afecdee9",
}


def sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_raw_articles_match_recorded_checksums(raw_dir):
    found = {p.name: sha256(p) for p in sorted(raw_dir.glob("*.txt"))}
    assert found == RECEIVED


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason="../shared/corpus is not beside the project")
def test_raw_articles_are_byte_identical_to_shared_corpus(raw_dir):
    shared = {p.name: sha256(p) for p in sorted(SHARED_CORPUS.glob("*.txt"))}
    assert shared == {p.name: sha256(p) for p in sorted(raw_dir.glob("*.txt"))}


def test_loading_and_building_never_write_to_raw(raw_dir, tables):
    # `tables` forces a full load and build first; raw must still be exactly as received.
    before = {p.name: (sha256(p), p.stat().st_mtime_ns) for p in raw_dir.iterdir()}
    from helpers.corpus import load_corpus
    from helpers.processed import build_tables

    build_tables(load_corpus(raw_dir))
    after = {p.name: (sha256(p), p.stat().st_mtime_ns) for p in raw_dir.iterdir()}
    assert after == before
    assert sorted(before) == sorted([*RECEIVED, "metadata.csv"])

