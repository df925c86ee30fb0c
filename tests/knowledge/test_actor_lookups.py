"""Generic agents, people with dated roles and organisations: the lookups the event coder calls."""

from __future__ import annotations

import re

import pycountry
import pytest

from newsgraph.knowledge.agents import agent, agent_key, plural_forms
from newsgraph.knowledge.organisations import org_key, organisation
from newsgraph.knowledge.people import cameo_prefixes, is_country_code, person, person_key
from newsgraph.knowledge.tables import table

DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


# --- table format -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        ("agents.tsv", ("phrase", "code", "plural", "flags", "source", "note")),
        ("people.tsv", ("name", "aliases", "codes", "source")),
        ("organisations.tsv", ("name", "aliases", "codes", "kind", "source")),
        ("honorifics.tsv", ("word", "note")),
        ("cameo_actor_prefixes.tsv", ("code", "kind", "name")),
    ],
)
def test_table_columns(name: str, columns: tuple[str, ...]) -> None:
    assert table(name).columns == columns


def test_agent_rows_are_well_formed() -> None:
    t = table("agents.tsv")
    seen: set[str] = set()
    for i, (phrase, code, plural, flags, source, _) in enumerate(t.rows):
        where = t.where(i)
        assert phrase == phrase.lower() and phrase.strip() == phrase, where
        assert phrase not in seen, f"{where}: {phrase!r} twice"
        seen.add(phrase)
        assert re.fullmatch(r"([A-Z]{3})+", code), where
        assert set(filter(None, flags.split(","))) <= {"ambiguous", "place"}, where
        assert source == "newsgraph" or re.fullmatch(r"phoenix-agents:\d+", source), where
        assert plural == "-" or not plural or all(p.strip() for p in plural.split(",")), where
    assert len(t.rows) > 500
    assert sum(r[4] == "newsgraph" for r in t.rows) > 100


def _codes(text: str) -> list[tuple[str, str, str]]:
    out = []
    for part in text.split("; "):
        code, _, span = part.partition(" ")
        start, _, end = span.partition("..")
        out.append((code, start, end))
    return out


@pytest.mark.parametrize("name", ["people.tsv", "organisations.tsv"])
def test_person_and_organisation_codes_are_cameo_codes_with_iso_dates(name: str) -> None:
    """Every code starts with an ISO country (pycountry) or a CAMEO prefix of ours; dates are ISO
    and ranges run forward and touch 1990 or later."""
    t = table(name)
    prefixes = cameo_prefixes()
    for i, row in enumerate(t.rows):
        assert row[0] and row[2], t.where(i)
        assert re.fullmatch(r"(countries|international|milnonstate):\d+", row[-1]), t.where(i)
        for code, start, end in _codes(row[2]):
            assert re.fullmatch(r"[A-Z]{3}[A-Z0-9]*", code), f"{t.where(i)}: {code}"
            first = code[:3]
            assert first in prefixes or pycountry.countries.get(alpha_3=first), f"{t.where(i)}: {code}"
            for day in filter(None, (start, end)):
                assert DATE.fullmatch(day), f"{t.where(i)}: {day}"
            assert not (start and end) or start <= end, t.where(i)
            assert not end or end >= "1990-01-01", t.where(i)


def test_agent_codes_begin_with_a_sector_or_religion() -> None:
    kinds = cameo_prefixes()
    for phrase, code, *_ in table("agents.tsv").rows:
        assert kinds.get(code[:3]) in ("sector", "religion", "international"), phrase


def test_country_codes() -> None:
    assert is_country_code("RUS") and is_country_code("XKX") and is_country_code("DDR")
    assert not is_country_code("IGO") and not is_country_code("MRT1")


# --- agents -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("police", "COP"),
        ("riot police", "COP"),
        ("policemen", "COP"),
        ("police officers", "COP"),
        ("officers", "COP"),
        ("troops", "MIL"),
        ("soldiers", "MIL"),
        ("the army", "MIL"),
        ("forces", "MIL"),
        ("the military", "MIL"),
        ("rebels", "REB"),
        ("insurgents", "REB"),
        ("separatists", "REB"),
        ("gunmen", "UAF"),
        ("attackers", "UAF"),
        ("protesters", "OPP"),
        ("demonstrators", "OPP"),
        ("activists", "OPP"),
        ("a crowd", "CVL"),
        ("students", "EDU"),
        ("the court", "JUD"),
        ("judge", "JUD"),
        ("prosecutors", "JUD"),
        ("lawmakers", "LEG"),
        ("parliament", "LEG"),
        ("legislators", "LEG"),
        ("MPs", "LEG"),
        ("the opposition", "OPP"),
        ("the ministry", "GOV"),
        ("cabinet", "GOV"),
        ("government", "GOV"),
        ("the authorities", "GOV"),
        ("officials", "GOV"),
        ("diplomats", "GOV"),
        ("company", "BUS"),
        ("firm", "BUS"),
        ("bank", "BUS"),
        ("journalists", "MED"),
        ("reporters", "MED"),
        ("refugees", "REF"),
        ("clergy", "REL"),
        ("priests", "REL"),
        ("church", "REL"),
        ("union", "LAB"),
        ("trade unions", "LAB"),
        ("doctors", "HLH"),
        ("hospital", "HLH"),
        ("hostages", "CVL"),
        ("civilians", "CVL"),
        ("villagers", "CVL"),
        ("children", "CVL"),
        ("people", "CVL"),
        ("suspects", "CRM"),
        ("criminals", "CRM"),
        ("thieves", "CRM"),
    ],
)
def test_generic_agents(text: str, code: str) -> None:
    found = agent(text)
    assert found is not None, text
    assert found.sector == code, (text, found)


def test_agent_longest_tail_wins_and_keeps_its_modifiers() -> None:
    riot = agent("Belgian riot police")
    assert (riot.phrase, riot.code, riot.modifiers) == ("riot police", "COP", ("belgian",))
    assert agent("the Ministry of the Interior").phrase == "interior ministry"
    assert agent("the police's").phrase == "police"
    assert agent("chiefs of staff").phrase == "chief of staff"
    assert agent("Catholic priests").code == "CHRCTH" and agent("Catholic priests").sector == "REL"
    assert agent("30 people").phrase == "people"


def test_agent_flags_and_provenance() -> None:
    assert agent("force").ambiguous and agent("party").ambiguous and agent("union").ambiguous
    assert agent("court").place and agent("court").ambiguous
    assert not agent("riot police").ambiguous and not agent("soldiers").ambiguous
    assert agent("riot police").source.startswith("phoenix-agents:")
    assert agent("gunmen").source == "newsgraph"
    assert agent("riot police").rule == f"agent:riot police[COP]@{agent('riot police').source}"


def test_no_agent() -> None:
    for text in ("Mr", "Mr.", "Dr", "the", "", "banana", "sanctions", "cyber threats", "Putin"):
        assert agent(text) is None, text


def test_agent_keys_and_plurals() -> None:
    assert agent_key("The Interior Ministry's") == "interior ministry"
    assert agent_key("dozens of riot police") == "riot police"
    assert plural_forms("police", "-") == []
    assert plural_forms("soldier") == ["soldiers"]
    assert plural_forms("policeman") == ["policemen"]
    assert plural_forms("chief of staff") == ["chiefs of staff"]
    assert plural_forms("thief", "thieves") == ["thieves"]
    assert plural_forms("militia") == ["militias"] and plural_forms("authority") == ["authorities"]


# --- people -----------------------------------------------------------------------------------


def _codes_of(name: str, date: str = "") -> set[str]:
    return {m.code for m in person(name, date)}


def test_people_by_date() -> None:
    assert _codes_of("Putin", "2017-03-01") == {"RUSGOV"}
    (putin_2005,) = person("Vladimir Putin", "2005-06-01")
    assert (putin_2005.code, putin_2005.role, putin_2005.how) == ("RUSGOV", "president", "term")
    assert putin_2005.rule.startswith("person:Vladimir Putin=RUSGOV[2000-05-07..2008-05-07]@offices:")
    assert person("Putin", "2010-01-01")[0].role == "prime minister"
    assert _codes_of("Medvedev", "2010-05-01") == {"RUSGOV"}
    assert _codes_of("Dmitri Medvedev", "2010") == {"RUSGOV"}
    assert _codes_of("Obama", "2012-06-09") == {"USAGOV"}
    assert _codes_of("Boutros Boutros-Ghali", "1994-01-01") == {"IGOUNO"}
    assert _codes_of("Kwasniewski", "1997-03-01") == {"POLGOV"}  # from the Phoenix table


def test_no_date_means_no_office_only_a_stable_country() -> None:
    assert [(m.code, m.how) for m in person("Putin")] == [("RUS", "country")]
    assert [(m.code, m.how) for m in person("Donald Trump")] == [("USA", "country")]
    assert person("Boutros Boutros-Ghali") == []  # UN and Egypt: no one country
    assert all(m.how == "country" for m in person("Barack Obama"))


def test_a_term_counts_only_inside_its_dates() -> None:
    assert person("Trump", "2014-06-01") == []  # before his first public role, no office
    assert _codes_of("Trump", "2016-06-01") == {"USAOPP"}  # a candidate in the campaign
    assert _codes_of("Trump", "2016-12-01") == {"USAELI"}  # president-elect: not yet in office
    assert _codes_of("Trump", "2025-03-01") == {"USAGOV"}
    assert person("Kwasniewski", "2020-01-01") == []  # his presidency ended in 2005
    # An open Phoenix range is known only up to its file's last update (2015-02-17): Josipovic
    # was president from 2012 (the file has no end); in 2019 the table cannot say.
    assert _codes_of("Ivo Josipovic", "2013-05-01") == {"HRVGOV"}
    assert person("Ivo Josipovic", "2019-05-01") == []


def test_honorifics_and_titles_are_never_codes() -> None:
    assert _codes_of("Mr Trump", "2017-06-01") == {"USAGOV"}  # not MRT (Mauritania)
    assert _codes_of("Mr. Putin's", "2017-06-01") == {"RUSGOV"}
    assert _codes_of("President Vladimir Putin", "2017-06-01") == {"RUSGOV"}
    assert _codes_of("Russian Foreign Minister Sergei Lavrov", "2010") == {"RUSGOV"}
    for text in ("Mr", "Mrs.", "Dr", "Sir", "President"):
        assert person(text, "2017-06-01") == [] and person(text) == [], text
    assert all(not m.code.startswith("MRT") for m in person("Mr Trump"))


def test_person_keys() -> None:
    assert person_key("Mr. Putin's") == "putin"
    assert person_key("Russian President Vladimir V. Putin") == "vladimir v putin"
    assert person_key("Sergey Lavrov") == person_key("Sergei Lavrov")
    assert person_key("Mr") == ""


def test_a_bare_surname_finds_every_namesake() -> None:
    browns = person("Brown", "2008-01-01")
    assert len(browns) > 1 and all(m.matched == "surname" for m in browns)
    assert "Gordon Brown" in {m.name for m in browns}
    assert person("Gordon Brown", "2008-01-01")[0].matched == "name"


# --- organisations ------------------------------------------------------------------------------


def test_organisations() -> None:
    assert organisation("NATO").code == "IGOWSTNAT" and organisation("Nato").code == "IGOWSTNAT"
    assert organisation("the U.N.'s").code == "IGOUNO"
    assert organisation("Hamas").organisation.kind == "armed group"
    assert organisation("Taliban").code == "AFGREB"
    assert organisation("al-Qaeda").code == organisation("Al Qaeda").code
    assert organisation("FARC").code == "COLREB"
    assert organisation("Knesset").code == "ISRGOVLEG"
    found = organisation("ISIS", "2016-05-01")
    assert found.code == "IMGMUSISI" and found.rule.startswith("organisation:The Islamic State=IMGMUSISI@")


def test_dated_organisation_codes() -> None:
    assert organisation("Sudan People's Liberation Movement", "1995-01-01").code == "SDNREB"
    assert organisation("Sudan People's Liberation Movement", "2006-01-01").code == "SDNGOVPTY"


def test_short_acronyms_only_in_capitals() -> None:
    assert organisation("WHO").code.startswith("IGOUNO")
    assert organisation("who") is None and organisation("Who") is None
    assert organisation("ETA").code == "ESPREB" and organisation("Eta") is None
    assert organisation("Mr") is None and organisation("") is None


def test_org_keys() -> None:
    assert org_key("the U.N.'s") == "un"
    assert org_key("Al-Qaeda") == "al qaeda"
    assert org_key("Sudan People's Liberation Movement") == "sudan peoples liberation movement"


def _scan(key: str, *, surname: bool, tail: bool) -> list[list]:
    """What a scan of the whole office table finds for a name key (the indexes' reference)."""
    from newsgraph.knowledge.names import name_key
    from newsgraph.knowledge.offices import office_holders, surname_key

    return [
        rows
        for rows in office_holders().values()
        if name_key(rows[0].name) == key
        or (surname and surname_key(rows[0]) == key)
        or (tail and name_key(rows[0].name).endswith(" " + key))
    ]


def test_office_holder_indexes_find_what_a_scan_of_the_table_finds() -> None:
    from newsgraph.knowledge.names import name_key
    from newsgraph.knowledge.offices import holders_by_key, office_holders

    keys: set[str] = {"", "nobody at all", "obama", "xi", "pena nieto", "nieto"}
    for rows in list(office_holders().values())[::25]:
        words = name_key(rows[0].name).split()
        keys.update({" ".join(words), words[0], words[-1], " ".join(words[1:]), " ".join(words[-2:])})
    for key in sorted(keys):
        for surname in (False, True):
            for tail in (False, True):
                assert holders_by_key(key, surname=surname, tail=tail) == _scan(
                    key, surname=surname, tail=tail
                ), key
