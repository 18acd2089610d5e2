"""Quote speakers and stance claims measured on text the rules were not written on.

Usage:
    python scripts/evaluate_extraction.py [--devset DIR] [--devsets DIR ...] [--heldout DIR ...]
                                          [--bbc DIR] [--bbc-codes CSV ...] [--show-misses]

- ``--devset`` (default ``../shared/devset``): the synthetic development set with its
  ``quotes_gold.csv`` and ``stance_gold.csv``.
- ``--devsets`` (default ``benchmarks/devset2`` and ``benchmarks/devset3``): further
  development sets in the same format, written for the project by other writers.
- ``--heldout`` (default ``benchmarks/heldout``, ``testset2`` and ``testset3``): sets in the same
  format that are only scored, never read while writing rules.
- ``--bbc`` (default ``../shared/bench/bbc``) with ``--bbc-codes`` (default: both halves in
  ``benchmarks/bbc_quotes/``): the project's own hand codes of BBC quotations, kept as file,
  offsets and speaker (no article text in the repository).

Prints, for each set, quotations found and with the right speaker (all, full-sentence speech,
phrases), and for the devset and the held-out set the stance tuples' precision, recall and F1
of each coder against the gold codes. Exits with status 1 when a headline figure falls below
its floor (:data:`FLOORS`). Development only: nothing a user runs depends on these folders.
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
# Regression floors, a little under the figures measured when they were set (README): CI
# fails when a change drops a figure below its floor.
FLOORS = {("devset", "speech"): 0.96, ("devset", "stance F1"): 0.64,
          ("BBC dev", "speech"): 0.92, ("BBC test", "speech"): 0.93,
          ("heldout", "speech"): 0.77, ("heldout", "stance F1"): 0.48,
          ("devset2", "speech"): 0.91, ("devset2", "stance F1"): 0.60,
          ("devset3", "speech"): 0.85, ("devset3", "stance F1"): 0.44,
          ("testset2", "speech"): 0.93, ("testset2", "stance F1"): 0.43,
          ("testset3", "speech"): 0.76, ("testset3", "stance F1"): 0.41}


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return build_tables(load_corpus(folder))


def evaluate_devset(folder: Path, show_misses: bool) -> dict[str, float]:
    """A folder of articles with quotes_gold.csv and stance_gold.csv in the devset's format;
    returns the headline figures (speech quotations with the right speaker, default F1)."""
    tables = _tables(folder)
    matched = match_quotes(tables["quotes"], devset_quote_gold(folder / "quotes_gold.csv"))
    print(f"\n== {folder.name}: quotations ==")
    print(quote_scores(matched).to_string())
    gold = pd.read_csv(folder / "stance_gold.csv", dtype=str).rename(columns={"doc": "doc_id"})
    actors = with_discovered(load_alias_table(), tables["discovered_actors"], claimants=True)
    coded = {method: code_claims(tables["sentences"], tables["quotes"], actors, method=method)
             for method in ("rules", "parse")}
    comparisons = {}
    for method, claims in (("combined (default)", tables["stance_claims"]), *coded.items()):
        comparison = compare_codings(fold_actors(gold), fold_actors(article_stances(claims)),
                                     coded_docs=sorted(set(tables["articles"]["doc_id"])))
        comparisons[method] = comparison
        scores = reliability(comparison)
        print(f"\n== {folder.name}: stance tuples (doc, actor, issue, stance), "
              f"method={method} ==")
        print(scores.loc[["tuples coded by hand", "tuples coded automatically",
                          "tuples identical in both", "precision", "recall", "F1"]]
              .round(3).to_string())
    if show_misses:
        _print_misses(matched)
        default = comparisons["combined (default)"]
        wrong = default[~default["agree"]]
        print("\nstance disagreements (hand, auto):")
        print(wrong.to_string())
    return {"speech": float(quote_scores(matched).loc["full-sentence (speech)", "share right"]),
            "stance F1": float(reliability(comparisons["combined (default)"]).loc["F1",
                                                                                   "value"])}


def evaluate_bbc(folder: Path, codes: list[Path], show_misses: bool) -> dict[str, float]:
    """Each code file's speech quotations with the right speaker, by half."""
    figures = {}
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
        figures[code_file.stem] = float(
            quote_scores(matched).loc["full-sentence (speech)", "share right"])
    return figures


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
    parser.add_argument("--devsets", type=Path, nargs="*",
                        default=[ROOT / "benchmarks" / "devset2", ROOT / "benchmarks" / "devset3"],
                        help="further development sets: synthetic articles written for the "
                             "project by other writers (devset format); read while building")
    parser.add_argument("--heldout", type=Path, nargs="*",
                        default=[ROOT / "benchmarks" / name
                                 for name in ("heldout", "testset2", "testset3")],
                        help="synthetic articles written for the project as held-out tests "
                             "(devset format); scored only, never read while writing rules")
    parser.add_argument("--show-misses", action="store_true",
                        help="list the misses of the devset and the BBC dev half (never of "
                             "the held-out sets)")
    args = parser.parse_args(argv)
    figures = {}
    if args.devset.is_dir():
        figures |= {("devset", k): v for k, v in
                    evaluate_devset(args.devset, args.show_misses).items()}
    else:
        print(f"no devset at {args.devset}: skipped")
    if args.bbc.is_dir() and args.bbc_codes:
        figures |= {(f"BBC {half}", "speech"): v for half, v in
                    evaluate_bbc(args.bbc, args.bbc_codes, args.show_misses).items()}
    for folder in args.devsets:
        if folder.is_dir():
            figures |= {(folder.name, k): v for k, v in
                        evaluate_devset(folder, args.show_misses).items()}
    for folder in args.heldout:
        if folder.is_dir():
            figures |= {(folder.name, k): v for k, v in
                        evaluate_devset(folder, show_misses=False).items()}
    below = [f"{name} {measure} {figures[name, measure]:.3f} < {floor}"
             for (name, measure), floor in FLOORS.items()
             if (name, measure) in figures and figures[name, measure] < floor]
    for line in below:
        print(f"below its floor: {line}")
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
