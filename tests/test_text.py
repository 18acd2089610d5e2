"""Sentences, tokens, stems and n-grams on the real articles and messy text."""

import os
import subprocess
import sys

import pandas as pd

from helpers.text import (
    ngrams_table,
    sentences_table,
    split_sentences,
    stem_display_forms,
    tokenize,
    tokens_table,
)


def sentences_of(tables, doc_id):
    sentences = tables["sentences"]
    return sentences.loc[sentences["doc_id"] == doc_id, "sentence"].tolist()


def test_sentence_counts_per_article(tables):
    assert tables["sentences"].groupby("doc_id").size().tolist() == [15, 30, 20, 29, 28]


def test_abbreviations_do_not_end_sentences(tables):
    first = sentences_of(tables, "000_64836e5e3a4efbc5")[0]
    assert first.startswith("European leaders convened in Paris on Monday as U.S. President")
    assert first.endswith("about the process and its implications.")
    assert any("support already provided by the U.S., Germany, and Romania." in s
               for s in sentences_of(tables, "002_abdf45bae94bc7b0"))


def test_headings_are_their_own_flagged_sentences(tables):
    sentences = tables["sentences"]
    headings = sentences.loc[sentences["is_heading"], "sentence"].tolist()
    assert headings == [
        "Coalition for peace and security guarantees", "Zelenskiy: No territorial concessions",
        "Europe's push for increased defense spending", "Washington's stance",
        "Implications of the Ukraine Peace Talks",
    ]


def test_list_items_are_flagged_and_keep_their_marker(tables):
    sentences = tables["sentences"]
    items = sentences[sentences["is_list_item"]]
    assert items["doc_id"].unique().tolist() == ["004_7cc8777ee65a6feb"]
    assert len(items) == 10
    assert items["sentence"].str.startswith("- ").all()
    assert not items["is_heading"].any()


def test_sentence_offsets_point_into_the_cleaned_text(corpus, tables):
    texts = corpus.articles.set_index("doc_id")["text"]
    for row in tables["sentences"].itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.sentence


def test_token_offsets_and_forms(corpus, tables):
    texts = corpus.articles.set_index("doc_id")["text"]
    tokens = tables["tokens"]
    for row in tokens.sample(300, random_state=0).itertuples():
        assert texts[row.doc_id][row.start : row.end] == row.token
    assert (tokens["norm"] == tokens["token"].str.lower()).all()
    assert tokens.groupby("doc_id")["token_id"].apply(
        lambda ids: ids.tolist() == list(range(len(ids)))).all()


def test_token_flags_on_a_real_sentence(tables):
    tokens = tables["tokens"].query("doc_id == '001_4cb1c55a38efc4d4' and sentence_id == 25")
    assert tokens["token"].tolist()[:8] == ["Warsaw", "is", "also", "not", "ready", "to", "send",
                                            "troops"]
    by_token = tokens.set_index("token")
    assert not by_token.loc["Warsaw", "is_stopword"] and by_token.loc["is", "is_stopword"]
    assert by_token.loc["troops", "stem"] == "troop"
    assert not by_token.loc[",", "is_word"] and by_token.loc[",", "stem"] == ""


def test_tokenizer_keeps_clitics_quotes_and_compounds_apart():
    tokens = [t for _, _, t in tokenize('Zelenskiy\'s "steel porcupine" - U.S.-made, €5 billion.')]
    assert tokens == ["Zelenskiy", "'s", '"', "steel", "porcupine", '"', "-", "U.S.-made", ",",
                      "€5", "billion", "."]


def test_sentences_never_cross_paragraphs():
    text = "A heading without a stop\n\nThe body starts here. It goes on."
    assert [text[a:b] for a, b in split_sentences(text)] == [
        "A heading without a stop", "The body starts here.", "It goes on."]


def test_stem_display_forms_are_the_most_frequent_form(tables):
    forms = stem_display_forms(tables["tokens"]).set_index("stem")
    assert forms.loc["negoti", "display"] == "negotiations"
    assert forms.loc["negoti", "forms"].startswith("negotiations (")
    assert forms.loc["ukrain", "n_tokens"] == (tables["tokens"]["norm"] == "ukraine").sum()


def test_bigrams_within_sentences_and_without_stopwords(tables):
    bigrams = ngrams_table(tables["tokens"], 2, skip_stopwords=True)
    counts = bigrams["ngram"].value_counts()
    assert counts["european leaders"] == 17
    assert counts["security guarantees"] == 7
    # no bigram joins the last word of one sentence to the first of the next
    first = ngrams_table(tables["tokens"], 2).query(
        "doc_id == '000_64836e5e3a4efbc5'")["ngram"].tolist()
    assert "implications the" not in first


def test_functions_do_not_mutate_their_inputs(corpus):
    articles = corpus.articles.copy()
    sentences = sentences_table(articles)
    sentences_copy = sentences.copy()
    tokens = tokens_table(sentences)
    tokens_copy = tokens.copy()
    ngrams_table(tokens, 3)
    stem_display_forms(tokens)
    pd.testing.assert_frame_equal(articles, corpus.articles)
    pd.testing.assert_frame_equal(sentences, sentences_copy)
    pd.testing.assert_frame_equal(tokens, tokens_copy)


def test_tokenizing_needs_no_nltk_data(tmp_path):
    # An empty NLTK data path and a download that fails loudly: tokenizing must still work.
    code = (
        "import nltk\n"
        "nltk.download = lambda *a, **k: (_ for _ in ()).throw(RuntimeError('download'))\n"
        "import pandas as pd\n"
        "from helpers.text import sentences_table, tokens_table\n"
        "s = sentences_table(pd.DataFrame({'doc_id': ['a'], 'text': ['Mr. Macron spoke. "
        "Troops?']}))\n"
        "print(len(s), len(tokens_table(s)))\n"
    )
    env = {**os.environ, "NLTK_DATA": str(tmp_path), "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert result.stdout.split() == ["2", "6"]
    assert result.stderr == ""


def test_the_platform_x_ends_a_sentence_and_initials_do_not():
    text = ('"No," he wrote on X. He said so. She posted to X. "Then," said George W. Bush. '
            'Written by J. Smith.')
    assert [text[a:b] for a, b in split_sentences(text)] == [
        '"No," he wrote on X.', "He said so.", "She posted to X.",
        '"Then," said George W. Bush.', "Written by J. Smith."]
