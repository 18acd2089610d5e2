"""Paragraphs -> tf-idf -> NMF topics and k-means clusters, with k chosen by a stated rule.

Five articles are too few to cluster as documents, so the unit is the paragraph (or a window
of sentences), each keeping its article. scikit-learn does the modelling: ``TfidfVectorizer``,
``NMF``, ``TruncatedSVD`` (LSA), ``KMeans``, ``silhouette_score``, ``adjusted_rand_score``.
Every model takes an explicit seed, so results repeat exactly with the pinned versions and one
BLAS thread (``make`` sets it).

Choosing k (:func:`k_selection`, :func:`choose_k`): for each k, NMF and k-means are run once
per seed from random starts; *stability* is the mean adjusted Rand index between the seeds'
partitions (1 = the same grouping every time, 0 = chance) and *silhouette* the mean cosine
silhouette of those partitions. The rule: among the k whose NMF stability reaches
``min_stability`` (0.8 by default), take the one with the highest NMF silhouette; if none
does, the most stable k. The reported model itself starts from NNDSVDa, not at random.
"""

from __future__ import annotations

import itertools
import re
import warnings
from dataclasses import asdict, dataclass
from functools import cache

import numpy as np
import pandas as pd
from scipy import sparse
from scipy.optimize import linear_sum_assignment
from sklearn.cluster import KMeans
from sklearn.decomposition import NMF, TruncatedSVD
from sklearn.exceptions import ConvergenceWarning
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import (
    adjusted_rand_score,
    confusion_matrix,
    normalized_mutual_info_score,
    silhouette_score,
)
from sklearn.preprocessing import normalize

from helpers.actors import alias_pattern, load_alias_table
from helpers.terms import is_metonym, name_term, spelling_variants
from helpers.text import STOPWORDS, reporting_sentences

_TOKEN_PATTERN = r"(?u)\b\w\w+\b"  # scikit-learn's default


@cache
def _stop_words() -> tuple[str, ...]:
    """The project's stopwords as scikit-learn's tokenizer splits them ("'ll" -> "ll")."""
    words = set()
    for word in STOPWORDS:
        words.update(re.findall(_TOKEN_PATTERN, word))
    return tuple(sorted(words))


UNIT_COLUMNS = ["unit_id", "doc_id", "paragraph_id", "first_sentence", "n_words", "text"]


# --- units --------------------------------------------------------------------------------------

def paragraph_units(sentences: pd.DataFrame, *, min_words: int = 8,
                    reporting_only: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Paragraphs as units, and an account of the paragraphs left out.

    Headings are left out (they name a section, they do not discuss it), list items with
    ``reporting_only`` (see :func:`helpers.text.reporting_sentences`), and paragraphs of
    fewer than ``min_words`` words. Returns ``(units, left_out)``: units with
    ``unit_id`` ('<doc_id>#<paragraph_id>'), ``doc_id``, ``paragraph_id``, ``first_sentence``,
    ``n_words``, ``text``; left-out paragraphs with ``doc_id``, ``paragraph_id``, ``reason``,
    ``text``.
    """
    keys = ["doc_id", "paragraph_id"]
    paragraphs = sentences.groupby(keys, sort=True)
    in_order = sentences.sort_values(keys + ["sentence_id"], kind="stable")
    texts = in_order.groupby(keys, sort=True)["sentence"].agg(" ".join)
    rows, left_out = [], []
    list_items = (paragraphs["is_list_item"].first(skipna=False).tolist()
                  if reporting_only and "is_list_item" in sentences else [False] * len(texts))
    for (doc_id, paragraph_id), text, heading, list_item, first_sentence in zip(
        texts.index, texts.tolist(), paragraphs["is_heading"].first(skipna=False).tolist(),
        list_items, paragraphs["sentence_id"].min().tolist(),
    ):
        n_words = len(text.split())
        if bool(heading):
            left_out.append({"doc_id": doc_id, "paragraph_id": int(paragraph_id),
                             "reason": "heading", "text": text})
        elif bool(list_item):
            left_out.append({"doc_id": doc_id, "paragraph_id": int(paragraph_id),
                             "reason": "list item", "text": text})
        elif n_words < min_words:
            left_out.append({"doc_id": doc_id, "paragraph_id": int(paragraph_id),
                             "reason": f"fewer than {min_words} words", "text": text})
        else:
            rows.append({"unit_id": f"{doc_id}#{int(paragraph_id)}", "doc_id": doc_id,
                         "paragraph_id": int(paragraph_id),
                         "first_sentence": int(first_sentence),
                         "n_words": n_words, "text": text})
    return (pd.DataFrame(rows, columns=UNIT_COLUMNS),
            pd.DataFrame(left_out, columns=["doc_id", "paragraph_id", "reason", "text"]))


def check_enough_units(units: pd.DataFrame, ks, minimum: int = 10) -> list[int]:
    """The k of ``ks`` that this many units can support, or a clear error when too few.

    Clustering needs at least ``minimum`` units and more units than clusters.
    """
    if len(units) < minimum:
        raise ValueError(f"only {len(units)} paragraphs to cluster: topic clustering needs at "
                         f"least {minimum}; add articles or use sentence_windows()")
    usable = [k for k in ks if 2 <= k < len(units)]
    if not usable:
        raise ValueError(f"no k in {list(ks)} fits {len(units)} units")
    return usable


def sentence_windows(sentences: pd.DataFrame, *, size: int = 3,
                     reporting_only: bool = True) -> pd.DataFrame:
    """Non-overlapping windows of ``size`` prose sentences per article (headings left out,
    list items too with ``reporting_only``), the alternative unit when paragraphs are very
    uneven. Same columns as the units of :func:`paragraph_units`; ``paragraph_id`` is that of
    the window's first sentence."""
    if size < 1:
        raise ValueError(f"size must be 1 or more, not {size}")
    rows = []
    prose = reporting_sentences(sentences, reporting_only)
    for doc_id, group in prose.groupby("doc_id", sort=True):
        group = group.sort_values("sentence_id")
        for start in range(0, len(group), size):
            window = group.iloc[start:start + size]
            text = " ".join(window["sentence"])
            rows.append({"unit_id": f"{doc_id}#s{int(window['sentence_id'].iloc[0])}",
                         "doc_id": doc_id, "paragraph_id": int(window["paragraph_id"].iloc[0]),
                         "first_sentence": int(window["sentence_id"].iloc[0]),
                         "n_words": len(text.split()), "text": text})
    return pd.DataFrame(rows, columns=UNIT_COLUMNS)


# --- features -----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeatureChoices:
    """tf-idf settings, all explicit. ``min_df``/``max_df``: a term must occur in at least
    ``min_df`` units and at most ``max_df`` (share) of them; ``sublinear_tf``: 1 + log(tf).
    ``merge_names`` and ``merge_spellings`` apply the term normalisation of notebook 02
    (:class:`helpers.terms.TermChoices`): each alias-table name is one feature named by its
    actor (``united_states``, ``von_der_leyen``), American spellings count as British."""

    drop_stopwords: bool = True
    min_df: int = 2
    max_df: float = 0.5
    ngram_max: int = 1
    sublinear_tf: bool = True
    merge_names: bool = True
    merge_spellings: bool = True

    def describe(self) -> pd.DataFrame:
        meaning = {
            "drop_stopwords": "the project's stopword list (helpers.text.STOPWORDS) left out"
            if self.drop_stopwords else "stopwords kept",
            "min_df": f"a term must occur in at least {self.min_df} units",
            "max_df": f"terms in more than {self.max_df:.0%} of units left out",
            "ngram_max": "single words" if self.ngram_max == 1
            else f"word n-grams up to n = {self.ngram_max}",
            "sublinear_tf": "term frequency damped to 1 + log(tf)" if self.sublinear_tf
            else "raw term frequency",
            "merge_names": "alias-table names one feature per actor, as in notebook 02"
            if self.merge_names else "names word by word",
            "merge_spellings": "American spellings counted as British, as in notebook 02"
            if self.merge_spellings else "spellings as written",
        }
        return pd.DataFrame([{"choice": k, "value": v, "meaning": meaning[k]}
                             for k, v in asdict(self).items()]).set_index("choice")


@cache
def _name_features() -> tuple[re.Pattern[str], dict[str, str]]:
    """The alias pattern and alias -> feature: the term of notebook 02 with '_' for spaces
    (roles and metonyms stay themselves, as with notebook 02's default choices)."""
    aliases = load_alias_table()
    features = {}
    for alias, actor, kind in zip(aliases["alias"], aliases["actor"], aliases["kind"]):
        kind = "metonym" if kind not in ("role", "person") and is_metonym(alias, actor) else kind
        features[alias] = "_".join(re.findall(r"\w+", name_term(alias, actor, kind)))
    return alias_pattern(aliases), features


@cache
def _spelling_pattern() -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(sorted(map(re.escape, spelling_variants()),
                                                 key=len, reverse=True)) + r")\b")


def normalise_for_features(text: str, choices: FeatureChoices = FeatureChoices()) -> str:
    """The text as the vectoriser reads it: names merged and lower-cased, spellings merged.

    >>> normalise_for_features("The US and Ursula von der Leyen discussed defense.")
    'the united_states and von_der_leyen discussed defence.'
    """
    if choices.merge_names:
        pattern, features = _name_features()
        text = pattern.sub(lambda match: features[match.group()], text)
    text = text.lower()
    if choices.merge_spellings:
        variants = spelling_variants()
        text = _spelling_pattern().sub(lambda match: variants[match.group()], text)
    return text


def tfidf_features(texts, choices: FeatureChoices = FeatureChoices()
                   ) -> tuple[sparse.csr_matrix, np.ndarray]:
    """Units x terms tf-idf matrix (rows L2-normalised) and the term names.

    Words are scikit-learn's default tokens (two or more letters or digits), lower-cased,
    after :func:`normalise_for_features`. A clear ValueError when the choices leave no term
    (too few units for ``min_df``).
    """
    texts = list(texts)
    vectorizer = TfidfVectorizer(
        preprocessor=lambda text: normalise_for_features(text, choices),
        stop_words=list(_stop_words()) if choices.drop_stopwords else None,
        token_pattern=_TOKEN_PATTERN,
        min_df=choices.min_df, max_df=choices.max_df, ngram_range=(1, choices.ngram_max),
        sublinear_tf=choices.sublinear_tf, dtype=np.float64)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError as error:  # sklearn: "After pruning, no terms remain" and the like
        raise ValueError(f"no features for {len(texts)} units with {choices}: {error}") from None
    return matrix.tocsr(), vectorizer.get_feature_names_out()


def lsa(matrix, n_components: int = 100, seed: int = 0) -> np.ndarray:
    """Latent semantic analysis: truncated SVD to at most ``n_components`` dimensions, rows
    re-normalised to unit length (so Euclidean k-means acts on cosine similarity)."""
    components = max(1, min(n_components, min(matrix.shape) - 1))
    reduced = TruncatedSVD(n_components=components, random_state=seed).fit_transform(matrix)
    return normalize(reduced)


# --- models -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class TopicModel:
    """An NMF fit: ``weights`` (units x topics), ``components`` (topics x terms), ``terms``,
    and each unit's ``labels`` (its strongest topic, 0-based)."""

    weights: np.ndarray
    components: np.ndarray
    terms: np.ndarray
    labels: np.ndarray


def nmf_topics(matrix, k: int, seed: int = 0, terms=None) -> TopicModel:
    """NMF with ``k`` topics; NNDSVDa initialisation (deterministic up to tiny zero fills)."""
    if k < 2 or k > matrix.shape[0]:
        raise ValueError(f"k must be between 2 and the number of units ({matrix.shape[0]})")
    model = NMF(n_components=k, init="nndsvda", random_state=seed, max_iter=1000)
    weights = model.fit_transform(matrix)
    return TopicModel(weights, model.components_,
                      np.asarray(terms) if terms is not None else np.array([]),
                      weights.argmax(axis=1))


def nmf_stability(matrix, k: int, seeds=(0, 1, 2, 3, 4)) -> float:
    """How far NMF's topics depend on where it starts: NMF from random starts, one per seed;
    the mean pairwise adjusted Rand index of the units' strongest topics (1 = always the same
    grouping, about 0 = no more alike than chance)."""
    partitions = [NMF(n_components=k, init="random", random_state=seed, max_iter=1000)
                  .fit_transform(matrix).argmax(axis=1) for seed in seeds]
    return float(np.mean([adjusted_rand_score(a, b)
                          for a, b in itertools.combinations(partitions, 2)]))


def kmeans_labels(points, k: int, seed: int = 0, n_init: int = 10) -> np.ndarray:
    """k-means cluster of each row of ``points`` (tf-idf or LSA), best of ``n_init`` starts."""
    if k < 2 or k > points.shape[0]:
        raise ValueError(f"k must be between 2 and the number of units ({points.shape[0]})")
    return KMeans(n_clusters=k, n_init=n_init, random_state=seed).fit_predict(points)


def topic_terms(model: TopicModel, top: int = 8) -> pd.DataFrame:
    """Each topic's ``top`` terms by weight (ties alphabetical), and how many units it leads.

    Columns: ``topic`` (1-based), ``units``, ``top_terms`` (comma-separated).
    """
    rows = []
    for topic, weights in enumerate(model.components):
        order = sorted(range(len(weights)), key=lambda j: (-round(weights[j], 12),
                                                            model.terms[j]))[:top]
        rows.append({"topic": topic + 1, "units": int((model.labels == topic).sum()),
                     "top_terms": ", ".join(model.terms[j] for j in order)})
    return pd.DataFrame(rows).set_index("topic")


def representative_units(model: TopicModel, units: pd.DataFrame) -> pd.DataFrame:
    """For each topic, the unit whose weight is most concentrated on it (its share of the
    unit's total topic weight; among equal shares, the largest weight). Columns: ``topic``,
    ``share``, ``doc_id``, ``unit_id``, ``text``."""
    totals = model.weights.sum(axis=1, keepdims=True)
    shares = np.divide(model.weights, totals, out=np.zeros_like(model.weights),
                       where=totals > 0)
    rows = []
    for topic in range(shares.shape[1]):
        # most concentrated first; among equal shares, the unit with the most weight
        best = int(np.lexsort((-model.weights[:, topic], -np.round(shares[:, topic], 12)))[0])
        rows.append({"topic": topic + 1, "share": float(shares[best, topic]),
                     "doc_id": units["doc_id"].iloc[best], "unit_id": units["unit_id"].iloc[best],
                     "text": units["text"].iloc[best]})
    return pd.DataFrame(rows).set_index("topic")


# --- choosing k ---------------------------------------------------------------------------------

def _partitions_agreement(partitions) -> tuple[float, float]:
    agreements = [adjusted_rand_score(a, b) for a, b in itertools.combinations(partitions, 2)]
    return float(np.mean(agreements)), float(np.min(agreements))


def _mean_silhouette(matrix, partitions) -> float:
    values = [silhouette_score(matrix, labels, metric="cosine")
              for labels in partitions if 1 < len(set(labels)) < matrix.shape[0]]
    return float(np.mean(values)) if values else float("nan")


SELECTION_MAX_UNITS = 3000  # units for choosing k; silhouettes cost units x units


def selection_sample(n_units: int, max_units: int = SELECTION_MAX_UNITS, seed: int = 0
                     ) -> np.ndarray:
    """Row positions for model selection: all units when there are at most ``max_units``,
    else a fixed random sample of ``max_units`` (seed ``seed``), in order. Choosing k costs
    units x units (silhouettes, repeated fits); the chosen model is then fitted on all units.

    >>> selection_sample(5).tolist(), len(selection_sample(10_000))
    ([0, 1, 2, 3, 4], 3000)
    """
    if n_units <= max_units:
        return np.arange(n_units)
    return np.sort(np.random.default_rng(seed).choice(n_units, max_units, replace=False))


def k_selection(matrix, ks, seeds=(0, 1, 2, 3, 4)) -> pd.DataFrame:
    """Stability and silhouette of NMF topics and k-means clusters for each k.

    Per seed, NMF starts from random factors and k-means from one random start (so that the
    seed matters); *stability* is the mean pairwise adjusted Rand index between the seeds'
    partitions (units assigned to their strongest topic / their cluster), ``*_min`` the
    lowest pair; *silhouette* the mean cosine silhouette of those partitions on the tf-idf
    rows. Columns: ``nmf_stability``, ``nmf_stability_min``, ``nmf_silhouette``,
    ``kmeans_stability``, ``kmeans_stability_min``, ``kmeans_silhouette``; index ``k``.
    """
    seeds = list(seeds)
    if len(seeds) < 2:
        raise ValueError("stability needs at least two seeds")
    rows = []
    for k in ks:
        if k < 2 or k >= matrix.shape[0]:
            raise ValueError(f"k = {k} is out of range for {matrix.shape[0]} units")
        nmf = [_nmf_partition(matrix, k, seed) for seed in seeds]
        kmeans = [kmeans_labels(matrix, k, seed, n_init=1) for seed in seeds]
        nmf_mean, nmf_min = _partitions_agreement(nmf)
        kmeans_mean, kmeans_min = _partitions_agreement(kmeans)
        rows.append({"k": k, "nmf_stability": nmf_mean, "nmf_stability_min": nmf_min,
                     "nmf_silhouette": _mean_silhouette(matrix, nmf),
                     "kmeans_stability": kmeans_mean, "kmeans_stability_min": kmeans_min,
                     "kmeans_silhouette": _mean_silhouette(matrix, kmeans)})
    return pd.DataFrame(rows).set_index("k")


def choose_k(selection: pd.DataFrame, min_stability: float = 0.8, model: str = "nmf"
             ) -> tuple[int, str]:
    """Apply the stated rule to a :func:`k_selection` table: ``(k, reason)``.

    Among the k whose ``<model>_stability`` reaches ``min_stability``, the one with the
    highest ``<model>_silhouette``; if no k is that stable, the most stable k.
    """
    stability, silhouette = selection[f"{model}_stability"], selection[f"{model}_silhouette"]
    stable = selection[stability >= min_stability]
    if len(stable):
        k = int(silhouette[stable.index].idxmax())
        return k, (f"k = {k}: the highest {model} silhouette ({silhouette[k]:.3f}) among the "
                   f"k whose {model} stability reaches {min_stability}")
    k = int(stability.idxmax())
    return k, (f"k = {k}: no k reaches {model} stability {min_stability}; the most stable "
               f"one ({stability[k]:.3f}) is taken")


# How much more separate than shuffled text the topics must be. Calibrated, not validated, on
# the two corpora it was set between: the project's five articles (1.2-1.5 at every k) and the
# BBC News paragraphs, whose categories are known (3.4).
MIN_SEPARATION_RATIO = 2.0
NULL_DRAWS = 19  # beating all of 19 shuffled corpora is a one-sided test at p = 1/20 = 0.05


def shuffled_terms(matrix, seed: int = 0) -> sparse.csr_matrix:
    """A null corpus: each term's weights dealt out to the units at random (every column
    permuted on its own, rows L2-normalised again). Each term keeps its distribution of
    weights and the units keep roughly their sizes, but which terms occur together, the only
    thing a topic can be made of, is destroyed."""
    rng = np.random.default_rng(seed)
    columns = sparse.csc_matrix(matrix, copy=True)
    n_units = columns.shape[0]
    for j in range(columns.shape[1]):
        first, last = columns.indptr[j], columns.indptr[j + 1]
        columns.indices[first:last] = rng.choice(n_units, last - first, replace=False)
    columns.sort_indices()
    return normalize(columns.tocsr())


def _nmf_partition(matrix, k: int, seed: int) -> np.ndarray:
    """Each unit's strongest topic in NMF from a random start (seed ``seed``)."""
    with warnings.catch_warnings():  # shuffled terms converge slowly; the partition is used
        warnings.simplefilter("ignore", ConvergenceWarning)
        return (NMF(n_components=k, init="random", random_state=seed, max_iter=1000)
                .fit_transform(matrix).argmax(axis=1))


def null_comparison(matrix, k: int, seeds=(0, 1, 2), draws: int = NULL_DRAWS) -> pd.DataFrame:
    """NMF stability and silhouette at ``k`` on the units and on ``draws`` shuffled-term
    corpora (:func:`shuffled_terms`, seeds 0..draws-1), measured as in :func:`k_selection`.

    Columns ``corpus`` ('observed' or 'shuffled <i>'), ``stability``, ``silhouette``.
    """
    rows = []
    for name, data in [("observed", matrix)] + [
            (f"shuffled {draw}", shuffled_terms(matrix, seed=draw)) for draw in range(draws)]:
        partitions = [_nmf_partition(data, k, seed) for seed in seeds]
        rows.append({"corpus": name, "stability": _partitions_agreement(partitions)[0],
                     "silhouette": _mean_silhouette(data, partitions)})
    return pd.DataFrame(rows)


def topic_structure(null: pd.DataFrame, min_ratio: float = MIN_SEPARATION_RATIO
                    ) -> tuple[bool, str]:
    """Whether the topics are structure rather than noise, by a stated rule, and why.

    Structure means the observed NMF topics are more separate (silhouette) than the topics of
    every shuffled corpus (a permutation test: with 19 draws p = 0.05) *and* at least
    ``min_ratio`` times as separate as their mean: on tf-idf text a silhouette is always small,
    so the null, not an absolute value, is the yardstick, and beating it by a hair is no
    theme. Stability is reported beside it: random starts of NMF on shuffled text can agree
    too, so it does not decide.
    """
    observed = null[null["corpus"] == "observed"].iloc[0]
    shuffled = null[null["corpus"] != "observed"]
    null_mean = shuffled["silhouette"].mean()
    above_all = observed["silhouette"] > shuffled["silhouette"].max()
    # a null at or below zero: any positive margin over all draws is clear separation
    ratio = observed["silhouette"] / null_mean if null_mean > 0 else np.inf
    p_value = (1 + int((shuffled["silhouette"] >= observed["silhouette"]).sum())) / (
        len(shuffled) + 1)
    facts = (f"silhouette {observed['silhouette']:.3f} against {null_mean:.3f} on average (at "
             f"most {shuffled['silhouette'].max():.3f}) for {len(shuffled)} shuffled-term "
             f"corpora (p = {p_value:.2f}), {ratio:.1f} times as separate; stability "
             f"{observed['stability']:.2f} against at most {shuffled['stability'].max():.2f}")
    if above_all and ratio >= min_ratio:
        return True, f"Structure: {facts}."
    return False, (f"No structure: the topics are not clearly more separate than topics fitted "
                   f"to shuffled terms (at least {min_ratio:g} times is required): {facts}.")


def conclusion(selection: pd.DataFrame, k: int, structure: bool, statement: str,
               model_agreement: float) -> str:
    """The notebook's conclusion in Markdown, from the measured figures: themes are named
    only when :func:`topic_structure` finds structure."""
    stability, silhouette = selection["nmf_stability"], selection["nmf_silhouette"]
    ks = f"k = {selection.index.min()}-{selection.index.max()}"
    spread = (f"Over {ks}, NMF stability runs from {stability.min():.2f} to "
              f"{stability.max():.2f} and the silhouette from {silhouette.min():.3f} to "
              f"{silhouette.max():.3f}; at k = {k}, k-means and NMF agree at ARI "
              f"{model_agreement:.2f}.")
    if structure:
        return (f"**The topics hold.** {statement} {spread} The topics are groupings of "
                "vocabulary clearly more separate than those of shuffled text; "
                "read their top terms and representative paragraphs as themes, and their "
                "shares by article or summit as where those themes are argued.")
    return (f"**There are no topics to name here.** {statement} {spread} The groups above are "
            f"what NMF makes when asked for {k}; they are numbered, not named, and their shares "
            "by article or summit are not evidence of different agendas. What the notebook "
            "supports is a reading aid: the top terms and paragraphs show the vocabulary. On a "
            "larger corpus the same test can find structure (it does on the BBC News corpus, "
            "`make validate-topics`).")


# --- reading the result -------------------------------------------------------------------------

def topic_by_article(units: pd.DataFrame, labels) -> pd.DataFrame:
    """Units per topic (rows, 1-based) and article (columns)."""
    table = pd.crosstab(pd.Series(np.asarray(labels) + 1, name="topic"),
                        pd.Series(units["doc_id"].to_numpy(), name="doc_id"))
    return table


def topic_share_by_group(units: pd.DataFrame, labels, groups: pd.Series) -> pd.DataFrame:
    """Share of each group's units (e.g. summit) in each topic; rows sum to 1. Articles with
    no group value are grouped as 'unknown'."""
    group = units["doc_id"].map(groups).fillna("unknown").to_numpy()
    table = pd.crosstab(pd.Series(group, name=groups.name or "group"),
                        pd.Series(np.asarray(labels) + 1, name="topic"), normalize="index")
    return table


def unit_map(matrix, seed: int = 0) -> np.ndarray:
    """2-D coordinates of the units for a map: the first two LSA (truncated SVD) axes."""
    return TruncatedSVD(n_components=2, random_state=seed).fit_transform(matrix)


def agreement_with_labels(true_labels, predicted) -> dict[str, float]:
    """NMI, ARI and accuracy of a partition against known categories.

    Accuracy matches clusters to categories one-to-one so as to maximise agreement (the
    Hungarian algorithm, ``scipy.optimize.linear_sum_assignment``).

    >>> agreement_with_labels(["a", "a", "b", "b"], [1, 1, 0, 0])["accuracy"]
    1.0
    """
    true_labels, predicted = np.asarray(true_labels), np.asarray(predicted)
    categories, clusters = np.unique(true_labels), np.unique(predicted)
    counts = confusion_matrix(
        np.searchsorted(categories, true_labels),
        np.searchsorted(clusters, predicted) + len(categories),
        labels=range(len(categories) + len(clusters)),
    )[:len(categories), len(categories):]
    rows, columns = linear_sum_assignment(-counts)
    return {"nmi": float(normalized_mutual_info_score(true_labels, predicted)),
            "ari": float(adjusted_rand_score(true_labels, predicted)),
            "accuracy": float(counts[rows, columns].sum() / len(true_labels))}
