"""Time every stage of the pipeline on a corpus folder, repeated N times, beside the reference
tools (NLTK's Punkt + NLTKWordTokenizer pipeline, scikit-learn's CountVectorizer).

Usage:
    python benchmarks/run_benchmark.py FOLDER [--repeat 1 4 16]

For a repeat factor N the folder's .txt files are copied N times into a temporary folder; each
copy gets one extra line ("copy i") so the loader does not reject it as a duplicate. Every
stage runs once, in pipeline order, on the previous stage's output. For each stage it prints
the wall time, the throughput in MB of article text (UTF-8 bytes of the cleaned text) per
second, and the peak memory while the stage ran: the resident set of the process (sampled
every 5 ms) plus the proportional set of its parse workers (every 250 ms); it includes what
earlier stages still hold. Nothing here is run by
the tests.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
import tempfile
import threading
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import psutil
from nltk.tokenize import NLTKWordTokenizer
from sklearn.feature_extraction.text import CountVectorizer

from helpers.actors import discover_actors, load_alias_table, with_discovered
from helpers.corpus import CorpusWarning, load_corpus
from helpers.quotes import extract_quotes
from helpers.stance import code_claims, issue_prefilter
from helpers.syntax import (
    BATCH_SIZE,
    MAX_PARSE_CHARS,
    load_pipeline,
    needs_parse,
    parse_processes,
    parse_sentences,
)
from helpers.terms import TermChoices, document_term_matrix, keyness
from helpers.text import (
    bulk_sentence_tokenizer,
    sentence_tokenizer,
    sentences_table,
    tokens_table,
)
from helpers.tokenizers import treebank_tokens
from helpers.topics import FeatureChoices, nmf_topics, paragraph_units, tfidf_features


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def workers_memory_bytes(process: psutil.Process) -> int:
    """The proportional set (PSS) of the process's descendants, the parse workers: they share
    the pages of the libraries they load, which a sum of resident sets would count once per
    worker."""
    total = 0
    for child in process.children(recursive=True):
        try:
            total += child.memory_full_info().pss
        except psutil.Error:  # it ended between the listing and the reading
            pass
    return total


class PeakMemory:
    """Peak memory while the block runs, sampled in a thread: the resident set of this process
    every 5 ms plus the parse workers' PSS every 250 ms (reading theirs is costly enough that
    sampling it as often would slow the workers down)."""

    WORKERS_EVERY = 50  # samples

    def __enter__(self):
        self._process = psutil.Process()
        self._workers = workers_memory_bytes(self._process)
        self.peak = rss_bytes() + self._workers
        self._running = True
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self):
        count = 0
        while self._running:
            count += 1
            if count % self.WORKERS_EVERY == 0:
                self._workers = workers_memory_bytes(self._process)
            self.peak = max(self.peak, rss_bytes() + self._workers)
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


SPANS_ONLY = "spans only: helpers.tokenizers"
NLTK_REFERENCE = "reference: NLTK Punkt + NLTKWordTokenizer"
SKLEARN_REFERENCE = "reference: CountVectorizer (raw text)"
SPACY_REFERENCE = "reference: bare nlp.pipe on the same distinct sentences"
COMPARISONS = (SPANS_ONLY, NLTK_REFERENCE, SKLEARN_REFERENCE, SPACY_REFERENCE)  # not stages
PARAGRAPH = re.compile(r"[^\n]+(?:\n(?!\n)[^\n]+)*")


def nltk_reference(doc_ids: list[str], texts: list[str]) -> tuple[int, int, str]:
    """The plain NLTK pipeline: Punkt sentences per paragraph, Treebank tokens per sentence.

    Returns the numbers of sentences and tokens and a digest of every sentence and token
    span (offsets into the article), article by article in doc_id order.
    """
    punkt, words = sentence_tokenizer(), NLTKWordTokenizer()
    n_sentences = n_tokens = 0
    digest = hashlib.blake2b()
    for _, text in sorted(zip(doc_ids, texts)):
        sentence_spans, token_spans = [], []
        for paragraph in PARAGRAPH.finditer(text):
            offset = paragraph.start()
            for start, end in punkt.span_tokenize(paragraph.group()):
                sentence_spans.append((offset + start, offset + end))
                token_spans.extend((offset + start + a, offset + start + b)
                                   for a, b in words.span_tokenize(text[offset + start:
                                                                        offset + end]))
        digest.update(np.array(sentence_spans, dtype=np.int64).tobytes())
        digest.update(np.array(token_spans, dtype=np.int64).tobytes())
        n_sentences += len(sentence_spans)
        n_tokens += len(token_spans)
    return n_sentences, n_tokens, digest.hexdigest()


def bulk_spans_only(texts: list[str]) -> int:
    """What the NLTK reference does, with helpers.tokenizers: spans only, no tables.

    Sentences go to the word tokenizer 20,000 at a time, as in ``tokens_table``.
    """
    punkt = bulk_sentence_tokenizer()
    n_tokens, batch = 0, []
    for text in texts:
        for paragraph in PARAGRAPH.finditer(text):
            batch.extend(paragraph.group()[a:b]
                         for a, b in punkt.span_tokenize(paragraph.group()))
        if len(batch) >= 20_000:
            n_tokens += len(treebank_tokens(batch).tokens)
            batch = []
    return n_tokens + len(treebank_tokens(batch).tokens)


def pipeline_digest(sentences: pd.DataFrame, tokens: pd.DataFrame) -> str:
    """The same digest as :func:`nltk_reference`, from the sentences and tokens tables."""
    digest = hashlib.blake2b()
    sentences = sentences.sort_values("doc_id", kind="stable")
    sentence_docs = sentences["doc_id"].to_numpy(dtype=object)
    sentence_spans = sentences[["start", "end"]].to_numpy(dtype=np.int64)
    token_docs = tokens["doc_id"].to_numpy(dtype=object)
    token_spans = tokens[["start", "end"]].to_numpy(dtype=np.int64)
    sentence_bounds = _bounds(sentence_docs)
    token_bounds = dict(zip(*_bounds(token_docs)))
    for doc_id, (a, b) in zip(*sentence_bounds):
        digest.update(sentence_spans[a:b].tobytes())
        low, high = token_bounds.get(doc_id, (0, 0))
        digest.update(token_spans[low:high].tobytes())
    return digest.hexdigest()


def _bounds(sorted_ids: np.ndarray):
    starts = np.flatnonzero(np.r_[True, sorted_ids[1:] != sorted_ids[:-1]]) if len(sorted_ids) \
        else np.zeros(0, dtype=int)
    ends = np.r_[starts[1:], len(sorted_ids)]
    return sorted_ids[starts].tolist(), list(zip(starts.tolist(), ends.tolist()))


def run(folder: Path, repeat: int, parse_reference: bool = True) -> pd.DataFrame:
    rows = []

    def stage(name, function, megabytes=None):
        with PeakMemory() as memory:
            started = time.perf_counter()
            result = function()
            seconds = time.perf_counter() - started
        rows.append({"repeat": repeat, "stage": name, "seconds": seconds,
                     "mb_per_s": (megabytes / seconds) if megabytes and seconds else None,
                     "peak_mib": memory.peak / 2**20})
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
    mask = needs_parse(sentences, issue_prefilter())
    parses = stage("parse (spaCy, the sentences that need it)",
                   lambda: parse_sentences(sentences, mask), megabytes)
    selected = sentences.loc[mask.to_numpy(dtype=bool), "sentence"]
    # the texts the parse stage sends to spaCy: each distinct sentence once
    chosen = list(dict.fromkeys(selected[selected.str.len() <= MAX_PARSE_CHARS].tolist()))
    print(f"  parse: {len(selected):,} sentences selected, {len(chosen):,} distinct texts "
          "parsed", flush=True)
    if parse_reference:
            stage(SPACY_REFERENCE, lambda: sum(len(doc) for doc in load_pipeline().pipe(
            chosen, batch_size=BATCH_SIZE, n_process=parse_processes(len(chosen)))),
            megabytes)
    discovered = stage("discovered actors", lambda: discover_actors(parses), megabytes)
    actors = with_discovered(load_alias_table(), discovered)
    quotes = stage("quote extraction",
                   lambda: extract_quotes(articles, sentences, actors, parses), megabytes)
    stage("stance coding", lambda: code_claims(sentences, quotes, actors, parses=parses),
          megabytes)

    def topic_model():
        units, _ = paragraph_units(sentences)
        matrix, terms = tfidf_features(units["text"], FeatureChoices(min_df=5, max_df=0.5))
        return nmf_topics(matrix, 5, 0, terms)

    stage("topic model (paragraphs, NMF k=5)", topic_model, megabytes)
    texts = articles["text"].tolist()
    stage(SPANS_ONLY, lambda: bulk_spans_only(texts), megabytes)
    reference = stage(NLTK_REFERENCE,
                      lambda: nltk_reference(articles["doc_id"].tolist(), texts), megabytes)
    stage(SKLEARN_REFERENCE, lambda: CountVectorizer().fit_transform(texts), megabytes)
    same = pipeline_digest(sentences, tokens) == reference[2]
    print(f"x{repeat}: {n_files} files, {len(articles)} articles, {megabytes:.1f} MB of text, "
          f"{len(sentences)} sentences, {len(tokens)} tokens; NLTK reference: {reference[0]} "
          f"sentences, {reference[1]} tokens; every sentence and token span "
          f"{'identical' if same else 'DIFFERENT'}", flush=True)
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--repeat", type=int, nargs="+", default=[1])
    parser.add_argument("--no-parse-reference", action="store_true",
                        help="do not time bare nlp.pipe beside the parse stage (it doubles the "
                             "parsing time of a large run)")
    args = parser.parse_args(argv)
    if not args.folder.is_dir():
        print(f"error: {args.folder} is not a folder", file=sys.stderr)
        return 2
    tables = []
    for repeat in args.repeat:
        table = run(args.folder, repeat, parse_reference=not args.no_parse_reference)
        tables.append(table)
        pipeline = table[~table["stage"].isin(COMPARISONS)]
        seconds = table.set_index("stage")["seconds"]
        print(table.drop(columns="repeat").to_string(
            index=False, float_format=lambda v: f"{v:.2f}"))
        print(f"  all stages: {pipeline['seconds'].sum():.1f} s; peak memory of the stages "
              f"{pipeline['peak_mib'].max():.0f} MiB")
        nltk_ratio = seconds[NLTK_REFERENCE] / seconds["sentences and tokens"]
        spans_ratio = seconds[NLTK_REFERENCE] / seconds[SPANS_ONLY]
        sklearn_ratio = (seconds[SKLEARN_REFERENCE]
                         / seconds["document-term matrix"])
        if SPACY_REFERENCE in seconds:
            parse_overhead = (seconds["parse (spaCy, the sentences that need it)"]
                              / seconds[SPACY_REFERENCE] - 1)
            print(f"  parse: the project's overhead on top of bare nlp.pipe on the same "
                  f"sentences {100 * parse_overhead:+.0f}%")
        print(f"  throughput / NLTK reference: tokenizing stage (with the tables) "
              f"{nltk_ratio:.2f}x, spans only {spans_ratio:.2f}x; "
              f"document-term matrix / CountVectorizer: {sklearn_ratio:.2f}x\n", flush=True)
    if len(tables) > 1:
        everything = pd.concat(tables)
        totals = everything[~everything["stage"].isin(COMPARISONS)].groupby(
            "repeat")["seconds"].sum()
        base = totals.iloc[0]
        print("scaling of all stages: " + ", ".join(
            f"x{r}: {s:.1f} s ({s / base:.1f} times x{totals.index[0]})"
            for r, s in totals.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
