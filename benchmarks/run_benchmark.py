"""Time every stage of the pipeline on a corpus folder, repeated N times, beside the reference
tools (NLTK's Punkt + NLTKWordTokenizer pipeline, scikit-learn's CountVectorizer).

Usage:
    python benchmarks/run_benchmark.py FOLDER [--repeat 1 4 16]

For a repeat factor N the folder's .txt files are copied N times into a temporary folder; each
copy gets one extra line ("copy i") so the loader does not reject it as a duplicate. Every
stage runs once, in pipeline order, on the previous stage's output. For each stage it prints
the wall time, the throughput in MB of article text (UTF-8 bytes of the cleaned text) per
second, and the peak resident memory of the process while the stage ran (sampled every 5 ms
from /proc; it includes what earlier stages still hold). Nothing here is run by the tests.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import pandas as pd
from nltk.tokenize import NLTKWordTokenizer
from sklearn.feature_extraction.text import CountVectorizer

from helpers.corpus import CorpusWarning, load_corpus
from helpers.quotes import extract_quotes
from helpers.stance import code_claims
from helpers.terms import TermChoices, document_term_matrix, keyness
from helpers.text import sentence_tokenizer, sentences_table, tokens_table
from helpers.topics import FeatureChoices, nmf_topics, paragraph_units, tfidf_features


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


class PeakMemory:
    """Peak resident memory while the block runs, sampled in a thread."""

    def __enter__(self):
        self.peak = rss_bytes()
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        while self._running:
            self.peak = max(self.peak, rss_bytes())
            time.sleep(0.005)

    def __exit__(self, *exc):
        self._running = False
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())


def repeated_folder(source: Path, repeat: int, target: Path) -> int:
    files = sorted(p for p in source.rglob("*.txt") if p.is_file())
    for copy in range(repeat):
        for path in files:
            destination = target / f"copy{copy:02d}" / path.relative_to(source)
            destination.parent.mkdir(parents=True, exist_ok=True)
            data = path.read_bytes()
            destination.write_bytes(data if copy == 0 else data + f"\n\ncopy {copy}\n".encode())
    return len(files) * repeat


def nltk_reference(texts: list[str]) -> tuple[int, int]:
    """The plain NLTK pipeline: Punkt sentences per paragraph, Treebank tokens per sentence."""
    punkt, words = sentence_tokenizer(), NLTKWordTokenizer()
    n_sentences = n_tokens = 0
    for text in texts:
        for paragraph in text.split("\n\n"):
            for start, end in punkt.span_tokenize(paragraph):
                n_sentences += 1
                n_tokens += sum(1 for _ in words.span_tokenize(paragraph[start:end]))
    return n_sentences, n_tokens


def run(folder: Path, repeat: int) -> pd.DataFrame:
    rows = []

    def stage(name, function, megabytes=None):
        with PeakMemory() as memory:
            started = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - started
        rows.append({"repeat": repeat, "stage": name, "seconds": seconds,
                     "mb_per_s": (megabytes / seconds) if megabytes and seconds else None,
                     "peak_rss_mb": memory.peak / 2**20})
        return result

    with tempfile.TemporaryDirectory() as scratch:
        n_files = repeated_folder(folder, repeat, Path(scratch))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            corpus = stage("load and clean", lambda: load_corpus(Path(scratch)))
    articles = corpus.articles
    megabytes = sum(len(t.encode("utf-8")) for t in articles["text"]) / 1e6
    rows[-1]["mb_per_s"] = megabytes / rows[-1]["seconds"]
    sentences, tokens = stage(
        "sentences and tokens",
        lambda: (lambda s: (s, tokens_table(s)))(sentences_table(articles)), megabytes)
    dtm = stage("document-term matrix", lambda: document_term_matrix(tokens, TermChoices()),
                megabytes)
    half = list(dtm.doc_ids[: len(dtm.doc_ids) // 2])
    stage("keyness", lambda: keyness(dtm, half), megabytes)
    quotes = stage("quote extraction", lambda: extract_quotes(articles, sentences), megabytes)
    stage("stance coding", lambda: code_claims(sentences, quotes), megabytes)

    def topic_model():
        units, _ = paragraph_units(sentences)
        matrix, terms = tfidf_features(units["text"], FeatureChoices(min_df=5, max_df=0.5))
        return nmf_topics(matrix, 5, 0, terms)

    stage("topic model (paragraphs, NMF k=5)", topic_model, megabytes)
    texts = articles["text"].tolist()
    reference_counts = stage("reference: NLTK Punkt + NLTKWordTokenizer",
                             lambda: nltk_reference(texts), megabytes)
    stage("reference: CountVectorizer (raw text)",
          lambda: CountVectorizer().fit_transform(texts), megabytes)
    print(f"x{repeat}: {n_files} files, {len(articles)} articles, {megabytes:.1f} MB of text, "
          f"{len(sentences)} sentences, {len(tokens)} tokens "
          f"(NLTK reference: {reference_counts[0]} sentences, {reference_counts[1]} tokens)",
          flush=True)
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, nargs="+", default=[1])
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    tables = []
    for repeat in args.repeat:
        table = run(args.folder, repeat)
        tables.append(table)
        pipeline = table[~table["stage"].str.startswith("reference")]
        seconds = table.set_index("stage")["seconds"]
        print(table.drop(columns="repeat").to_string(
            index=False, float_format=lambda v: f"{v:.2f}"))
        print(f"  all stages: {pipeline['seconds'].sum():.1f} s; peak RSS "
              f"{table['peak_rss_mb'].max():.0f} MB")
        nltk_ratio = (seconds["reference: NLTK Punkt + NLTKWordTokenizer"]
                      / seconds["sentences and tokens"])
        sklearn_ratio = (seconds["reference: CountVectorizer (raw text)"]
                         / seconds["document-term matrix"])
        print(f"  tokenizing stage / NLTK reference throughput: {nltk_ratio:.2f}x; "
              f"document-term matrix / CountVectorizer: {sklearn_ratio:.2f}x\n", flush=True)
    if len(tables) > 1:
        totals = pd.concat(tables).query("~stage.str.startswith('reference')").groupby(
            "repeat")["seconds"].sum()
        base = totals.iloc[0]
        print("scaling of all stages: " + ", ".join(
            f"x{r}: {s:.1f} s ({s / base:.1f} times x{totals.index[0]})"
            for r, s in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
