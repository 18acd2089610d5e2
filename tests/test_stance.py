"""Stance coding: the codebook, the hand codes, the automatic coder and its reliability."""

import re

import pandas as pd
import pytest
from conftest import PROJECT_ROOT
from sklearn.metrics import cohen_kappa_score

from helpers.actors import load_alias_table
from helpers.quotes import extract_quotes
from helpers.stance import (
    CLAIM_COLUMNS,
    STANCES,
    CodebookError,
    article_stances,
    check_hand_codes,
    code_claims,
    compare_codings,
    confusion,
    disagreements,
    discourse_network,
    issue_mentions,
    load_codebook,
    load_hand_codes,
    network_edges,
    read_annotations,
    reliability,
    stance_by_group,
    stance_labels,
    stance_matrix,
    stance_of,
)
from helpers.text import sentences_table

ANNOTATIONS = PROJECT_ROOT / "data" / "annotations"
ISSUES = ["troops", "security_guarantees", "us_backstop", "ceasefire", "negotiations",
          "seat_at_table", "sanctions", "defense_spending", "military_aid", "territory",
          "minerals_deal"]


def claims_of(text: str, doc_id: str = "new_article") -> pd.DataFrame:
    articles = pd.DataFrame({"doc_id": [doc_id], "text": [text]})
    sentences = sentences_table(articles)
    return code_claims(sentences, extract_quotes(articles, sentences))


def coded(text: str) -> set[tuple[str, str, str]]:
    return set(claims_of(text)[["actor", "issue", "stance"]].itertuples(index=False, name=None))


# --- codebook -----------------------------------------------------------------------------------

def test_codebook_has_the_issue_ids_and_every_part_a_coder_needs():
    codebook = load_codebook()
    assert codebook.issue_ids == ISSUES
    for issue in codebook.issues.itertuples():
        assert issue.label and issue.definition and issue.include and issue.exclude
        assert issue.cues
    assert {"support", "oppose", "neutral", "negation"} <= set(codebook.stance_cues)


def test_no_rule_names_an_article():
    names = [p.stem for p in (PROJECT_ROOT / "data" / "raw").glob("*.txt")]
    rules = ((PROJECT_ROOT / "src" / "helpers" / "stance.py").read_text(encoding="utf-8")
             + (PROJECT_ROOT / "src" / "helpers" / "data" / "stance_codebook.yml").read_text(
                 encoding="utf-8"))
    for name in names:
        assert name not in rules and name.split("_")[1] not in rules


@pytest.mark.parametrize("body, problem", [
    ("issues:\n  - id: troops\n    cues: [troops]\nstance_cues:\n  support: [x]\n"
     "  oppose: [y]\n  neutral: [z]\n  negation:\n    - no\nclaim_verbs: [said]\n",
     "not a string"),
    ("issues: []\n", "no 'issues'"),
    ("issues:\n  - id: troops\n    cues: ['troops(']\nstance_cues:\n  support: [x]\n"
     "  oppose: [y]\n  neutral: [z]\n  negation: [not]\nclaim_verbs: [said]\n", "compile"),
    ("issues:\n  - id: troops\n    cues: [troops]\nstance_cues:\n  support: [x]\n",
     "lacks"),
    ("issues:\n  troops: [troops]\n", "must be a list"),
    ("issues:\n  - id: troops\n    cues: troops\n", "'cues' must be a list"),
    ("issues:\n  - id: troops\n    cues: [troops]\nstance_cues:\n  support:\n"
     "  oppose: [y]\n  neutral: [z]\n  negation: [not]\nclaim_verbs: [said]\n",
     "stance_cues.support must be a non-empty list"),
    ("version: '1.1'\nissues:\n  - id: troops\n    cues: [troops]\nstance_cues:\n"
     "  support: [x]\n  oppose: [y]\n  neutral: [z]\n  negation: [not]\n"
     "claim_verbs: [said]\n", "whole number"),
])
def test_a_broken_codebook_is_reported_with_its_file(tmp_path, body, problem):
    path = tmp_path / "codebook.yml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(CodebookError, match=problem) as error:
        load_codebook(path)
    assert str(path) in str(error.value)


def test_issue_mentions_prefer_the_longest_cue_and_mark_inverse_cues():
    found = issue_mentions("They backed US security guarantees, not lifting sanctions.")
    assert [(m.issue, m.inverse) for m in found] == [("us_backstop", False),
                                                     ("sanctions", True)]


def test_cues_with_groups_are_matched_one_pattern_at_a_time(tmp_path):
    """A codebook may reuse a group name or number; each issue's pattern keeps its own."""
    path = tmp_path / "codebook.yml"
    path.write_text(
        "issues:\n"
        "  - id: troops\n    cues: ['(?P<w>boots) on the ground']\n"
        "  - id: guarantees\n    cues: ['(?P<w>shield)']\n"
        "  - id: repetition\n    cues: ['(\\w+) and \\1 again']\n"
        "stance_cues:\n  support: [backs]\n  oppose: [rejects]\n  neutral: [discussed]\n"
        "  negation: [not]\nclaim_verbs: [said]\n", encoding="utf-8")
    codebook = load_codebook(path)
    found = issue_mentions("Guarantees and guarantees again, a shield, boots on the ground.",
                           codebook)
    assert [m.issue for m in found] == ["repetition", "guarantees", "troops"]
    assert issue_mentions("Nothing here.", codebook) == []


# --- hand codes ---------------------------------------------------------------------------------

def test_hand_codes_follow_the_codebook_and_quote_their_sentences(tables):
    hand = load_hand_codes(ANNOTATIONS)
    assert len(hand) == 74
    assert set(hand["issue"]) <= set(ISSUES) and set(hand["stance"]) <= set(STANCES)
    actors = set(load_alias_table()["actor"])
    assert set(hand["actor"]) <= actors
    sentences = tables["sentences"].set_index(["doc_id", "sentence_id"])["sentence"]
    articles = tables["articles"].set_index("doc_id")["text"]
    for row in hand.itertuples():
        sentence = sentences[(row.doc_id, row.sentence_id)]
        for part in row.evidence.split(" ... "):  # '...' marks words left out
            assert part.strip(' "') in sentence or part.strip(' "') in articles[row.doc_id]


def test_annotations_with_an_unknown_stance_name_the_file_and_line(tmp_path):
    path = tmp_path / "stance_hand_coded.csv"
    path.write_text("doc_id,sentence_id,actor,issue,stance,evidence\n"
                    "a,0,Macron,troops,support,x\na,1,Macron,troops,maybe,y\n", encoding="utf-8")
    with pytest.raises(CodebookError, match=r"line 3: stance 'maybe'"):
        read_annotations(path)
    path.write_text("doc_id,actor,issue\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="missing column"):
        read_annotations(path)
    path.write_text("", encoding="utf-8")
    with pytest.raises(CodebookError, match="cannot read"):
        read_annotations(path)
    path.write_text("doc_id,sentence_id,actor,issue,stance,evidence\n"
                    "a,three,Macron,troops,support,x\n", encoding="utf-8")
    with pytest.raises(CodebookError, match="line 2: sentence_id 'three'"):
        read_annotations(path)
    assert load_hand_codes(tmp_path / "nowhere") is None


# --- the coder on text it was not tuned on -------------------------------------------------------

def test_a_group_subject_gives_one_claim_per_member_and_unwillingness_is_opposition():
    assert coded("Germany, Poland and Spain announced their unwillingness to send "
                 "peacekeepers to Ukraine.") == {
        ("Germany", "troops", "oppose"), ("Poland", "troops", "oppose"),
        ("Spain", "troops", "oppose")}


def test_negations_and_hedges():
    assert coded("Italy is not ready to send troops, Meloni confirmed.") == {
        ("Italy", "troops", "oppose"), ("Meloni", "troops", "oppose")}
    assert coded("Starmer said he would consider deploying British troops.") == {
        ("Starmer", "troops", "support")}
    assert coded("Scholz called the debate about troops premature.") == {
        ("Scholz", "troops", "oppose")}
    assert coded("Tusk remained cautious about a ceasefire.") == {
        ("Tusk", "ceasefire", "neutral")}


def test_inverse_cues_flip_the_stance():
    assert coded("EU leaders agreed that lifting sanctions on Russia would be premature.") == {
        ("EU", "sanctions", "support")}
    assert coded("The Kremlin demanded that Western restrictions on its grain exports are "
                 "lifted.") == {("Russia", "sanctions", "oppose")}
    assert coded("Zelensky rejected any deal made without Kyiv's involvement.") == {
        ("Zelensky", "seat_at_table", "support")}


def test_quotes_pronouns_and_relative_clauses_find_the_claimant():
    assert coded('"We will never cede territory to Russia," Zelensky said.') == {
        ("Zelensky", "territory", "oppose")}
    assert coded("Trump met Putin on Friday. He urged Kyiv to sign a minerals deal.") == {
        ("Trump", "minerals_deal", "support")}
    assert coded("Starmer praised Macron, who has long backed a ceasefire.") == {
        ("Macron", "ceasefire", "support")}
    assert coded("According to Rutte, Europe must boost defence spending.") == {
        ("Rutte", "defense_spending", "support")}


def test_held_out_sentences_written_after_the_rules():
    # Written by a reviewer after the coder was built, not paraphrases of the corpus.
    assert coded("Macron backed sending troops to Ukraine, which the Kremlin rejected.") >= {
        ("Macron", "troops", "support")}
    assert coded("Trump said Europe should pay for its own security guarantees, and Putin "
                 "rejected a ceasefire.") == {("Trump", "security_guarantees", "support"),
                                              ("Putin", "ceasefire", "oppose")}
    assert coded("According to Rutte, Europe must boost defence spending, but Scholz "
                 "rejected sending troops.") == {("Rutte", "defense_spending", "support"),
                                                 ("Scholz", "troops", "oppose")}
    assert coded("Hungary called for sanctions on Russia to be eased.") == {
        ("Hungary", "sanctions", "oppose")}
    assert coded("Germany is against sending troops, Scholz said.") == {
        ("Germany", "troops", "oppose"), ("Scholz", "troops", "oppose")}
    assert coded("Tusk said Poland would not send troops but would increase defence "
                 "spending.") == {("Tusk", "troops", "oppose"),
                                  ("Tusk", "defense_spending", "support")}
    assert coded("France and Britain are spearheading plans to send troops to Ukraine as a "
                 "deterrent against future aggression.") == {
        ("France", "troops", "support"), ("United Kingdom", "troops", "support")}


def test_no_claimant_means_no_claim_and_prepositions_are_not_claimants():
    assert coded("Talks on a ceasefire were held in Paris.") == set()
    assert coded("Sanctions were discussed with Macron and Scholz.") == set()


def test_claims_keep_their_evidence(tables):
    claims = tables["stance_claims"]
    assert list(claims.columns) == CLAIM_COLUMNS
    assert len(claims) == 81  # codebook v8, the parse with the rules' list layouts
    assert set(claims["stance"]) <= set(STANCES)
    assert set(claims["actor"]) <= set(load_alias_table()["actor"])
    for row in claims.itertuples():
        assert row.issue_cue in row.sentence
        stance_cue = re.sub(r"(?: \+ )?inverse cue$", "", row.cue or "")
        assert stance_cue in row.sentence
    sentences = tables["sentences"].rename(columns={"sentence": "sentence_table"})
    joined = claims.merge(sentences, on=["doc_id", "sentence_id"], how="left")
    assert (joined["sentence"] == joined["sentence_table"]).all()
    assert not joined["is_heading"].any()


def test_article_stances_take_the_majority_and_a_tie_is_neutral():
    claims = pd.DataFrame({"doc_id": ["a"] * 5, "actor": ["X", "X", "Y", "Y", "Y"],
                           "issue": ["troops"] * 5,
                           "stance": ["support", "oppose", "neutral", "oppose", "neutral"]})
    table = article_stances(claims).set_index("actor")
    assert table.loc["X", "stance"] == "neutral" and table.loc["X", "claims"] == 2
    assert table.loc["Y", "stance"] == "oppose" and table.loc["Y", "claims"] == 3


def test_matrix_labels_groups_and_network(tables):
    codes = tables["stance_articles"]
    matrix = stance_matrix(codes)
    assert (matrix["net"] == matrix["support"] - matrix["oppose"]).all()
    assert matrix[["support", "oppose", "neutral"]].to_numpy().sum() == len(codes)
    labels = stance_labels(matrix)
    assert labels.loc["Macron", "troops"] == "3+"
    assert labels.loc["Russia", "ceasefire"] == "0 (1n)"
    by_outlet = stance_by_group(codes, tables["articles"], "outlet")
    assert by_outlet["claims"].sum() == len(codes)
    assert "unknown" in by_outlet.index.get_level_values("outlet")
    edges = network_edges(discourse_network(codes)).set_index(["actor_a", "actor_b"])
    # both support defence spending; Macron supports troops, Tusk rules them out
    assert tuple(edges.loc[("Macron", "Scholz"), ["agree", "conflict"]]) == (1, 0)
    assert tuple(edges.loc[("Macron", "Tusk"), ["agree", "conflict"]]) == (0, 1)


# --- reliability --------------------------------------------------------------------------------

def frame(rows):
    return pd.DataFrame(rows, columns=["doc_id", "actor", "issue", "stance"])


def test_reliability_measures_on_a_worked_example():
    hand = frame([("a", "X", "troops", "support"), ("a", "Y", "troops", "oppose"),
                  ("a", "Z", "troops", "oppose"), ("b", "X", "ceasefire", "support"),
                  ("b", "W", "sanctions", "neutral"), ("b", "U", "territory", "oppose")])
    auto = frame([("a", "X", "troops", "support"), ("a", "Y", "troops", "support"),
                  ("a", "Z", "troops", "oppose"), ("b", "X", "ceasefire", "support"),
                  ("b", "V", "sanctions", "support")])
    comparison = compare_codings(hand, auto)
    scores = reliability(comparison)["value"]
    assert scores["tuples identical in both"] == 3
    assert scores["precision"] == pytest.approx(3 / 5) and scores["recall"] == pytest.approx(3 / 6)
    assert scores["F1"] == pytest.approx(2 * 0.6 * 0.5 / 1.1)
    both_hand, both_auto = ["support", "oppose", "oppose", "support"], ["support", "support",
                                                                        "oppose", "support"]
    assert scores["Cohen's kappa (both coded)"] == pytest.approx(
        cohen_kappa_score(both_hand, both_auto))
    # Nominal alpha by hand: coincidences o(s,s)=4, o(o,o)=2, o(s,o)=o(o,s)=1; n_s=5, n_o=3,
    # n=8: alpha = 1 - (n-1) * 2 / (2 * n_s * n_o) = 1 - 14/30
    assert scores["Krippendorff's alpha (both coded)"] == pytest.approx(1 - 14 / 30)
    # With 'no claim' as a category, 7 units: n_s=6, n_o=4, n_n=1, n_none=3, n=14; off-diagonal
    # coincidences 8: alpha = 1 - 13 * 8 / (14**2 - (36 + 16 + 1 + 9)) = 1 - 104/134
    assert scores["Krippendorff's alpha (all tuples, 'no claim' a category)"] == pytest.approx(
        1 - 104 / 134)
    matrix = confusion(comparison)
    assert matrix.to_numpy().sum() == 7
    assert matrix.loc["neutral", "no claim"] == 1 and matrix.loc["no claim", "support"] == 1
    assert matrix.loc["oppose", "support"] == 1


def test_a_hand_coded_sample_is_compared_on_its_own_articles(tables):
    hand = article_stances(load_hand_codes(ANNOTATIONS))
    sample = hand[hand["doc_id"] == "001_4cb1c55a38efc4d4"]
    comparison = compare_codings(sample, tables["stance_articles"])
    assert set(comparison["doc_id"]) == {"001_4cb1c55a38efc4d4"}
    scores = reliability(comparison)["value"]
    auto_001 = tables["stance_articles"]["doc_id"].eq("001_4cb1c55a38efc4d4").sum()
    assert scores["tuples coded automatically"] == auto_001
    # an article coded as having no claims at all still counts
    empty = compare_codings(sample.iloc[0:0], tables["stance_articles"],
                            coded_docs=["000_64836e5e3a4efbc5"])
    assert (empty["stance_hand"].isna()).all() and len(empty) > 0


def test_hand_codes_must_belong_to_the_corpus(tables):
    hand = load_hand_codes(ANNOTATIONS)
    check_hand_codes(hand, tables["articles"])
    with pytest.raises(CodebookError, match="not in this corpus: 999_other"):
        check_hand_codes(hand.assign(doc_id="999_other"), tables["articles"])
    with pytest.raises(CodebookError, match="not in the alias table: Nobody"):
        check_hand_codes(hand.assign(actor="Nobody"), tables["articles"])


def test_disagreements_show_both_sentences(tables):
    hand_claims = load_hand_codes(ANNOTATIONS)
    comparison = compare_codings(article_stances(hand_claims), tables["stance_articles"])
    table = disagreements(comparison, hand_claims, tables["stance_claims"],
                          tables["sentences"])
    assert len(table) == int((~comparison["agree"]).sum())
    only_hand = table[table["stance_auto"].isna()]
    assert (only_hand["hand_sentence"].str.len() > 0).all()
    assert (only_hand["auto_sentence"] == "").all()
    both = table.dropna(subset=["stance_hand", "stance_auto"])
    assert (both["auto_cue"].str.len() > 0).all()


def test_the_coder_runs_unchanged_on_another_folder(tmp_path):
    from helpers.corpus import CorpusWarning, load_corpus
    from helpers.processed import build_tables

    (tmp_path / "brief_one.txt").write_bytes(
        "Summit wrap-up\r\n\r\nGermany is not ready to send troops, Chancellor Olaf Scholz "
        "said.\r\n\r\n\u201cWe must keep sanctions on Russia,\u201d Kaja Kallas told "
        "reporters.\r\n".encode("utf-8"))
    (tmp_path / "brief_two.txt").write_text(
        "Poland and Italy backed more military aid for Ukraine on Monday.\n", encoding="utf-8")
    with pytest.warns(CorpusWarning, match="brief_one.txt: converted"):
        corpus = load_corpus(tmp_path)
    tables = build_tables(corpus)
    got = set(tables["stance_articles"][["doc_id", "actor", "issue", "stance"]].itertuples(
        index=False, name=None))
    assert got == {("brief_one", "Scholz", "troops", "oppose"),
                   ("brief_one", "Germany", "troops", "oppose"),
                   ("brief_one", "Kallas", "sanctions", "support"),
                   ("brief_two", "Poland", "military_aid", "support"),
                   ("brief_two", "Italy", "military_aid", "support")}


def test_the_readmes_reliability_figures_are_what_the_files_give(tables):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    stated = re.search(r"precision ([\d.]+), recall ([\d.]+),\s+F1 ([\d.]+) on \(article",
                        readme)
    kappa = re.search(r"kappa ([\d.]+) and Krippendorff's alpha\s+([\d.]+) on the stances of the "
                       r"(\d+) tuples", readme)
    hand = article_stances(read_annotations(ANNOTATIONS / "stance_hand_coded.csv"))
    scores = reliability(compare_codings(hand, article_stances(tables["stance_claims"])))["value"]
    assert [float(v) for v in stated.groups()] == [
        round(scores[k], 3) for k in ("precision", "recall", "F1")]
    assert [float(kappa.group(1)), float(kappa.group(2)), int(kappa.group(3))] == [
        round(scores["Cohen's kappa (both coded)"], 3),
        round(scores["Krippendorff's alpha (both coded)"], 3),
        int(scores["tuples both coded (doc, actor, issue)"])]


def test_claims_reported_by_a_statement_a_pronoun_or_with_a_determiner():
    # written for the tests: a clause under "said in a statement that", a speaker that is
    # "it" in its own reported clause, and an inverse cue with a possessive
    assert coded("Ministers from Spain and Portugal said in a joint statement that Ukraine "
                 "must be involved in any negotiations.") >= {
        ("Spain", "seat_at_table", "support"), ("Portugal", "seat_at_table", "support")}
    assert coded("Washington said it would begin negotiations with Moscow next week.") == {
        ("United States", "negotiations", "support")}
    assert coded("Kallas said the EU would not lift its sanctions while the war went on.") >= {
        ("Kallas", "sanctions", "support")}


def test_reported_clauses_that_are_someone_elses_words_or_anyones_pronoun_are_not_the_speakers():
    # written for the test: "they" may be anyone, a claim the speaker rejects is not the
    # speaker's, and an anaphor whose predicate states no position is no claim
    # (the surface rules still give the subject of the first claim verb: their known limit)
    for text in ("Zelensky said they had rejected a ceasefire.",
                 "Kyiv rejected Moscow's claim that it wanted a ceasefire."):
        assert "subject_of_reported_clause" not in set(claims_of(text)["claimant_rule"]), text
    claims = claims_of("Macron called for a ceasefire in Ukraine. Russia invaded it in 2022.")
    assert "carried_issue" not in set(claims["claimant_rule"])


def test_repeating_promising_and_hoping_are_claims_and_unacceptable_opposes():
    # written for the test: codebook version 3's claim verbs and oppose cue
    assert coded("Tusk spoke in Warsaw. He repeated that the deployment of troops from NATO "
                 "countries in Ukraine would be unacceptable.") == {("Tusk", "troops", "oppose")}
    assert coded("Starmer promised a coalition to defend a future ceasefire in Ukraine.") == {
        ("Starmer", "ceasefire", "support")}
    assert coded("Zelensky had hoped it would come with a promise of American protection.") == {
        ("Zelensky", "us_backstop", "support")}


def test_a_headline_and_a_live_blog_entry_heading_state_claims():
    # written for the test: a headline and a live blog's entry heading carry claims
    text = ("Tusk rules out sending Polish troops\n\n"
            "Polish Prime Minister Donald Tusk spoke in Warsaw on Monday.\n\n"
            "12:05 - Scholz calls troop debate premature\n\n"
            "He said it was too early.")
    claims = claims_of(text)
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) >= {
        ("Tusk", "troops", "oppose"), ("Scholz", "troops", "oppose")}


def test_a_clause_beside_the_issue_takes_it_up_with_an_anaphor_and_a_capital_is_its_state():
    # written for the test
    assert coded("Starmer has said British troops could be on the ground after a deal, and "
                 "Paris is saying the same.") == {("Starmer", "troops", "support"),
                                                   ("France", "troops", "support")}
    claims = coded("Denmark is open to sending troops. Italy has said no, and Poland has "
                   "said its soldiers will stay at home.")
    assert ("Italy", "troops", "oppose") in claims
    assert ("Italy", "troops", "support") not in claims
    # "no" to something else, and an issue the sentence names itself, are not carried
    assert coded("The EU backs more sanctions on Russia, and Trump said no to a meeting with "
                 "Putin.") == {("EU", "sanctions", "support")}
    assert ("Spain", "sanctions", "oppose") not in coded(
        "Poland supports more sanctions on Russia. The question of sending troops to Ukraine "
        "is another matter, and Spain has rejected it.")
    # a predicate that states no position takes nothing, within a sentence as across two
    claims = claims_of("Macron backs a ceasefire, and Russia rejected it at once. Macron "
                       "backs a ceasefire, and Russia invaded it years ago.")
    carried = claims[claims["claimant_rule"] == "carried_issue"]
    assert set(zip(carried["actor"], carried["stance"])) == {("Russia", "oppose")}
    assert carried["sentence_id"].tolist() == [0]


def test_a_list_after_a_colon_is_its_introducers():
    # written for the test: the possessor opening the subject, or the claim verb's subject
    assert coded("Tusk's three demands are simple: keep arming Ukraine, keep the sanctions "
                 "and guarantee the peace.") == {
        ("Tusk", "military_aid", "support"), ("Tusk", "sanctions", "support"),
        ("Tusk", "security_guarantees", "support")}
    # a list nobody introduces is nobody's claim, nor a possessor's whose noun is no position
    assert coded("The plan has three parts: a ceasefire, peace talks and sanctions.") == set()
    assert coded("Starmer's critics in the unions are clear about one thing: sending troops to "
                 "Ukraine would be a mistake.") == set()


def test_codebook_v4_names_an_issue_in_more_of_its_usual_words():
    # written for the test
    assert coded("Starmer said Europe must keep up economic pressure on Russia.") == {
        ("Starmer", "sanctions", "support")}
    assert coded("Not one sanction should be lifted until Russia ends this war, Zelensky "
                 "said.") == {("Zelensky", "sanctions", "support")}
    assert coded("Kallas said Europe should be spending at least three percent of GDP on "
                 "defence.") == {("Kallas", "defense_spending", "support")}
    assert coded("Zelensky said European partners had to be part of the process.") == {
        ("Zelensky", "seat_at_table", "support")}


# --- codebook v5: acts, definite groups, the armies at war ----------------------------------
# Sentences written for these tests.

@pytest.mark.parametrize("text, expected", [
    # an act that stops the issue opposes it; its subject is the claimant
    ("Washington halted arms shipments to Ukraine on Monday.",
     {("United States", "military_aid", "oppose")}),
    ("Italy threatened to veto the next round of sanctions.", {("Italy", "sanctions", "oppose")}),
    # a noun of stopping opposes what it stops ...
    ("Moscow demanded a halt to Western weapons deliveries.",
     {("Russia", "military_aid", "oppose")}),
    # ... and a stop that is lifted is no opposition
    ("Spain said it would lift its freeze on weapons for Ukraine.",
     {("Spain", "military_aid", "support")}),
    # a stop to strikes of some kind is a truce
    ("Poland backed a halt to all strikes on power plants.", {("Poland", "ceasefire", "support")}),
    ("Germany accepted the ceasefire proposal on Tuesday.", {("Germany", "ceasefire", "support")}),
    ("Germany approved the plan to help Ukraine with air defence.",
     {("Germany", "military_aid", "support")}),
])
def test_acts_that_express_a_position_are_claims(text, expected):
    assert coded(text) == expected


def test_a_definite_group_noun_takes_up_the_group_named_before():
    assert coded("European leaders met in Paris on Monday.\n\nThe leaders agreed to keep "
                 "sanctions on Russia.") == {("European leaders", "sanctions", "support")}
    # nothing named before, or a head with its own complement: no group
    assert coded("The leaders agreed to keep sanctions on Russia.") == set()
    assert "European leaders" not in {actor for actor, _, _ in coded(
        "European leaders met in Paris.\n\nThe leaders of Hungary and Slovakia rejected new "
        "sanctions.")}


@pytest.mark.parametrize("text, expected", [
    # the armies at war are not the troops issue (codebook exclude)
    ("Russian troops remain in eastern Ukraine, Macron said.", set()),
    ("Russian combat troops remain in eastern Ukraine, Macron said.", set()),
    ("Macron said Russia's own soldiers were exhausted.", set()),
    # two modifiers, and words that only end like one, still count
    ("Starmer said Britain was ready to send its own ground troops to Ukraine.",
     {("Starmer", "troops", "support")}),
    ("Macron said France was ready to send regular troops to Ukraine.",
     {("Macron", "troops", "support")}),
    ("Macron said France had flown troops to Romania to reassure Ukraine.",
     {("Macron", "troops", "support")}),
    # a negation between "sanctions" and "lifted" is the stance, not part of the inverse cue
    ("Tusk urged that sanctions on Russia not be lifted.", {("Tusk", "sanctions", "support")}),
    # the irregular past of spend
    # (the subject's position and the speaker's: the codebook's unit, "Warsaw is not ready
    # to send troops, Tusk confirmed")
    ("Poland has spent about 4% of its output on defence, Tusk said.",
     {("Poland", "defense_spending", "support"), ("Tusk", "defense_spending", "support")}),
    ("Zelensky said Ukraine was prepared to negotiate.", {("Zelensky", "negotiations", "support")}),
    # a giver named in the cue is no claimant of it
    ("Fears that US support for Ukraine may wane prompted European leaders to consider more "
     "defence spending.", {("European leaders", "defense_spending", "support")}),
])
def test_codebook_wordings_of_versions_5_and_6(text, expected):
    assert coded(text) == expected


def test_they_opening_a_sentence_takes_up_the_actors_that_opened_one_before():
    # written for this test
    assert coded("EU leaders met in Brussels.\n\nThey agreed to keep sanctions on Russia.") == {
        ("EU", "sanctions", "support")}
    assert coded("On Monday, Spain and Italy met in Rome. They said they opposed new "
                 "sanctions.") == {("Spain", "sanctions", "oppose"),
                                   ("Italy", "sanctions", "oppose")}
    # objects are not what "they" takes up, nor actors named three sentences back
    assert coded("Zelensky met Spain and Italy. They backed more weapons for Ukraine.") == set()
    assert coded("Spain and Italy met. The talks were long. Lunch was late. They backed more "
                 "weapons for Ukraine.") == set()


@pytest.mark.parametrize("text", [
    # written for this test: the v5 wordings in their other senses give no claim
    "Starmer promised to stop the rail strikes before Christmas.",
    "Britain pledged to halt cyber attacks on its hospitals, Healey said.",
    "Starmer said Labour was ready to negotiate with the unions over pay.",
    "Starmer praised the Northern Ireland peace process during a visit to Belfast.",
    "Germany signed a deal to help Ukraine rebuild its power grid.",
    "The EU approved humanitarian aid to Ukraine worth 50 million euros.",
    "Trump said donors were paying for his legal defence.",
    "Meloni mounted a stronger defence of her migration policy on Tuesday.",
    "Putin said Moscow's troops would stay.",
])
def test_version_5_wordings_in_other_senses_are_no_claims(text):
    assert coded(text) == set()


@pytest.mark.parametrize("text, expected", [
    # a verb of stopping needs an object; "frozen assets" and "a building block" stop nothing
    ("Putin paused before answering a question about the ceasefire.",
     {("Putin", "ceasefire", "support")}),
    ("EU leaders agreed to use frozen Russian assets to buy weapons for Ukraine.",
     {("EU", "military_aid", "support")}),
    ("Starmer said the hospital was a building block of defence spending plans.",
     {("Starmer", "defense_spending", "support")}),
    # a stop that is dropped or lifted a few words before is undone
    ("Hungary dropped its veto on new sanctions against Russia.",
     {("Hungary", "sanctions", "support")}),
    ("Hungary said it would lift its three-month freeze on weapons for Ukraine.",
     {("Hungary", "military_aid", "support")}),
])
def test_stopping_acts_read_only_where_they_stop_something(text, expected):
    assert coded(text) == expected


def test_a_definite_group_noun_has_a_reach_and_gives_way_to_another_group():
    # written for this test
    assert coded("EU leaders met in Brussels on Thursday.\n\nChina hosted African leaders in "
                 "Beijing.\n\nThe leaders agreed to keep sanctions on Russia.") == set()
    assert coded("EU leaders met in Brussels.\n\nIt rained.\n\nTrains were late.\n\nRoads "
                 "were shut.\n\nThe leaders agreed to keep sanctions on Russia.") == set()
    # a heading is no antecedent; a bullet's "The leaders" is
    assert coded("EU leaders meet in Brussels\n\nThe leaders agreed that sanctions would "
                 "stay.") == set()
    assert coded("European leaders gathered in London.\n\n- The leaders agreed that sanctions "
                 "would stay.") == {("European leaders", "sanctions", "support")}


@pytest.mark.parametrize("text", [
    # written for this test: a "they" that is not the sentence's opening word, a plural named
    # since, an antecedent inside a quotation
    "Spain and Italy met on Monday. Critics say they oppose a ceasefire.",
    "Spain and Italy met on Monday. Russian officials said they opposed a ceasefire.",
    "EU leaders met in Brussels. Russian leaders rejected the plan. They backed a ceasefire.",
    '"Germany and France must lead," Tusk said. They backed more weapons for Ukraine.',
])
def test_they_takes_up_no_one_but_the_actors_that_opened_a_sentence_before(text):
    assert coded(text) == set()


def test_a_group_noun_without_a_qualifier_keeps_its_antecedent():
    assert coded("European leaders met in London on Sunday. Talks between leaders lasted six "
                 "hours. The leaders agreed to keep sanctions on Russia.") == {
        ("European leaders", "sanctions", "support")}


def test_a_denied_rejection_is_openness_and_new_cues_of_codebook_v8():
    # written for the test (codebook v8)
    assert coded("Starmer did not rule out sending British troops to Ukraine.") == {
        ("Starmer", "troops", "support")}
    assert coded("Hungary stood in the way of new military aid for Ukraine.") == {
        ("Hungary", "military_aid", "oppose")}
    assert coded("Ireland said it would not stand in the way of countries sending weapons.") == {
        ("Ireland", "military_aid", "support")}
    assert coded("Hungary has never opposed new sanctions on Russia.") == {
        ("Hungary", "sanctions", "support")}
    assert coded("Starmer cannot rule out sending troops.") == {("Starmer", "troops", "support")}
    # "not only", "did not hesitate to" still reject
    assert stance_of("not only rejected new sanctions", 22) == ("oppose", "rejected")
    assert stance_of("did not hesitate to reject new sanctions", 30) == ("oppose", "reject")
    # Ukraine's resistance to the invasion is no opposition
    assert coded("Macron said Western weapons would help Ukraine resist the invasion.") == {
        ("Macron", "military_aid", "support")}
    assert coded("Spain showed reluctance to raise its military budget.") == {
        ("Spain", "defense_spending", "oppose")}
    assert coded("Poland will buy more air-defence systems for Ukraine, Tusk said.") >= {
        ("Tusk", "military_aid", "support")}
    assert coded("Orban called for direct talks between Washington and Moscow.") == {
        ("Orban", "negotiations", "support")}


def test_a_short_form_of_an_organisation_the_article_names_in_full_is_that_organisation():
    # written for the test: "the Commission" after "the European Commission"; not where
    # another organisation ends with the same word
    assert coded("The European Commission met on Tuesday. The Commission wants more defence "
                 "spending.") >= {("European Commission", "defense_spending", "support")}
    assert ("European Commission", "defense_spending", "support") not in coded(
        "The European Commission met the Electoral Commission. The Commission wants more "
        "defence spending.")


def test_the_short_form_alone_takes_the_full_name_the_corpus_gives_it():
    # written for the test: the second article never spells "the Commission" out
    articles = pd.DataFrame({"doc_id": ["a", "b", "c"], "text": [
        "The European Commission met on Tuesday. The Commission wants more defence spending.",
        "The Commission said it wants more defence spending.",
        "The Electoral Commission met. The Commission said it wants more defence spending."]})
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences))
    actors = claims.groupby("doc_id")["actor"].agg(set).to_dict()
    assert actors["a"] == actors["b"] == {"European Commission"}
    # an article naming another organisation that ends with the word keeps the short form
    assert "European Commission" not in actors["c"]


def test_a_he_after_a_quotation_is_its_speaker_not_a_name_inside_it():
    # written for the test: Putin is named inside Starmer's quotation
    assert coded('Keir Starmer spoke after the meeting. "A European force without American '
                 'backing will not deter Putin," he said. He added that Britain was prepared '
                 'to deploy troops if a peace deal was reached.') >= {
        ("Starmer", "troops", "support")}
    assert "Putin" not in {actor for actor, _, _ in coded(
        'Keir Starmer spoke after the meeting. "Nobody trusts Putin," he said. He added '
        'that Britain was prepared to deploy troops if a peace deal was reached.')}


def test_a_modal_makes_a_clause_a_position_of_the_speaker_between_commas():
    # written for the test: the issue is the clause's subject, a modal makes it a position
    assert coded("Everyone was clear that military aid to Ukraine must continue, Kallas said, "
                 "after the meeting.") == {("Kallas", "military_aid", "support")}
    # a reported fact stays no position
    assert coded("Russian troops remain in eastern Ukraine, Macron said.") == set()


def test_who_is_ensured_a_seat_is_not_who_claims_it():
    # written for the test: the subject of an ensured clause is asked of, not the claimant
    assert coded("Macron said Europe would ensure that Ukraine sits at the table in any "
                 "talks.") == {("Macron", "seat_at_table", "support")}
    assert coded("Tusk promised to keep pressing for a deal, making sure Ukraine is at the "
                 "table in any talks.") == {("Tusk", "seat_at_table", "support")}


def test_a_cue_s_head_noun_standing_alone_later_names_the_same_issue():
    # written for the test: "the force" after "a reassurance force", "higher spending" after
    # "defence spending"
    assert ("Tusk", "troops", "support") in coded(
        "European leaders discussed a reassurance force for Ukraine on Monday. Tusk said the "
        "force should be ready by the summer.")
    assert ("Schoof", "defense_spending", "support") in coded(
        "Leaders discussed more defence spending on Monday. Schoof said the Netherlands "
        "supported higher spending.")
    # a head with a noun modifier of its own is another thing; a bare noun is the thing in
    # general; a head never named in a cue before is no issue
    assert "Tusk" not in {actor for actor, _, _ in coded(
        "Trump and Zelensky discussed the minerals deal on Friday. Tusk said a peace deal "
        "was still far off.")}
    assert "Schoof" not in {actor for actor, _, _ in coded(
        "Leaders discussed more defence spending on Monday. Schoof said the Netherlands "
        "would not cut spending on schools.")}
    assert coded("Schoof said the Netherlands supported higher spending.") == set()
    # the head as an occasion is no position ("after the talks")
    assert coded("Macron called for direct talks with Russia. After the talks in Paris, Scholz "
                 "spoke to reporters.") == {("Macron", "negotiations", "support")}


def test_what_a_speaker_says_another_must_do_is_the_speaker_s_claim_alone():
    # written for the test: a deontic modal makes the reported clause the speaker's demand
    assert coded("Foreign ministers from France and Germany said that Ukraine must be "
                 "involved in any negotiations.") == {("France", "seat_at_table", "support"),
                                                      ("Germany", "seat_at_table", "support")}
    assert coded("Starmer stressed that any peace agreement should be guaranteed by the "
                 "United States.") == {("Starmer", "us_backstop", "support")}
    # what another is ready to do stays the other's position too
    assert coded("Macron said Britain was ready to send troops to Ukraine.") == {
        ("United Kingdom", "troops", "support"), ("Macron", "troops", "support")}


@pytest.mark.parametrize("clause, expected", [
    # written for the test: asking someone to act is a request (codebook v10); asking about
    # something, or whether, stays neutral
    ("had asked the Commission to find new ways of funding defence", "support"),
    ("wrote to Costa asking the EU to open its own talks with Moscow", "support"),
    ("asked whether Europe would send troops", "neutral"),
    ("asked reporters about a ceasefire", "neutral"),
])
def test_a_request_supports_and_a_question_is_neutral(clause, expected):
    assert stance_of(clause, len(clause) - 5)[0] == expected


@pytest.mark.parametrize("text, expected", [
    # written for the test: what the issue is called when it is the subject (codebook v10)
    ("Zakharova warned that such a deployment would be treated as a direct threat to Russia.",
     {("Zakharova", "troops", "oppose")}),
    ("Tusk said sending troops would be a mistake.", {("Tusk", "troops", "oppose")}),
    ("Peskov said a deployment of European troops would be a risk of escalation.",
     {("Peskov", "troops", "oppose")}),
    # a denied name is none; a threat named elsewhere is no one's opposition
    ("Starmer said a reassurance force would be no threat to anyone.",
     {("Starmer", "troops", "support")}),
    ("Tusk said sending troops would not be a mistake.", {("Tusk", "troops", "support")}),
    ("Macron said the threat from Russia made more defence spending urgent.",
     {("Macron", "defense_spending", "support")}),
])
def test_what_the_issue_is_called_decides_the_stance(text, expected):
    assert coded(text) == expected


def test_the_rules_coder_reads_no_name_of_the_issue_in_a_surface_clause():
    # written for the test: the surface clause cannot tell what "threat" is said of
    text = "Macron said the threat from Russia made more defence spending urgent."
    articles = pd.DataFrame({"doc_id": ["t"], "text": [text]})
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences), method="rules")
    assert set(claims["stance"]) == {"support"}


def test_a_definite_shell_noun_takes_up_the_issue_before_in_the_speaker_s_own_clause():
    # written for the test: "the idea" after a named issue, in a clause whose subject is the
    # speaker's pronoun
    assert ("Denmark", "troops", "support") in coded(
        "France and Britain have said they are prepared to put soldiers into a reassurance "
        "force. Denmark has said it is open to the idea.")
    assert ("Denmark", "troops", "support") in coded(
        "France has said it is prepared to send soldiers to Ukraine, and Denmark has said it "
        "is open to the idea.")
    # a complementizer is no anaphor; nor is an indefinite noun
    assert "Denmark" not in {actor for actor, _, _ in coded(
        "France has said it is prepared to send soldiers to Ukraine. Denmark said that it "
        "would host a meeting of ministers.")}
    assert "Denmark" not in {actor for actor, _, _ in coded(
        "France has said it is prepared to send soldiers to Ukraine. Denmark has said it is "
        "open to an idea of its own.")}


@pytest.mark.parametrize("text, claim", [
    # written for the test: the opposite as a condition of something else is asked for
    ("The Kremlin said the truce would take effect only once sanctions were lifted.",
     ("Russia", "sanctions", "oppose")),
    ("Moscow ties the Black Sea deal to sanctions relief.", ("Russia", "sanctions", "oppose")),
    ("Moscow offered a truce in exchange for sanctions relief.",
     ("Russia", "sanctions", "oppose")),
    # a condition set on the opposite is no demand for it; a condition after it neither
    ("The European Commission said a withdrawal would be a precondition for lifting "
     "sanctions.",
     ("European Commission", "sanctions", "support")),
    ("Kallas said sanctions would not be lifted until Russia ends the war.",
     ("Kallas", "sanctions", "support")),
])
def test_the_opposite_made_a_condition_is_asked_for(text, claim):
    assert claim in coded(text)


def test_who_backs_a_possessed_plan_holds_it_and_a_recipient_or_a_dateline_claims_nothing():
    # written for the test
    assert coded("Chancellor Olaf Scholz backed the European Commission's plan to loosen the "
                 "fiscal rules for defence.") == {
        ("Scholz", "defense_spending", "support"),
        ("European Commission", "defense_spending", "support")}
    assert coded("Zelensky rejected Russia's demand for a halt to military aid.") == {
        ("Russia", "military_aid", "oppose")}
    # the recipient of a verb of giving is no claimant; a wire dateline's city is no actor
    assert ("Ukraine", "military_aid", "support") not in coded(
        "Norway has sent Ukraine military aid worth two billion crowns since 2022.")
    assert coded("KYIV, March 3 (Northgate Wire) - Officials gathered as the minerals "
                 "agreement stayed unsigned.") == set()


def test_a_ceasefire_named_as_a_time_is_no_position_codebook_v9_frames():
    # written for the test: the codebook's frames for the ceasefire
    assert coded("Norway said it was open to sending soldiers to Ukraine after a "
                 "ceasefire.") == {("Norway", "troops", "support")}
    assert coded("Finland said Europe must send more weapons to Ukraine before any lasting "
                 "ceasefire.") == {("Finland", "military_aid", "support")}
    assert coded("Sweden called for a ceasefire before the talks.") == {
        ("Sweden", "ceasefire", "support")}


def test_a_name_the_parser_broke_up_is_still_the_alias_it_spells():
    # written for the test: "Ursula" and "von" hung on the noun, "der Leyen" as the possessor
    assert {actor for actor, _, _ in coded(
        "Ministers will discuss Ursula von der Leyen's plan to mobilise 800 billion euros for "
        "defence.")} <= {"von der Leyen"}
