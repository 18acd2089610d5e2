"""The five real articles load with the right metadata and no boilerplate left."""

import pandas as pd
import pytest

from helpers.corpus import clean_article, cleaning_rules, cleaning_totals, normalise_unicode

# Strings that are boilerplate wherever they occur in these articles.
BOILERPLATE = [
    "Show on website", "Click Here", "Category:", "Document Date", "Published on", "---", "##",
    "RKI Network", "AKIPRESS.COM", "Related Sources", "Image source", "appeared first on",
    "Disclaimer", "Kalkine", "Sponsored Articles", "Investing Ideas", "Previous Next",
    "| By Invezz", "10:43 PM PST",
]


def test_all_five_articles_load_and_every_file_is_reported(corpus):
    assert corpus.articles["doc_id"].tolist() == [
        "000_64836e5e3a4efbc5", "001_4cb1c55a38efc4d4", "002_abdf45bae94bc7b0",
        "003_02058e297b92da1a", "004_7cc8777ee65a6feb",
    ]
    assert corpus.report["status"].value_counts().to_dict() == {"loaded": 5, "metadata": 1}


@pytest.mark.parametrize("text", BOILERPLATE)
def test_no_boilerplate_left_in_any_article(corpus, text):
    offenders = corpus.articles.loc[corpus.articles["text"].str.contains(text, regex=False),
                                    "doc_id"].tolist()
    assert offenders == []


def test_metadata_stated_inferred_or_unknown(articles):
    expected = {
        "000_64836e5e3a4efbc5": ("RKI Network", "inferred", "2025-02-17", "stated",
                                 "Paris 2025-02-17", "inferred"),
        "001_4cb1c55a38efc4d4": ("AKIpress", "stated", None, "unknown",
                                 "Paris 2025-02-17", "inferred"),
        "002_abdf45bae94bc7b0": (None, "unknown", None, "unknown",
                                 "Brussels 2025-03-20", "inferred"),
        "003_02058e297b92da1a": ("Invezz", "stated", "2025-03-02", "stated",
                                 "London 2025-03-02", "inferred"),
        "004_7cc8777ee65a6feb": (None, "unknown", None, "unknown",
                                 "Paris 2025-03-27", "inferred"),
    }
    columns = ["outlet", "outlet_status", "published", "published_status", "summit",
               "summit_status"]
    for doc_id, values in expected.items():
        row = articles.loc[doc_id, columns]
        got = tuple(None if pd.isna(v) else v for v in row)
        assert got == values, doc_id


def test_titles_come_from_the_text(articles):
    assert articles.loc["000_64836e5e3a4efbc5", "title"] == (
        "European Leaders meet in Paris as Trump accelerates Ukraine-Russia peace push")
    assert articles.loc["002_abdf45bae94bc7b0", "title"].startswith("Coalition Leaders Plan")
    assert articles.loc["003_02058e297b92da1a", "title"].endswith("here's what we know so far")
    # 001 and 004 open with prose: no title is invented for them.
    assert articles.loc[["001_4cb1c55a38efc4d4", "004_7cc8777ee65a6feb"], "title"].isna().all()


def test_body_starts_and_ends_with_the_reporting(articles):
    text = articles["text"]
    assert text["000_64836e5e3a4efbc5"].startswith("European leaders convened in Paris on Monday")
    assert text["001_4cb1c55a38efc4d4"].startswith("European leaders held an emergency summit")
    assert text["003_02058e297b92da1a"].endswith(
        '"Europe must do the heavy lifting, but a sustainable peace requires US support," '
        "he stated.")
    assert text["002_abdf45bae94bc7b0"].endswith("to truly ending the fighting.")
    # the repeated title in 003 is removed once, the real title kept in its column
    assert "European leaders to draft" not in text["003_02058e297b92da1a"]


def test_hard_wrapped_paragraphs_are_rejoined(articles):
    text = articles.loc["000_64836e5e3a4efbc5", "text"]
    assert "President Donald Trump intensifies efforts" in text
    assert "Polish Prime Minister Donald Tusk" in text
    assert "responsibility for supporting Kyiv" in text
    # ...but real section headings in 003 stay paragraphs of their own
    assert "\n\nWashington's stance\n\n" in articles.loc["003_02058e297b92da1a", "text"]


def test_unicode_is_normalised_and_the_original_kept(articles):
    text = articles.loc["003_02058e297b92da1a", "text"]
    raw = articles.loc["003_02058e297b92da1a", "raw_text"]
    assert "\u201c" not in text and "\u2019" not in text
    assert '"This is not a moment for more talk. It\'s time to act," he stated' in text
    assert "\u201cThis is not a moment for more talk. It\u2019s time to act,\u201d" in raw
    assert "steel porcupine - indigestible" in text
    assert "Pedro Sánchez" in articles.loc["000_64836e5e3a4efbc5", "text"]


def test_raw_text_is_the_file_as_received(articles, raw_dir):
    for _, row in articles.iterrows():
        assert row["raw_text"] == (raw_dir / row["path"]).read_text(encoding="utf-8")


def test_audit_records_every_removal_with_its_text(corpus):
    audit = corpus.audit
    removed = audit[audit["action"] == "remove"]
    assert set(removed["rule"]) <= set(cleaning_rules()["rule"])
    disclaimer = removed[removed["rule"] == "disclaimer"]
    assert disclaimer["doc_id"].unique().tolist() == ["003_02058e297b92da1a"]
    assert disclaimer["n_chars"].sum() == 2830
    assert sorted(removed.loc[removed["doc_id"] == "000_64836e5e3a4efbc5", "rule"]) == sorted([
        "markdown_separator", "markdown_separator", "title", "published_line", "crawl_metadata",
        "category_line", "show_on_website", "markdown_heading", "dateline"])


def test_cleaning_totals_add_up(corpus):
    totals = cleaning_totals(corpus.articles, corpus.audit)
    # title 93, byline 39, repeated title 93, image credit 20, feed footer 127,
    # disclaimer 2830, sponsored block 46 (lengths of the lines in the raw file)
    assert totals.loc["003_02058e297b92da1a", "removed_chars"] == 93 + 39 + 93 + 20 + 127 + 2830 + 46
    assert totals.loc["001_4cb1c55a38efc4d4", "removed_chars"] == 15  # the dateline only
    assert (totals["removed_share"] < 0.5).all()


def test_clean_article_on_messy_text():
    raw = (
        "# Leaders Meet Again\n\nPublished: Mar. 27, 2025\n\nLONDON \u2014 Starmer said "
        "\u201cpeace comes through\n\nstrength\u201d on Thursday.\n\nImage: Reuters\n\n"
        "The post Leaders Meet Again appeared first on Example News\n"
    )
    cleaned = clean_article(raw)
    assert cleaned.title == "Leaders Meet Again"
    assert cleaned.published == "2025-03-27"
    assert cleaned.text == 'Starmer said "peace comes through strength" on Thursday.'
    rules = [row["rule"] for row in cleaned.audit]
    assert {"title", "published_line", "dateline", "image_credit", "post_appeared_first",
            "hard_wrap", "curly_double_quotes", "dashes"} <= set(rules)
    dashes = next(row for row in cleaned.audit if row["rule"] == "dashes")
    assert dashes["n_chars"] == 1


def test_a_sentence_ending_in_a_short_line_is_not_glued_to_a_heading():
    cleaned = clean_article("Body text one.\n\nThe Road Ahead\n\nMore body text.")
    assert cleaned.text == "Body text one.\n\nThe Road Ahead\n\nMore body text."


def test_the_last_paragraph_of_every_article_is_kept(corpus, raw_dir):
    endings = {
        "000_64836e5e3a4efbc5": "toward a diplomatic breakthrough with Russia.",
        "001_4cb1c55a38efc4d4": "spend more than 2% of GDP on defense.",
        "004_7cc8777ee65a6feb": "boosting its defense capabilities.",
    }
    texts = corpus.articles.set_index("doc_id")["text"]
    for doc_id, ending in endings.items():
        assert texts[doc_id].endswith(ending), doc_id


def test_a_disclaimer_mid_article_does_not_swallow_the_reporting():
    raw = ("Court Moves Against Putin\n\nDisclaimer: this article was updated on Tuesday.\n\n"
           "The court issued an arrest warrant for Putin over the deportation of children, a "
           "step Moscow called meaningless and Kyiv welcomed as long overdue for its people.\n")
    cleaned = clean_article(raw)
    assert cleaned.text.startswith("Disclaimer: this article was updated on Tuesday.")
    assert "arrest warrant for Putin" in cleaned.text


def test_a_lead_sentence_without_a_full_stop_is_not_taken_for_a_title():
    raw = ("European leaders gathered in Paris on Monday to discuss how they could support "
           "Ukraine if a ceasefire is agreed\nMacron hosted the talks.")
    cleaned = clean_article(raw)
    assert cleaned.title is None
    assert cleaned.text.startswith("European leaders gathered in Paris on Monday")


def test_a_short_heading_is_not_joined_to_the_next_paragraph():
    raw = "Leaders met in Paris.\n\nBrussels reacts\n\nvon der Leyen said the plan was welcome."
    assert clean_article(raw).text == raw


def test_normalise_unicode_counts_each_change():
    text, rows = normalise_unicode("\u201cA\u201d\u00a0B\u200b \u2018c\u2019")
    assert text == "\"A\" B 'c'"
    assert {r["rule"]: r["n_chars"] for r in rows} == {
        "curly_single_quotes": 2, "curly_double_quotes": 2, "unusual_spaces": 1,
        "invisible_characters": 1}


def test_invalid_bytes_are_counted_one_by_one():
    from helpers.corpus import decode_article

    decoded = decode_article("ok \u2019".encode() + b"\xa3\x93 and \xff")
    assert decoded.text == "ok \u2019\u00a3\u201c and \u00ff"
    assert decoded.notes[0].startswith("not valid UTF-8 (3 byte(s), the first 0xA3")


@pytest.mark.parametrize("first_paragraph, dateline", [
    ("RIYADH, Saudi Arabia (Harbourline News Agency) - Senior officials agreed on Tuesday.",
     "RIYADH, Saudi Arabia (Harbourline News Agency) - "),
    ("KYIV (Reuters) \u2013 Ukraine said on Wednesday it was ready.", "KYIV (Reuters) - "),
])
def test_a_wire_dateline_after_a_headline_is_removed_with_its_agency(first_paragraph, dateline):
    # written for the test: a headline the title rule keeps, then the wire's dateline
    cleaned = clean_article(f"Officials agree to keep talking after the meeting in the city\n\n"
                            f"{first_paragraph}\n\nA second paragraph follows here.\n")
    removed = [row["text"] for row in cleaned.audit if row["rule"] == "dateline"]
    assert removed == [dateline]
    assert dateline not in cleaned.text and "(Reuters)" not in cleaned.text



def test_a_title_case_headline_with_a_comma_and_a_dash_is_no_dateline():
    cleaned = clean_article("Ukraine talks\n\nUK, France To Lead Coalition - Starmer says "
                            "Europe must step up.\n")
    assert "UK, France To Lead Coalition - Starmer" in cleaned.text
    assert not [row for row in cleaned.audit if row["rule"] == "dateline"]
