"""Actors: NER corrected by document evidence, coding from context and tables, the registry."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsgraph.analyze import analyze, load_nlp
from newsgraph.analyze.actors import FACTORY as COMPONENT
from newsgraph.analyze.actors import actor_id
from newsgraph.knowledge.countries import country_code
from newsgraph.records import Article

TEXT = (
    "Russian President Vladimir Putin met German Chancellor Olaf Scholz in Berlin on Monday. "
    "Putin said Russia and Germany would keep talking, and Scholz told reporters that the "
    "European Union was ready to help. The United States welcomed the talks."
)


def _analysis(text: str = TEXT, published: str = ""):
    return analyze(Article(id="a1", uri="test", text=text, published=published))


def _by_name(analysis):
    return {a.name: a for a in analysis.actors}


def _ents(text: str) -> dict[str, str]:
    doc = load_nlp()(text)
    return {e.text: e.label_ for e in doc.ents}


def test_a_dotted_country_abbreviation_is_the_country() -> None:
    # The entity's words are cleaned of a trailing dot ("U.S." -> "U.S"): still the United States.
    countries = {a.code for a in _analysis("The U.S. lifted sanctions on Iran.").actors}
    assert countries == {"USA", "IRN"}


def test_component_sits_after_ner() -> None:
    names = load_nlp().pipe_names
    assert names.index(COMPONENT) == names.index("ner") + 1


def test_people_countries_and_surname_coreference() -> None:
    analysis = _analysis()
    by_name = _by_name(analysis)
    putin = by_name["Vladimir Putin"]
    assert (putin.kind, putin.country, putin.sector, putin.code) == ("person", "RUS", "GOV", "RUSGOV")
    assert "president" in putin.roles and "Putin" in putin.aliases
    scholz = by_name["Olaf Scholz"]
    assert (scholz.country, scholz.sector) == ("DEU", "GOV") and "chancellor" in scholz.roles
    assert by_name["Russia"].country == "RUS" and by_name["Russia"].kind == "country"
    assert by_name["United States"].code == "USA"
    assert by_name["European Union"].code == "IGOEUREEC" and by_name["European Union"].kind == "igo"
    assert len([m for m in analysis.mentions if m.actor_id == putin.id]) == 2
    assert "Berlin" not in by_name  # a city is a place, not an actor


def test_mentions_point_into_the_text_with_sentences_and_rules() -> None:
    analysis = _analysis()
    for mention in analysis.mentions:
        assert TEXT[mention.start : mention.end] == mention.text
        assert mention.article_id == "a1"
        assert mention.rule
    sentences = {m.text: m.sentence for m in analysis.mentions}
    assert sentences["Vladimir Putin"] == 0 and sentences["United States"] == 2


def test_titles_demonyms_institutions_and_bodies() -> None:
    text = (
        "WASHINGTON (Reuters) — Russian Foreign Minister Sergei Lavrov spoke by phone with Antony Blinken, "
        "the US secretary of state. The US Senate voted on new sanctions, and the Trump administration "
        "and the State Department said the Pentagon would brief NATO. Russian military police patrolled "
        "the area. Lavrov said the Americans were to blame."
    )
    analysis = _analysis(text)
    by_name = _by_name(analysis)
    lavrov = by_name["Sergei Lavrov"]
    assert (lavrov.country, lavrov.sector, lavrov.code) == ("RUS", "GOV", "RUSGOV")
    assert "foreign minister" in lavrov.roles
    blinken = by_name["Antony Blinken"]
    assert (blinken.country, blinken.sector) == ("USA", "GOV") and "secretary of state" in blinken.roles
    assert any("apposition" in r for r in blinken.rule.split("; "))
    senate = by_name["US Senate"]
    assert (senate.country, senate.sector, senate.code) == ("USA", "LEG", "USALEG")
    admin = by_name["Trump administration"]
    assert (admin.country, admin.sector) == ("USA", "GOV")
    assert (by_name["State Department"].country, by_name["State Department"].sector) == ("USA", "GOV")
    assert by_name["Pentagon"].sector == "MIL"
    assert by_name["NATO"].code == "IGOWSTNAT"
    police = by_name["Russian military police"]
    assert (police.country, police.sector, police.code, police.kind) == ("RUS", "MIL", "RUSMIL", "group")
    assert by_name["Americans"].country == "USA"
    # The dateline is a place and the agency an organisation, not people.
    ents = {e.text: e.label_ for e in analysis_doc(text).ents}
    assert ents["WASHINGTON"] == "GPE" and ents["Reuters"] == "ORG"


def analysis_doc(text: str):
    return load_nlp()(text)


def test_glued_entities_are_split_and_surnames_stay_people() -> None:
    text = (
        "The ministry named the former envoy to NATO Kurt Volker as special representative. "
        "Officials said Volker would travel to Kiev. Angela Merkel spoke first; later Merkel left."
    )
    ents = _ents(text)
    assert ents.get("NATO") == "ORG" and ents.get("Kurt Volker") == "PERSON"
    assert ents.get("Volker") == "PERSON" and ents.get("Merkel") == "PERSON"
    by_name = _by_name(_analysis(text))
    volker = by_name["Kurt Volker"]
    assert volker.country == "USA" and any("special representative" in r for r in volker.roles)


def test_places_before_a_place_noun_are_places() -> None:
    ents = _ents("Fighting continued in Homs, Hama and Idlib provinces, officials said.")
    assert {ents.get("Homs"), ents.get("Hama"), ents.get("Idlib")} == {"GPE"}


def test_office_table_codes_a_name_without_title_and_knows_former_holders() -> None:
    by_name = _by_name(_analysis("Shinzo Abe arrived in Paris. Abe met reporters.", published="2017-07-08"))
    abe = by_name["Shinzo Abe"]
    assert (abe.country, abe.sector, abe.code) == ("JPN", "GOV", "JPNGOV") and "prime minister" in abe.roles
    assert any(r.startswith("table:office") for r in abe.rule.split("; "))
    later = _by_name(_analysis("Shinzo Abe arrived in Paris.", published="2022-01-10"))["Shinzo Abe"]
    assert later.sector == "ELI" and "former prime minister" in later.roles


def test_non_english_article_is_passed_over_with_a_note() -> None:
    analysis = analyze(Article(id="x", uri="t", text="Le président a parlé.", language="fr"))
    assert analysis.actors == [] and "skipped" in analysis.notes[0]


def test_actor_ids_are_stable_and_country_aware() -> None:
    assert actor_id("Vladimir  Putin", "person") == actor_id("vladimir putin", "person")
    assert actor_id("John Smith", "person", "USA") != actor_id("John Smith", "person", "GBR")


def test_registry_keeps_same_name_with_different_countries_apart(tmp_path: Path) -> None:
    from newsgraph.store.db import Store  # noqa: F401 - the store is someone else's module

    one = _by_name(_analysis("American businessman John Smith opened a factory."))["John Smith"]
    two = _by_name(_analysis("British businessman John Smith opened a shop."))["John Smith"]
    assert (one.country, two.country) == ("USA", "GBR") and one.id != two.id
    again = _by_name(_analysis("The factory of American businessman John Smith closed."))["John Smith"]
    assert again.id == one.id


def test_country_table() -> None:
    assert country_code("Russia") == "RUS"
    assert country_code("the United States") == "USA"
    assert country_code("U.S.") == "USA"
    assert country_code("Turkey") == "TUR"
    assert country_code("Springfield") is None


def test_user_actor_dictionary_codes_names_without_context(tmp_path: Path) -> None:
    from newsgraph.analyze.actors.resolve import resolve_actors
    from newsgraph.knowledge.petrarch import read_actor_dictionary

    path = tmp_path / "mine.actors.txt"
    path.write_text(
        "# my own test dictionary\nMARTA_KOVALENKO_  # invented\n+KOVALENKO_\n"
        "\t[UKRGOV 150101-191231]\n\t[UKRBUS]\n",
        encoding="utf-8",
    )
    nlp = load_nlp()
    doc = nlp("Marta Kovalenko visited the port. Kovalenko spoke to workers.")
    book = read_actor_dictionary(path)
    resolve_actors(doc, dictionary=book, date="2017-03-01")
    person = next(a for a in doc._.actors if a.name == "Marta Kovalenko")
    assert (person.country, person.sector, person.code) == ("UKR", "GOV", "UKRGOV")
    assert "dict:MARTA KOVALENKO" in person.rule
    resolve_actors(doc, dictionary=book, date="2021-03-01")
    person = next(a for a in doc._.actors if a.name == "Marta Kovalenko")
    assert person.code == "UKRBUS"


def test_sample_page_actors(sample_page: Path) -> None:
    from newsgraph.extract import extract
    from newsgraph.sources.raw import RawDocument

    article = extract(RawDocument(uri=str(sample_page), kind="text", content=sample_page.read_bytes()))
    analysis = analyze(article)
    by_name = _by_name(analysis)
    expect = {
        "Vladimir Putin": ("RUS", "GOV", "president"),
        "Donald Trump": ("USA", "GOV", "president"),
        "Sergei Lavrov": ("RUS", "GOV", "foreign minister"),
        "Rex Tillerson": ("USA", "GOV", "secretary of state"),
        "Shinzo Abe": ("JPN", "GOV", "prime minister"),
    }
    for name, (country, sector, role) in expect.items():
        actor = by_name[name]
        assert (actor.kind, actor.country, actor.sector) == ("person", country, sector), name
        assert role in actor.roles, (name, actor.roles)
    assert "Sergey Lavrov" in by_name["Sergei Lavrov"].aliases  # one actor for both spellings
    assert not any(a.name.startswith("Sergey") for a in analysis.actors)
    obama = by_name["Barack Obama"]
    assert obama.country == "USA" and "former president" in obama.roles
    volker = by_name["Kurt Volker"]
    assert volker.country == "USA" and any(
        "special representative" in r or "envoy" in r for r in volker.roles
    )
    people = {a.name for a in analysis.actors if a.kind == "person"}
    assert not {"HAMBURG", "Hamburg", "Quneitra", "Sputnik"} & people
    doc = load_nlp()(article.text)
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("HAMBURG") == "GPE" and labels.get("Quneitra") == "GPE"
    # Title coreference: "the state secretary" is Tillerson; "the two leaders" are Putin and Trump.
    tillerson = by_name["Rex Tillerson"].id
    assert any(m.actor_id == tillerson and m.rule == "coref:title" for m in analysis.mentions)
    leaders = {m.actor_id for m in analysis.mentions if m.text.lower() == "the two leaders"}
    assert leaders == {by_name["Vladimir Putin"].id, by_name["Donald Trump"].id}


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty_text_gives_no_actors(text: str) -> None:
    assert _analysis(text).actors == []


def test_a_bare_surname_takes_an_office_only_where_the_article_names_that_country() -> None:
    uk = _by_name(_analysis("Johnson told the British parliament he would stay.", published="2020-03-01"))
    assert uk["Boris Johnson"].country == "GBR" and "Johnson" in uk["Boris Johnson"].aliases
    texas = _by_name(_analysis("Johnson told the Texas county board he would stay.", published="2020-03-01"))
    assert "Boris Johnson" not in texas


def _one_person(text: str, published: str, precision: str = "day"):
    analysis = analyze(
        Article(id="a1", uri="test", text=text, published=published, published_precision=precision)
    )
    (person,) = [a for a in analysis.actors if a.kind == "person"]
    return person


def test_a_bare_surname_is_coded_by_the_publication_date_from_the_office_table() -> None:
    obama = _one_person("Obama said the talks would go on.", "2015-06-09")
    assert (obama.name, obama.country, obama.sector, obama.code) == ("Barack Obama", "USA", "GOV", "USAGOV")
    assert obama.roles == ["president"] and "Obama" in obama.aliases
    assert "table:office:Barack Obama=president:2009-01-20..2017-01-20@2015-06-09(dated)" in obama.rule
    # A month-precision date: the name has one holder, in office for part of the month.
    assert _one_person("Obama said the talks would go on.", "2017-01", "month").code == "USAGOV"


def test_the_same_bare_surname_outside_the_term_is_not_coded() -> None:
    # Before his first office in the table (senator from 2005) and after his last.
    for published in ("2003-03-01", "2018-01-10"):
        person = _one_person("Obama said the talks would go on.", published)
        assert (person.name, person.country, person.code) == ("Obama", "", "")
        assert "table:office" not in person.rule


def test_namesakes_are_told_apart_by_date_or_title_or_not_at_all() -> None:
    # Two Clintons in the table: the date picks whoever held an office then.
    assert _one_person("Clinton said the talks would go on.", "1998-03-01").name == "Bill Clinton"
    hillary = _one_person("Clinton said the talks would go on.", "2010-03-01")
    assert (hillary.name, hillary.code, hillary.roles) == (
        "Hillary Clinton",
        "USAGOV",
        ["secretary of state"],
    )
    # A title in the text outranks the date: he is no longer president, but the article says so.
    bill = _one_person("President Clinton said the talks would go on.", "2010-03-01")
    assert bill.name == "Bill Clinton" and bill.roles == ["president"]
    assert "Bill Clinton=president" in bill.rule and "(role)" in bill.rule
    # Neither in office and no title: left uncoded rather than guessed.
    nobody = _one_person("Clinton said the talks would go on.", "1990-03-01")
    assert (nobody.name, nobody.code) == ("Clinton", "")
    # The month in which one Castro handed over to the other: neither held it all month.
    handover = _one_person("Castro said the talks would go on in Cuba.", "2008-02", "month")
    assert (handover.name, handover.code) == ("Castro", "")
    assert _one_person("Castro said the talks would go on in Cuba.", "2010-03-01").name == "Raul Castro"


def test_one_word_non_person_that_names_the_office_holder_of_the_day_is_a_person() -> None:
    from newsgraph.analyze.pipeline import load_nlp

    nlp = load_nlp()
    doc = nlp.make_doc("Biden threatened Russia with severe sanctions.")
    doc._.published = "2022-02-01"
    doc = nlp(doc)
    biden = [m for m in doc._.mentions if m.text == "Biden"]
    assert biden and "table:office-holder" in biden[0].rule
    earlier = nlp.make_doc("Biden threatened Russia with severe sanctions.")
    # No office then (a senator from 1973): the model's label is not overruled.
    earlier._.published = "1970-02-01"
    assert not [m for m in nlp(earlier)._.mentions if "office-holder" in m.rule]


def test_an_office_holders_bare_surname_on_an_undated_page_is_their_country() -> None:
    merkel = _one_person("Merkel said the talks would go on.", "")
    assert (merkel.name, merkel.country, merkel.sector) == ("Merkel", "DEU", "")
    assert "person:Angela Merkel=DEU[country]@offices" in merkel.rule
    # A surname only the Phoenix people table knows stays uncoded without the article's country.
    stein = _one_person("Stein said the talks would go on.", "")
    assert (stein.country, stein.code) == ("", "")


def test_a_double_surname_finds_the_one_office_holder_whose_name_ends_with_it() -> None:
    # "Peña Nieto" is the end of one holder's name (Enrique Peña Nieto), accents aside.
    pena = _one_person("Mr. Peña Nieto invited the delegation to Mexico City.", "2016-09-28")
    assert (pena.country, pena.sector) == ("MEX", "GOV")
    assert "table:office:Enrique Pena Nieto=president" in pena.rule
    # Two words that end no holder's name stay a name the table does not know.
    other = _one_person("Mr. Garcia Nieto invited the delegation to Madrid.", "2016-09-28")
    assert "table:office" not in other.rule


@pytest.mark.parametrize(
    ("text", "name", "code", "rule"),
    [
        # a leading country name of several words, the rest of the name saying what the body is
        (
            "The South Korean Navy fired warning shots.",
            "South Korean Navy",
            "KORMIL",
            "name:demonym:South Korean",
        ),
        ("The United States Treasury froze the assets.", "United States Treasury", "USA", "name:demonym"),
        # a closing "of" phrase naming a country; the words before "of" say what the body is
        (
            "The Government of Eritrea rejected the report.",
            "Government of Eritrea",
            "ERIGOV",
            "name:of-country",
        ),
        (
            "The Ministry of Health of Ethiopia said the outbreak was contained.",
            "Ministry of Health of Ethiopia",
            "ETHGOV",
            "name:of-country",
        ),
        # a body named after the known organisation its name begins with
        (
            "The United Nations Security Council condemned the attack.",
            "United Nations Security Council",
            "IGOUNO",
            "(leading-name)",
        ),
    ],
)
def test_an_organisation_name_says_its_country_body_or_parent(
    text: str, name: str, code: str, rule: str
) -> None:
    actor = _by_name(_analysis(text, "2019-05-14"))[name]
    assert (actor.code or actor.country + actor.sector) == code
    assert rule in actor.rule, actor.rule


def test_an_organisation_named_after_no_country_gets_none_from_its_name() -> None:
    # "of Chicago" is no country, and no table knows the university: the name gives no code.
    actor = _by_name(_analysis("The University of Chicago said the study was flawed.", "2019-05-14"))
    found = actor["University of Chicago"]
    assert (found.code, found.country) == ("", "")
