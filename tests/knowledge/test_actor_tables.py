"""Our own actor tables: demonyms, roles, institutions, IGOs, offices, name keys."""

from __future__ import annotations

from newsgraph.knowledge.demonyms import demonym_code
from newsgraph.knowledge.igos import igo
from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.offices import COMMON_SURNAMES, holder_in, offices, period
from newsgraph.knowledge.roles import institution, role


def test_demonyms() -> None:
    assert demonym_code("Russian") == "RUS"
    assert demonym_code("American") == demonym_code("Americans") == demonym_code("US") == "USA"
    assert demonym_code("U.S.") == "USA"
    assert demonym_code("Jordanians") == "JOR"
    assert demonym_code("us") is None  # the pronoun
    assert demonym_code("Springfielder") is None


def test_roles_give_sector_and_canonical_role() -> None:
    assert (role("Foreign Minister").sector, role("Foreign Minister").role) == ("GOV", "foreign minister")
    assert role("state secretary").role == role("Secretary of State").role == "secretary of state"
    assert role("spokeswoman").role == "spokesperson" and role("spokeswoman").sector == ""
    assert role("senators").sector == "LEG"
    assert role("military police").sector == "MIL"
    assert role("banana") is None


def test_institutions_and_igos() -> None:
    assert institution("the State Department").country == "USA"
    assert institution("Senate").country == "*" and institution("Senate").sector == "LEG"
    assert igo("NATO").code == "IGOWSTNAT"
    assert igo("the United Nations").code == igo("UN").code == "IGOUNO"
    assert igo("who") is None and igo("WHO").code.startswith("IGOUNO")
    assert igo("Amnesty International").kind == "organisation"


def test_offices_are_dated() -> None:
    (tillerson,) = offices("Rex Tillerson")
    assert (tillerson.country, tillerson.role) == ("USA", "secretary of state")
    assert tillerson.held_on("2017-07-07") and not tillerson.held_on("2019-01-01")
    assert tillerson.held_on("2017-07")  # a month-precision date


def test_name_keys_survive_transliteration() -> None:
    assert name_key("Sergei Lavrov") == name_key("Sergey Lavrov")
    assert name_key("Dmitry Peskov") == name_key("Dmitri Peskov") == name_key("Dmitriy Peskov")
    assert name_key("Volodymyr Zelensky") == name_key("Volodymyr Zelenskyy")
    assert name_key("Mikhail") == name_key("Mihail")
    assert name_key("Lavrov") != name_key("Lavrova")


def test_a_date_stands_for_its_whole_period() -> None:
    assert period("2017-07-08") == ("2017-07-08", "2017-07-08")
    assert period("2016-02") == period("2016-02-10", "month") == ("2016-02-01", "2016-02-29")
    assert period("2016") == period("2016-05-01", "year") == ("2016-01-01", "2016-12-31")


def test_holder_in_reads_the_office_table_by_date_precision_and_title() -> None:
    office, current, how = holder_in("Obama", "2015-06-09")
    assert (office.name, office.role, current, how) == ("Barack Obama", "president", True, "dated")
    assert holder_in("Obama", "2018-01-10") is None
    # One name, one holder: in office for part of the month is enough.
    assert holder_in("Obama", "2017-01", "month")[0].name == "Barack Obama"
    # Namesakes: only one in office for the whole period counts.
    assert holder_in("Castro", "2010-03-01")[0].name == "Raul Castro"
    assert holder_in("Castro", "2008-02", "month") is None and holder_in("Castro", "2008", "year") is None
    assert holder_in("Clinton", "2010-03-01")[0].name == "Hillary Clinton"
    # The one namesake in office for the whole period: Hillary Clinton, senator, in 2005.
    office, current, how = holder_in("Clinton", "2005-03-01")
    assert (office.name, office.role, current) == ("Hillary Clinton", "senator", True)
    assert how == "dated-whole-period"
    assert holder_in("Clinton", "1990-03-01") is None  # neither held an office here yet
    office, current, how = holder_in("Clinton", "2010-03-01", roles=("president",))
    assert (office.name, current, how) == ("Bill Clinton", False, "role")
    assert holder_in("Obama", "") is None  # no date and no title: nothing to go on
    assert holder_in("Obama", "", roles=("President",))[0].name == "Barack Obama"
    assert holder_in("Springfield", "2015-06-09") is None
    assert "johnson" in COMMON_SURNAMES
