"""The syntax layer and what is read off it: parses, entities, discovered actors, speakers."""

import re

import pandas as pd
import pytest
from conftest import PROJECT_ROOT

from helpers import syntax
from helpers.actors import (
    alias_matcher,
    discover_actors,
    discovered_aliases,
    load_alias_table,
    person_key,
    resolve_phrase,
    with_discovered,
)
from helpers.quotes import extract_quotes
from helpers.stance import code_claims
from helpers.syntax import entities_table, needs_parse, parse_sentences
from helpers.text import sentences_table

# Written for these tests, in the shapes of wire copy: people the alias table does not list,
# a title, an apposition, a city, an outlet, a name mentioned once in passing.
WIRE = (
    "PRAGUE (Wire) - Czech Prime Minister Petr Fiala said on Monday that Europe had to act.\n\n"
    '"We stand with Ukraine, and we will not waver," Fiala told reporters in Prague.\n\n'
    "Fiala later told Jean-Noel Barrot, France's foreign minister, that Europe was ready. A diplomat "
    "named Hans Gruber attended.\n\n"
    '"Europe has to be at the table," said Barrot, citing Reuters.\n\n'
    'Mr Jones met Mrs Smith on Tuesday. "We are ready," she said.\n\n'
    '"Nobody in Europe was told in advance," a senior EU diplomat said.'
)


def articles_of(*texts):
    return pd.DataFrame({"doc_id": [f"d{k}" for k in range(len(texts))], "text": list(texts)})


@pytest.fixture(scope="module")
def wire():
    articles = articles_of(WIRE)
    sentences = sentences_table(articles)
    return articles, sentences, parse_sentences(sentences)


def test_parsed_tokens_keep_the_suites_sentence_ids_and_character_offsets(wire):
    articles, sentences, parses = wire
    text = articles["text"][0]
    assert len(parses) > 0
    for doc_id, sentence_id in parses.index:
        parsed = parses.sentence(doc_id, sentence_id)
        row = sentences.set_index("sentence_id").loc[sentence_id]
        assert parsed.start == row["start"]
        for token in parsed.tokens:
            assert text[token.start:token.end] == token.text
            assert row["start"] <= token.start and token.end <= row["end"]
            assert 0 <= token.head < len(parsed.tokens)


def test_a_sentence_repeated_across_articles_is_parsed_once_with_its_own_offsets():
    wire_copy = '"We will keep talking," Petr Fiala said in Prague.'
    articles = articles_of(f"Markets rose. {wire_copy}", wire_copy,
                           f"A different opening line. {wire_copy} Prices fell.")
    sentences = sentences_table(articles)
    seen = []
    parses = parse_sentences(sentences, progress=lambda docs, label, total: (
        seen.append((label, total)) or docs))
    # the two opening sentences are parsed too: they come before a quotation
    assert seen == [("parsing sentences (3 distinct of 5)", 3)]
    alone = parse_sentences(sentences_table(articles_of(wire_copy)))
    expected = [(t.text, t.dep, t.head) for t in alone.sentence("d0", 0).tokens]
    expected_entities = [(wire_copy[a:b], label) for a, b, label, _ in alone.entities("d0", 0)]
    assert ("Prague", "GPE") in expected_entities
    for doc_id, text in zip(articles["doc_id"], articles["text"]):
        [sentence_id] = [k for d, k in parses.index
                         if d == doc_id and parses.text(d, k) == wire_copy]
        parsed = parses.sentence(doc_id, sentence_id)
        assert [(t.text, t.dep, t.head) for t in parsed.tokens] == expected
        assert all(text[t.start:t.end] == t.text for t in parsed.tokens)
        assert [(text[a:b], label) for a, b, label, _ in parses.entities(
            doc_id, sentence_id)] == expected_entities


def test_only_the_sentences_that_need_it_are_parsed():
    articles = articles_of("The weather was mild. Markets rose. He said little. Prices fell. "
                           'Then came "a shock". Nothing else happened.')
    sentences = sentences_table(articles)
    assert needs_parse(sentences).tolist() == [False, False, True, True, True, False]


def test_entities_name_people_with_their_offsets(wire):
    _, _, parses = wire
    people = entities_table(parses, ["PERSON"])["entity"].tolist()
    assert "Petr Fiala" in people and "Jean-Noel Barrot" in people


def test_person_key_files_people_by_surname():
    assert person_key("Czech Prime Minister Petr Fiala".split()) == "Fiala"
    assert person_key(["Mr", "Blair's"]) == "Blair"


def test_discovered_actors_get_surname_role_and_country_and_are_included_when_seen_twice(wire):
    _, _, parses = wire
    found = discover_actors(parses).set_index("actor")
    assert found.loc["Fiala", ["name", "kind", "role", "country"]].tolist() == [
        "Petr Fiala", "person", "prime minister", "Czech Republic"]
    assert found.loc["Barrot", ["role", "country"]].tolist() == ["foreign minister", "France"]
    assert bool(found.loc["Fiala", "included"]) and bool(found.loc["Barrot", "included"])
    assert not found.loc["Gruber", "included"]  # named once, in passing
    assert "Reuters" not in found.index or not found.loc["Reuters", "included"]  # an outlet
    assert "Prague" not in found.index or not found.loc["Prague", "included"]  # a city


def test_a_double_surname_used_alone_on_second_mention_is_the_key():
    # written for the test: "Lund Poulsen" on second mention, never "Poulsen" alone
    articles = articles_of("Danish Defence Minister Troels Lund Poulsen said Denmark would "
                           "send more aid. Lund Poulsen said the aid would arrive soon.")
    found = discover_actors(parse_sentences(sentences_table(articles))).set_index("actor")
    assert "Lund Poulsen" in found.index and "Poulsen" not in found.index
    assert found.loc["Lund Poulsen", "name"] == "Troels Lund Poulsen"
    # a middle name is no part of the surname when the surname stands alone
    articles = articles_of("Dutch Defence Minister Ruben Carl Brekelmans said the Netherlands "
                           "would send more aid. Brekelmans said it would arrive soon.")
    found = discover_actors(parse_sentences(sentences_table(articles))).set_index("actor")
    assert "Brekelmans" in found.index and "Carl Brekelmans" not in found.index


class _RecognizerCuts:
    """The parts of Parses that discovery reads, with entities as the recognizer gave them on
    a BBC section: "Liberal" alone, cut from "Liberal Democrats"."""

    def __init__(self, sentences: list[str], entities: list[list[tuple[str, str]]]):
        self.index, self._text, self._entities = {}, {}, {}
        offset = 0
        for k, (sentence, found) in enumerate(zip(sentences, entities)):
            self.index[("d", k)] = (0, 0, offset)
            self._text[("d", k)] = sentence
            self._entities[("d", k)] = [
                (offset + sentence.index(words), offset + sentence.index(words) + len(words),
                 label, "nsubj") for words, label in found]
            offset += len(sentence) + 1

    def text(self, doc_id, sentence_id):
        return self._text[(doc_id, sentence_id)]

    def entities(self, doc_id, sentence_id):
        return self._entities[(doc_id, sentence_id)]


def test_a_one_word_name_mostly_cut_from_a_longer_one_is_not_an_actor():
    # written for the test; "Labour" stands alone, "Liberal" is mostly the start of a name
    sentences = ["Liberal Democrats said taxes would rise.", "The Liberal Democrats won.",
                 "Labour said no.", "Labour Party officials said no.", "Labour won.",
                 "The Liberal tradition is old."]
    found = discover_actors(_RecognizerCuts(sentences, [
        [("Liberal", "ORG")], [("Liberal", "ORG")], [("Labour", "ORG")],
        [("Labour", "ORG")], [("Labour", "ORG")], [("Liberal", "ORG")]])).set_index("actor")
    assert bool(found.loc["Labour", "included"])
    assert not found.loc["Liberal", "included"]


def test_discovered_actors_extend_the_alias_table_without_overriding_it(wire):
    _, _, parses = wire
    aliases = load_alias_table()
    extended = with_discovered(aliases, discover_actors(parses))
    assert set(aliases["alias"]) <= set(extended["alias"])
    assert extended.set_index("alias").loc["Petr Fiala", "actor"] == "Fiala"
    assert extended["alias"].is_unique
    # as claimants, people named once in full count too; a once-named word does not
    claimants = with_discovered(aliases, discover_actors(parses), claimants=True)
    assert "Gruber" not in set(extended["actor"])
    assert claimants.set_index("alias").loc["Hans Gruber", "actor"] == "Gruber"
    assert set(extended["alias"]) <= set(claimants["alias"])


@pytest.mark.parametrize("sentence, head, expected", [
    ("A senior EU official said so.", "official", ("senior EU official", "unnamed")),
    ("EU leaders said so.", "leaders", ("EU", "group")),
    ("A NATO spokesperson said so.", "spokesperson", ("NATO", "organisation")),
    # the alias table merges the role and the name into one mention of Macron
    ("French President Emmanuel Macron said so.", "Macron", ("Macron", "role")),
    # the recognizer's whole organisation, past the preposition that ends the phrase
    ("The Ministry of Defence said so.", "Ministry", ("Ministry of Defence", "organisation")),
])
def test_a_phrase_names_an_actor_only_when_the_actor_is_its_head(sentence, head, expected):
    articles = articles_of(sentence)
    sentences = sentences_table(articles)
    parses = parse_sentences(sentences)
    parsed = parses.sentence("d0", 0)
    i = next(t.i for t in parsed.tokens if t.text == head)
    found = resolve_phrase(parsed, i, alias_matcher(load_alias_table()), sentence)
    assert (found.actor, found.kind) == expected


def test_speakers_not_in_the_alias_table_come_from_the_parse(wire):
    articles, sentences, parses = wire
    aliases = with_discovered(load_alias_table(), discover_actors(parses))
    quotes = extract_quotes(articles, sentences, aliases, parses)
    assert quotes["speaker"].tolist() == ["Fiala", "Barrot", "Smith", "senior EU diplomat"]
    assert quotes["speaker_kind"].tolist()[-1] == "unnamed"
    assert set(quotes["attribution"]) == {"reporting_verb"}


def test_a_pronoun_goes_to_the_nearest_person_whose_stated_gender_agrees(wire):
    articles, sentences, parses = wire
    quotes = extract_quotes(articles, sentences, None, parses)
    she = quotes[quotes["quote"] == "We are ready,"]
    assert she["speaker"].item() == "Smith"  # "Mr Jones" is nearer but not "she"
    assert she["cue"].item() == "she -> Smith said"


@pytest.mark.parametrize("text, expected", [
    ("Germany, Poland and Spain signalled their unwillingness to send troops.",
     {("Germany", "troops", "oppose"), ("Poland", "troops", "oppose"),
      ("Spain", "troops", "oppose")}),
    ("Macron said Britain was ready to send troops.",
     {("United Kingdom", "troops", "support"), ("Macron", "troops", "support")}),
    # the negation belongs to "this condition", not to Zelensky's position on a ceasefire
    ("Zelensky insists that this condition is not part of any ceasefire.",
     {("Zelensky", "ceasefire", "support")}),
    ("Tusk is not ready to send soldiers.", {("Tusk", "troops", "oppose")}),
])
def test_claimants_from_the_parse(text, expected):
    articles = articles_of(text)
    sentences = sentences_table(articles)
    quotes = extract_quotes(articles, sentences)
    claims = code_claims(sentences, quotes, method="parse")
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == expected


@pytest.mark.parametrize("text, expected", [
    # a leader stating the own country's position is coded alone
    ("Polish Prime Minister Donald Tusk said Poland was ready to send troops.",
     {("Tusk", "troops", "support")}),
    # part of a group: its named members; "including X" adds X
    ("Some European leaders, including Tusk, rejected the idea of sending troops.",
     {("Tusk", "troops", "oppose")}),
    # written for the tests: a possessor holds a position only through a noun that names one
    ("The United States is contemplating support for Ukraine's acquisition of air defence.",
     {("United States", "military_aid", "support")}),
    ("Macron spoke in Paris. According to him, Germany will invest more in defence.",
     {("Macron", "defense_spending", "support"), ("Germany", "defense_spending", "support")}),
    # a pronoun speaker's country is that of the person it stands for: coded alone
    ("Italian Prime Minister Giorgia Meloni spoke in Rome. She said Italy would not send "
     "soldiers to Ukraine.", {("Meloni", "troops", "oppose")}),
    # a reporting verb between commas speaks for the clause around it; "nor" negates
    ("Zelensky spoke in Kyiv. Nor, he said, would Ukraine give up any of its land.",
     {("Zelensky", "territory", "oppose")}),
    ("The deal, Macron said, must include security guarantees for Ukraine.",
     {("Macron", "security_guarantees", "support")}),
    # but not when the issue is the clause's subject: a statement about it, not a position
    ("Sanctions on Russia, Tusk admitted, failed.", set()),
    # a condition on the predicate is read from its scope (codebook: "only if" is neutral)
    ("Moscow said a truce in the Black Sea would begin only if the West eased its rules.",
     {("Russia", "ceasefire", "neutral")}),
])
def test_more_claimants_from_the_parse(text, expected):
    articles = articles_of(text)
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences), method="parse")
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == expected


@pytest.mark.parametrize("text, expected", [
    # the negation belongs to "this condition": the default coder reads its scope off the parse
    ("Zelensky insists that this condition is not part of any ceasefire.",
     {("Zelensky", "ceasefire", "support")}),
    # "pushback from" is the position of those it names, not the claimant's
    ("Tusk backed a request for more weapons, facing pushback from France.",
     {("Tusk", "military_aid", "support"), ("France", "military_aid", "oppose")}),
    # a name behind a hyphenated modifier is still governed by its preposition
    ("EU leaders - without the backing of Kremlin-friendly Hungary - agreed to send weapons.",
     {("EU", "military_aid", "support")}),
    # no stance cue: stating the issue as what should happen backs it (stance_without_cue)
    ("Macron said on Monday that European troops in Ukraine would guarantee the peace.",
     {("Macron", "troops", "support"), ("Macron", "security_guarantees", "support")}),
])
def test_the_default_coder_combines_rules_and_parse(text, expected):
    articles = articles_of(text)
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences))
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == expected


def test_a_bullet_under_an_introduction_is_the_introducers_claim():
    text = ("Leaders met in London.\n\nStarmer said the leaders agreed four steps:\n\n"
            "- keep military aid flowing to Ukraine\n\n- keep the sanctions on Russia")
    articles = articles_of(text)
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences), method="rules")
    listed = claims[claims["claimant_rule"] == "list_introduction"]
    assert set(zip(listed["actor"], listed["issue"], listed["stance"])) == {
        ("Starmer", "military_aid", "support"), ("Starmer", "sanctions", "support")}


def test_group_members_and_a_speakers_own_pronoun_in_the_parse():
    def coded(text):
        articles = articles_of(text)
        sentences = sentences_table(articles)
        claims = code_claims(sentences, extract_quotes(articles, sentences), method="parse")
        return set(zip(claims["actor"], claims["issue"], claims["stance"]))

    assert coded("Foreign ministers from France and Poland said that Europe must be at the "
                 "table.") == {("France", "seat_at_table", "support"),
                               ("Poland", "seat_at_table", "support")}
    assert coded("Trump said that he and Putin had agreed to open peace talks.") == {
        ("Trump", "negotiations", "support"), ("Putin", "negotiations", "support")}


def test_an_oppose_cue_followed_by_by_is_still_the_claimants():
    # only "from" hands a position to someone else; "pushed back by phone" is Hungary's own
    articles = articles_of("Hungary pushed back by phone on new sanctions.")
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences))
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == {
        ("Hungary", "sanctions", "oppose")}


def test_empty_and_odd_input_give_empty_tables_not_errors():
    empty = sentences_table(articles_of("Filler.")).iloc[0:0]
    assert len(parse_sentences(empty)) == 0
    assert entities_table(parse_sentences(empty)).empty
    odd = articles_of(
        'Кремль заявил, что "переговоры продолжатся".\n\nDer Kanzler sagte: "Wir helfen."',
        'He said "we will not',  # a quotation left open at the end of the article
        "Leaders met. " + " and ".join(f'"quote {k}"' for k in range(60)) + " were said.",
    )
    sentences = sentences_table(odd)
    quotes = extract_quotes(odd, sentences)
    assert (quotes.groupby("doc_id").size().to_dict() == {"d0": 2, "d1": 1, "d2": 60})
    assert not quotes.loc[quotes["doc_id"] == "d1", "balanced"].item()
    claims = code_claims(sentences, quotes)
    assert claims.empty


def test_spellings_with_and_without_accents_are_one_discovered_actor():
    articles = articles_of('Viktor Orbán said Hungary would wait. "We will see," Orban told '
                           'reporters.\n\nLater Orban said he was ready.')
    parses = parse_sentences(sentences_table(articles))
    found = discover_actors(parses).set_index("actor")
    # one actor, filed under the commonest spelling, the other kept as a variant
    people = found[found["kind"] == "person"]
    assert people.index.tolist() == ["Orban"]
    assert people.loc["Orban", ["name", "variants", "mentions", "included"]].tolist() == [
        "Viktor Orbán", "Orbán", 3, True]
    extended = with_discovered(load_alias_table(), discover_actors(parses)).set_index("alias")
    assert extended.loc["Orbán", "actor"] == extended.loc["Viktor Orbán", "actor"] == "Orban"


def test_naming_the_opposite_of_an_issue_without_a_cue_speaks_against_it():
    articles = articles_of('"A deal made over Ukraine\'s head will not bring peace," Kallas said.')
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences))
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == {
        ("Kallas", "seat_at_table", "support")}


def test_a_platform_the_recognizer_calls_a_person_is_no_antecedent():
    articles = articles_of('Macron spoke in Paris. In a post on X, formerly Twitter, he wrote '
                           'that "Europe must act".')
    sentences = sentences_table(articles)
    quotes = extract_quotes(articles, sentences)
    assert quotes["speaker"].tolist() == ["Macron"]


def test_a_position_taken_up_by_the_next_sentence_carries_its_issue():
    def coded(text):
        articles = articles_of(text)
        sentences = sentences_table(articles)
        claims = code_claims(sentences, extract_quotes(articles, sentences))
        return {(a, i, s) for a, i, s, rule in zip(claims["actor"], claims["issue"],
                                                    claims["stance"], claims["claimant_rule"])
                if rule == "carried_issue"}

    # written for the test: positions listed one sentence after another, then a sentence
    # that names no actor, then an anaphor after a sentence with two issues
    text = ("Britain said it was ready to send troops to Ukraine. Norway and Finland are open "
            "to it. Italy has said no. The weather was cold and it rained.")
    assert coded(text) == {("Norway", "troops", "support"), ("Finland", "troops", "support"),
                           ("Italy", "troops", "oppose")}
    assert coded("Britain backed sanctions and more troops. Norway is open to it.") == set()


def test_an_acronym_given_after_an_organisation_is_one_actor_with_it():
    # written for the test: the full name with its acronym, then the acronym alone
    articles = articles_of(
        'The Northern Fisheries Council (NFC) said on Monday that quotas would fall. '
        '"Stocks are at their lowest," the NFC said.\n\n'
        'The NFC said it would meet again in May.')
    sentences = sentences_table(articles)
    parses = parse_sentences(sentences)
    found = discover_actors(parses).set_index("actor")
    assert "NFC" not in found.index
    assert found.loc["Northern Fisheries Council", "variants"] == "NFC"
    assert found.loc["Northern Fisheries Council", "mentions"] >= 2
    aliases = with_discovered(load_alias_table(), discover_actors(parses))
    quotes = extract_quotes(articles, sentences, aliases, parses)
    assert quotes["speaker"].tolist() == ["Northern Fisheries Council"]


def test_a_time_zone_the_recognizer_files_as_an_organisation_is_no_actor():
    from spacy.tokens import Span

    from helpers.syntax import Parses, load_pipeline

    # a live blog's entry stamps, which the small model sometimes tags ORG: set as it does
    parses = Parses()
    for sentence_id, text in enumerate(["Updated 14:05 CET: leaders met.",
                                        "Updated 15:10 CET: talks resumed."]):
        doc = load_pipeline()(text)
        doc.ents = [Span(doc, 2, 3, label="ORG")]
        parses.add("d0", sentence_id, 100 * sentence_id, text, doc)
    found = discover_actors(parses).set_index("actor")
    assert found.loc["CET", ["kind", "mentions", "included"]].tolist() == [
        "organisation", 2, False]


def test_the_parse_takes_a_definite_group_noun_for_the_group_named_before():
    # written for this test: "the leaders" in a reported clause is the group of the sentence
    # before; without one named before it stays no one
    def claimants(text):
        articles = articles_of(text)
        sentences = sentences_table(articles)
        claims = code_claims(sentences, extract_quotes(articles, sentences), method="parse")
        return set(zip(claims["actor"], claims["issue"]))

    named = ("European leaders gathered in London on Sunday.\n\nStarmer said the leaders had "
             "agreed to keep military aid flowing to Ukraine.")
    assert ("European leaders", "military_aid") in claimants(named)
    assert ("European leaders", "military_aid") not in claimants(named.split("\n\n")[1])


def test_a_discovered_persons_office_with_the_country_is_a_role_of_that_person(wire):
    """"Czech Prime Minister Petr Fiala" makes "the Czech prime minister" Fiala's role, and
    the Czech Republic his country: a leader on the own country is coded to the leader."""
    _, _, parses = wire
    discovered = discover_actors(parses)
    roles = discovered_aliases(discovered).query("kind == 'role'").set_index("alias")
    assert roles.loc["Czech Prime Minister", "actor"] == "Fiala"
    assert roles.loc["French Foreign Minister", "actor"] == "Barrot"
    assert "Mr" not in " ".join(roles.index)  # an honorific is no office
    # an office the corpus gives two people names neither
    twice = pd.concat([discovered, discovered.assign(actor="Novak", name="Jan Novak")])
    assert "Czech Prime Minister" not in set(discovered_aliases(twice)["alias"])
    articles = articles_of('"Europe must stay the course," said Czech Prime Minister Petr '
                           'Fiala.\n\nHe said the Czech Republic was ready to send troops once '
                           'a ceasefire was agreed.')
    sentences = sentences_table(articles)
    parses = parse_sentences(sentences)
    actors = with_discovered(load_alias_table(), discover_actors(parses), claimants=True)
    claims = code_claims(sentences, extract_quotes(articles, sentences, actors), actors,
                         parses=parses)
    assert set(claims["actor"]) == {"Fiala"}


def test_a_pronoun_after_the_platform_x_is_no_person(wire):
    # written for this test: "on X. He" was one sentence, and "X. He" a person named "He"
    articles = articles_of('Zelensky spoke in Kyiv.\n\n"Words do not stop drones," he wrote on '
                           'X. He said Ukraine still backed a full ceasefire.')
    sentences = sentences_table(articles)
    assert len(sentences) == 3
    parses = parse_sentences(sentences)
    found = discover_actors(parses)
    assert not set(found["actor"].str.lower()) & {"he", "she", "they"}


def test_people_the_small_model_files_as_organisations_are_people():
    # written for the test: names the small model tags ORG, and organisations that stay so
    text = ("According to Rustem Umerov, Ukraine's defence minister, Kyiv is ready to sign.\n\n"
            "Laura Petrakis, a Russia analyst at a think tank, said no ceasefire was near.\n\n"
            "Taoiseach Micheál Martin has said Ireland will play its part.\n\n"
            "Goldman Sachs, the investment bank, said profits rose.\n\n"
            "The Bank of England said rates would rise.")
    sentences = sentences_table(articles_of(text))
    entities = entities_table(parse_sentences(sentences))
    labels = dict(zip(entities["entity"], entities["label"]))
    assert labels["Rustem Umerov"] == labels["Laura Petrakis"] == "PERSON"
    assert labels["Micheál Martin"] == "PERSON" and "Taoiseach Micheál Martin" not in labels
    assert labels["Goldman Sachs"] == "ORG"
    market = entities_table(parse_sentences(sentences_table(articles_of(
        "Dassault Aviation, the market leader in fighter jets, said orders rose."))))
    assert "PERSON" not in set(market["label"])
    assert "PERSON" not in {label for entity, label in labels.items() if "Bank" in entity}


@pytest.mark.parametrize("text, expected", [
    # what is asked of someone is not their position
    ("Starmer stressed the need to set a deadline for Russia to agree to a ceasefire.",
     {("Starmer", "ceasefire", "support")}),
    ("Macron repeated his wish to see Russia engage in peace talks.",
     {("Macron", "negotiations", "support")}),
    # a speaker restating the own country's position, through a possessive
    ("Zelensky reiterated Ukraine's readiness to sign the minerals deal.",
     {("Zelensky", "minerals_deal", "support")}),
    # only a restated position of the own country: a rejected demand stays the demander's
    ("Zelensky rejected Russia's demand for territorial concessions.",
     {("Russia", "territory", "support")}),
    # "including" anywhere in the subject's phrase
    ("The leaders at the summit, including President Zelensky, agreed to send more weapons.",
     {("Zelensky", "military_aid", "support")}),
    # a trailing attribution: the subject's position and the speaker's
    ("Poland will not send troops, Tusk confirmed.",
     {("Poland", "troops", "oppose"), ("Tusk", "troops", "oppose")}),
    # "the other 26" is all the rest (codebook v7: the EU), "other leaders" a part of a group
    ("The leaders of the other 26 member states said sanctions should stay in place.",
     {("EU", "sanctions", "support")}),
    ("Other European leaders said sanctions should stay in place.", set()),
    # "they" takes up a group that is the main clause's subject, wherever it stands
    ("In a text agreed by 26 member states, EU leaders met in Brussels. They also pledged to "
     "keep supplying Kyiv with weapons.", {("EU", "military_aid", "support")}),
    # "according to" speaks for its own clause only (and, codebook v10, what the issue is
    # called decides its stance)
    ("According to Kallas, Europe must send more weapons, but Orban said new sanctions were "
     "a mistake.", {("Kallas", "military_aid", "support"), ("Orban", "sanctions", "oppose")}),
    # a verb conjunct of its own is outside the first's cues; a prompting that only was tried
    ("Germany refused to send troops but would increase defence spending.",
     {("Germany", "troops", "oppose"), ("Germany", "defense_spending", "support")}),
    ("Trump tried to persuade Zelensky to accept a ceasefire.",
     {("Trump", "ceasefire", "support")}),
])
def test_parse_rules_for_who_holds_a_position(text, expected):
    articles = articles_of(text)
    sentences = sentences_table(articles)
    claims = code_claims(sentences, extract_quotes(articles, sentences), method="parse")
    assert set(zip(claims["actor"], claims["issue"], claims["stance"])) == expected


def test_a_parse_in_worker_processes_equals_the_one_in_this_process(monkeypatch):
    # several articles, some sharing wire copy; chunks of four texts meet labels the first
    # chunk lacked, so the merge must renumber them
    texts = [WIRE, "Markets rose. \u201cWe will keep talking,\u201d Petr Fiala said in Prague.",
             "Barrot: \u201cEurope has to be at the table.\u201d Ministers met in Brussels.",
             "\u201cNo,\u201d said the Kremlin spokesman, Dmitry Peskov, on Tuesday."] * 3
    sentences = sentences_table(articles_of(*texts))
    one = parse_sentences(sentences, n_process=1)
    monkeypatch.setattr(syntax, "CHUNK_TEXTS", 4)
    two = parse_sentences(sentences, n_process=2)
    assert sorted(two.index) == sorted(one.index) and len(one) > 8
    for doc_id, sentence_id in one.index:
        assert two.sentence(doc_id, sentence_id) == one.sentence(doc_id, sentence_id)
        assert two.entities(doc_id, sentence_id) == one.entities(doc_id, sentence_id)
    assert entities_table(two).equals(entities_table(one))


def test_the_number_of_parse_processes_follows_the_corpus_size_and_the_variable(monkeypatch):
    monkeypatch.setattr(syntax, "available_cores", lambda: 8)
    monkeypatch.delenv(syntax.PROCESSES_VARIABLE, raising=False)
    assert syntax.parse_processes(syntax.PROCESSES_FROM - 1) == 1
    assert syntax.parse_processes(syntax.PROCESSES_FROM) == syntax.DEFAULT_MAX_PROCESSES
    monkeypatch.setenv(syntax.PROCESSES_VARIABLE, "1")
    assert syntax.parse_processes(10 ** 6) == 1
    monkeypatch.setenv(syntax.PROCESSES_VARIABLE, "16")
    assert syntax.parse_processes(10 ** 6) == 8  # never more than the cores
    monkeypatch.setenv(syntax.PROCESSES_VARIABLE, "two")
    with pytest.warns(UserWarning, match="HELPERS_PARSE_PROCESSES='two' is not a whole number"):
        assert syntax.parse_processes(10 ** 6) == syntax.DEFAULT_MAX_PROCESSES


def test_the_readmes_parse_process_figures_are_the_modules():
    readme = " ".join((PROJECT_ROOT / "README.md").read_text(encoding="utf-8").split())
    stated = re.search(r"From ([\d,]+) distinct texts they are parsed in worker processes, one "
                       r"per core up to (\w+) .* parses chunks of ([\d,]+) texts", readme)
    words = {"two": 2, "three": 3, "four": 4, "six": 6, "eight": 8}
    assert stated, "the README no longer describes the parse processes"
    assert (int(stated.group(1).replace(",", "")), words[stated.group(2)],
            int(stated.group(3).replace(",", ""))) == (
        syntax.PROCESSES_FROM, syntax.DEFAULT_MAX_PROCESSES, syntax.CHUNK_TEXTS)
