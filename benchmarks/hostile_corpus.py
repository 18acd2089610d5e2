"""Write a folder of hostile and messy articles, for timing `make report` on shapes that have
stalled the suite before (issue 14). All text is generated here.

Usage:
    python benchmarks/hostile_corpus.py FOLDER

Files written:
- ``single_line_5mb.txt``: a 5 MB article on one line (sentences, no line breaks);
- ``no_punctuation_2mb.txt``: 2 MB of words with no punctuation and no line breaks;
- ``quote_marks_30k.txt``: an article with 30,000 quotation marks (a seventh unclosed);
- ``no_full_stops_1500kb.txt``: 1.5 MB of English sentences with no full stops (one "sentence");
- ``cyrillic.txt``: an article in Russian (not English: reported as such);
- ``french.txt``: an article in French, Latin script (not English);
- ``binary.txt``, ``empty.txt``, ``whitespace.txt``, ``notes.md``: files that cannot be articles;
- ``ordinary_XX.txt``: twelve short English articles, so the notebooks have something to show;
- ``metadata.csv``: curated metadata with one status outside the vocabulary ("from URL slug").
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

SENTENCES = [
    'Macron said Europe must "take its share" of security guarantees for Ukraine.',
    "Starmer told reporters that a ceasefire needs US backing.",
    "Ministers from Poland and Germany discussed sanctions and military aid.",
    "The Kremlin rejected any European troops in Ukraine, a spokesman said.",
    '"We are ready," the foreign minister said after the talks in Paris.',
    "Analysts warned that a deal without Kyiv would not hold.",
]
RUSSIAN = ("Лидеры европейских стран встретились в Париже, чтобы обсудить гарантии "
           "безопасности для Украины. Министр заявил, что переговоры продолжатся.")
FRENCH = ("Les dirigeants européens se sont réunis à Paris pour discuter des garanties de "
          "sécurité pour l'Ukraine. Le ministre a déclaré que les négociations continueront.")


def ordinary_article(index: int, rng: random.Random) -> str:
    summit = ["Paris", "London", "Paris"][index % 3]
    paragraphs = [" ".join(rng.sample(SENTENCES, 3)) for _ in range(5)]
    return f"Leaders meet in {summit} on Ukraine, day {index}\n\n" + "\n\n".join(paragraphs) + "\n"


def write_hostile_corpus(folder: Path) -> list[Path]:
    rng = random.Random(14)
    folder.mkdir(parents=True, exist_ok=True)
    files: dict[str, bytes] = {}
    sentence_run = []
    size = 0
    while size < 5_000_000:
        sentence = rng.choice(SENTENCES)
        sentence_run.append(sentence)
        size += len(sentence) + 1
    files["single_line_5mb.txt"] = ("Summit talks " + " ".join(sentence_run)).encode()
    words = "leaders ministers europe ukraine talks guarantees troops summit paris".split()
    files["no_punctuation_2mb.txt"] = " ".join(
        rng.choice(words) for _ in range(270_000)).encode()
    # 30,000 quotation marks in English prose, a seventh of them left unclosed
    quoted = []
    for i in range(15_000):
        words = rng.choice(SENTENCES).replace('"', "").rstrip(".")
        quoted.append(f'"{words}," the minister said.' if i % 7 else f'"{words}.')
    files["quote_marks_30k.txt"] = (
        "Quotes everywhere\n\n" + " ".join(quoted) + "\n").encode()
    # English sentences with their full stops removed: one 1.5 MB "sentence"
    run, size = [], 0
    while size < 1_500_000:
        sentence = rng.choice(SENTENCES).replace('"', "").rstrip(".")
        run.append(sentence)
        size += len(sentence) + 1
    files["no_full_stops_1500kb.txt"] = ("Summit talks without an end\n\n" + " ".join(run)).encode()
    files["cyrillic.txt"] = ("Саммит в Париже\n\n" + "\n\n".join([RUSSIAN] * 6) + "\n").encode()
    files["french.txt"] = ("Sommet de Paris\n\n" + "\n\n".join([FRENCH] * 6) + "\n").encode()
    files["binary.txt"] = bytes(range(256)) * 40
    files["empty.txt"] = b""
    files["whitespace.txt"] = b"   \n\n\t\n"
    files["notes.md"] = b"# not an article\n"
    for index in range(12):
        files[f"ordinary_{index:02d}.txt"] = ordinary_article(index, rng).encode()
    files["metadata.csv"] = (
        b"doc_id,published,published_status,outlet,outlet_status\n"
        b"ordinary_00,2025-02-17,stated,Example Times,stated\n"
        b"ordinary_01,2025-03-02,from URL slug,Example Post,inferred\n"
    )
    written = []
    for name, data in files.items():
        (folder / name).write_bytes(data)
        written.append(folder / name)
    return written


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    args = parser.parse_args(argv)
    written = write_hostile_corpus(args.folder)
    print(f"{len(written)} files written to {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
