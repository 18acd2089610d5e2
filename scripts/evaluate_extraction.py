"""Quote speakers and stance claims measured on text the rules were not written on.

Usage:
    python scripts/evaluate_extraction.py [--devset DIR] [--bbc DIR] [--bbc-codes CSV ...]
                                          [--show-misses]

- ``--devset`` (default ``../shared/devset``): the synthetic development set with its
  ``quotes_gold.csv`` and ``stance_gold.csv``.
- ``--bbc`` (default ``../shared/bench/bbc``) with ``--bbc-codes`` (default: both halves in
  ``benchmarks/bbc_quotes/``): the project's own hand codes of BBC quotations, kept as file,
  offsets and speaker (no article text in the repository).

Prints, for each set, quotations found and with the right speaker (all, full-sentence speech,
phrases), and for the devset the stance tuples' precision, recall and F1 against the gold
codes. Development only: nothing a user runs depends on these folders.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import warnings
from pathlib import Path

import pandas as pd

from helpers.actors import load_alias_table, with_discovered
from helpers.corpus import CorpusWarning, load_corpus
from helpers.evaluation import (
    devset_quote_gold,
    fold_actors,
    match_quotes,
    offset_quote_gold,
    quote_scores,
)
from helpers.processed import build_tables
from helpers.stance import article_stances, code_claims, compare_codings, reliability

ROOT = Path(__file__).resolve().parents[1]


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return build_tables(load_corpus(folder))


def evaluate_devset(folder: Path, show_misses: bool) -> None:
    """A folder of articles with quotes_gold.csv and stance_gold.csv in the devset's format."""
    tables = _tables(folder)
    matched = match_quotes(tables["quotes"], devset_quote_gold(folder / "quotes_gold.csv"))
    print(f"\n== {folder.name}: quotations ==")
    print(quote_scores(matched).to_string())
    gold = pd.read_csv(folder / "stance_gold.csv", dtype=str).rename(columns={"doc": "doc_id"})
    actors = with_discovered(load_alias_table(), tables["discovered_actors"])
    coded = {method: code_claims(tables["sentences"], tables["quotes"], actors, method=method)
             for method in ("rules", "parse")}
    for method, claims in (("combined (default)", tables["stance_claims"]), *coded.items()):
        comparison = compare_codings(fold_actors(gold), fold_actors(article_stances(claims)),
                                     coded_docs=sorted(set(tables["articles"]["doc_id"])))
        scores = reliability(comparison)
        print(f"\n== {folder.name}: stance tuples (doc, actor, issue, stance), "
              f"method={method} ==")
        print(scores.loc[["tuples coded by hand", "tuples coded automatically",
                          "tuples identical in both", "precision", "recall", "F1"]]
              .round(3).to_string())
    if show_misses:
        _print_misses(matched)
        wrong = comparison[~comparison["agree"]]
        print("\nstance disagreements (hand, auto):")
        print(wrong.to_string())


def evaluate_bbc(folder: Path, codes: list[Path], show_misses: bool) -> None:
    for code_file in codes:
        gold = offset_quote_gold(code_file, folder)
        with tempfile.TemporaryDirectory() as scratch:
            for relative in sorted(set(gold["path"])):
                target = Path(scratch) / relative
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(folder / relative, target)
            tables = _tables(Path(scratch))
        matched = match_quotes(tables["quotes"], gold)
        print(f"\n== BBC, {code_file.stem} half ({gold['path'].nunique()} articles) ==")
        print(quote_scores(matched).to_string())
        if show_misses and code_file.stem != "test":  # the test half is only scored
            _print_misses(matched)


def _print_misses(matched: pd.DataFrame) -> None:
    misses = matched[~matched["speaker_right"]]
    columns = [c for c in ("doc_id", "n", "kind", "speaker", "speaker_basis", "opening",
                           "found", "system_speaker", "system_attribution", "system_cue")
               if c in misses]
    with pd.option_context("display.max_colwidth", 60, "display.width", 250):
        print(misses[columns].to_string())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--bbc", type=Path, default=ROOT.parent / "shared" / "bench" / "bbc")
    parser.add_argument("--bbc-codes", type=Path, nargs="*",
                        default=sorted((ROOT / "benchmarks" / "bbc_quotes").glob("*.csv")))
    parser.add_argument("--heldout", type=Path, default=ROOT / "benchmarks" / "heldout",
                        help="synthetic articles written for the project as a held-out test "
                             "(devset format); scored only, never read while writing rules")
    parser.add_argument("--show-misses", action="store_true",
                        help="list the misses of the devset and the BBC dev half (never of "
                             "the held-out sets)")
    args = parser.parse_args(argv)
    if args.devset.is_dir():
        evaluate_devset(args.devset, args.show_misses)
    else:
        print(f"no devset at {args.devset}: skipped")
    if args.bbc.is_dir() and args.bbc_codes:
        evaluate_bbc(args.bbc, args.bbc_codes, args.show_misses)
    if args.heldout.is_dir():
        evaluate_devset(args.heldout, show_misses=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
