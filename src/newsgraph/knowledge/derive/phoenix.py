"""Derive our actor tables from the Phoenix/PETRARCH dictionaries (MIT, Open Event Data Alliance 2014).

    python -m newsgraph.knowledge.derive.phoenix [FOLDER]        # rewrite the tables
    python -m newsgraph.knowledge.derive.phoenix [FOLDER] --check  # exit 1 if they would change

FOLDER holds ``Phoenix.agents.txt`` and the three ``Phoenix.*.actors.txt`` files (default
``../shared/corpora/events/petrarch2``). The output is not a copy of those files: names are put in
natural case, titles and honorifics are taken off aliases, junk synonyms are dropped, only code
ranges that touch 1990 or later are kept, and each row names the file and line it came from.

Written tables (``knowledge/data/``):

* ``agents.tsv``: generic actor nouns -> agent code. Rows with source ``newsgraph`` are ours and are
  kept as they are; the ``phoenix-agents`` rows are rebuilt here (a ``newsgraph`` row wins over a
  Phoenix row for the same phrase).
* ``people.tsv``: people with dated codes, one row per code range.
* ``organisations.tsv``: parties, armed groups, IGOs, NGOs, companies and national bodies.

``tests/knowledge/test_actor_derivation.py`` checks that this script reproduces the committed tables.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from newsgraph.knowledge import tables
from newsgraph.knowledge.agents import plural_forms
from newsgraph.knowledge.names import name_key
from newsgraph.knowledge.petrarch import ActorEntry, DatedCode, agent_entries, read_actor_dictionary

DEFAULT_FOLDER = Path("../shared/corpora/events/petrarch2")
DATA = Path(__file__).resolve().parent.parent / "data"
SINCE = "1990-01-01"  # code ranges that end before this are dropped

LICENCE = """\
# Rows with a phoenix-* source are derived from the Phoenix/PETRARCH dictionaries:
# The MIT License (MIT). Copyright (c) 2014 Open Event Data Alliance.
# Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
# associated documentation files (the "Software"), to deal in the Software without restriction,
# including without limitation the rights to use, copy, modify, merge, publish, distribute,
# sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions: The above copyright notice and this
# permission notice shall be included in all copies or substantial portions of the Software.
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
# NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
# NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
# DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
# OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""

SOURCES = {
    "Phoenix.agents.txt": "phoenix-agents",
    # Short names for the actors files: their tables repeat them on every row.
    "Phoenix.Countries.actors.txt": "countries",
    "Phoenix.International.actors.txt": "international",
    "Phoenix.MilNonState.actors.txt": "milnonstate",
}


def source_of(where: str) -> str:
    """ "Phoenix.Countries.actors.txt:39559" -> "countries:39559"."""
    file, line = where.rsplit(":", 1)
    return f"{SOURCES[file]}:{line}"


# ---------------------------------------------------------------------------------------------
# Agents
# ---------------------------------------------------------------------------------------------

# Stems the agents file leaves open ("DEFENCE_MINIST" matches minister and ministry): the words
# they stand for in our table.
STEMS = {
    "MINIST": ("MINISTER", "MINISTRY"),
    "AUTHORIT": ("AUTHORITY",),
    "COMPAN": ("COMPANY",),
    "INDUSTR": ("INDUSTRY",),
    "MILITA": ("MILITIA",),
}
# "ministry of X" is kept as "X ministry" (agent() rewrites a query the same way).
OF_HEADS = ("MINISTER", "MINISTERS", "MINISTRY", "MINISTRIES", "DEPARTMENT")
FRAGMENT_ENDS = {"TO", "OF", "FOR", "IN", "AT", "THE", "AND", "WITH", "ON", "FROM", "A"}
MAX_AGENT_WORDS = 5

# Phoenix rows left out, by reason. Reviewed by hand, word by word: what is left is the English a
# news sentence uses today for an unnamed actor.
AGENT_DROPS: dict[str, str] = {}


def _drops(reason: str, words: str) -> None:
    for phrase in words.split(";"):
        if phrase.strip():
            AGENT_DROPS[" ".join(phrase.split()).upper()] = reason


_drops(
    "archaic or rare (WordNet forms)",
    """
    BRANOKKER; CUTPURSE; GAOLBIRD; GANGDOM; GANGLAND; GRANGER; SODBUSTER; CROPPER; LARCENER; LARCENIST;
    MALEFACTOR; MISCREANT; RUMRUNNER; SAFEBREAKER; SNITCHER; HOUSEBREAKER; PILFERER; STICKUP MAN;
    HOLDUP MAN; JAILBIRD; JAIL BIRD; BRIGAND; SEA ROVER; SEA ROBBER; RUSTLER; CONTRABANDIST; BARGAINER;
    MONGER; OILER; BATTLEWAGON; RECREANT; EDUCATEE; COLLEGIAN; EXCURSIONIST; TOURER; POTENTATE; LAWGIVER;
    PROMULGATOR; PLEADER; CONVEYANCER; STIPENDIARY; JUDICATORY; JUDICATURE; CONSISTORY; NURSEMAID;
    MENDICANT; HUSBANDMAN; HUSBANDMEN; HUSBANDMAN; ORCHARDIST; AGRICULTURALIST; AGRICULTURIST; CULTIVATOR;
    TOWNSPERSON; LANDHOLDER; SOLDIERY; PRAESIDIUM; ARCHIMANDRITE; HIERARCH; NONCOMBATANT; NON-COMBATANT;
    SIGHTSEER; CABINETMAKER; LAWBREAKER; SAFECRACKER; EXTORTIONER; INSURGENCE; PILLAGER; PLUNDERER;
    KANIDURGU; TINGINIST; SNATCHER; LAWMAN; LAWMEN; ACADEMICIAN; GENERALISSIMO; REACTIONARIES; REPATRIATE;
    NATURALIZED; MERCHANDISER; CATTLEMAN; CATTLEMEN; HERDSMAN; HERDSMEN; DAIRYMAN; DAIRYMEN; WORSHIPER;
    FISHERMAN WOMAN; HUSBANDWOMAN; HUSBANDWOMEN; HUSBANDPERSON; SHARECROP FARMER; AIRWAY
""",
)
_drops(
    "misspelt",
    """
    BRIGAIDER; KIDNAPER; TRAFFIKER; MAFFIA; MANAFACTURE; ENTERPRENEUR; FILMAKER; GENDARMERY; GENDERMARIE;
    MIDWIVE; OPTHAMOLOGIST; SANATARIUM; SECRETARIATE; PRIVITIZATION COMMISSION; PROVINCAL OFFICE;
    PALACE OFFCIAL; HIGH RANKING OFFICAL; NONGOVERNMENAL ORGANIZATION; NONGOVERNMENAL ORGANISATION;
    CONSTITUTIONAL MONARCY; EXTEMIST SOLDIER; HEALTHCARE FACILITIY; SELF-DFENSE FORCE; SELF-DEFENSE MILITA;
    KINDERGARDEN; BUDDHIST MONASTARY; CATHOLIC MONASTARY; CHRISTIAN MONASTARY; HINDU MONASTARY;
    JETFIGHTER; JUMBOJET; CYBERDISSIDENTS; MUHABARAT; MUKABARAT; LIVESTOCK AUTHORIT; PORT AUTHORIT;
    OFFICE OF THE UNREPRESENTATIVE; REPRESENTATIVE'S COUNCIL; C IN COF; C IN C OF; ASSEMBLY FEDERALE;
    LAW JUSTICE AND PARLAIMENTARY AFFAIRS MINISTER; LAW JUSTICE AND PARLAIMENTARY AFFAIRS MINISTRY;
    DEPARMENT OF ENVIRONMENT
""",
)
_drops(
    "a word made by the !PERSON! substitution that English does not use",
    """
    CATTLEPERSON; CATTLEWOMAN; CATTLEWOMEN; DAIRYPERSON; DAIRYWOMAN; DAIRYWOMEN; FIREPERSON; FIREWOMAN;
    FIREWOMEN; FISHERPERSON; HERDSPERSON; HERDSWOMAN; HERDSWOMEN; NEWSPAPERPERSON; NEWSPAPERWOMAN;
    NEWSPAPERWOMEN; POLICEPERSON; SERVICEPERSON; CLERGYPERSON; BUDDHIST CLERGYPERSON; CHRISTIAN CLERGYPERSON;
    HINDU CLERGYPERSON; BUDDHIST CLERGYWOMAN; BUDDHIST CLERGYWOMEN; CHRISTIAN CLERGYWOMAN;
    CHRISTIAN CLERGYWOMEN; HINDU CLERGYWOMAN; HINDU CLERGYWOMEN; BUSINESSPERSON; FISHER PERSON;
    FISHERWOMEN; FISHERWOMAN; CONGRESSPERSON; BUDDHIST CLERGY MAN; BUDDHIST CLERGY MEN; BUDDHIST CLERGY WOMAN;
    BUDDHIST CLERGY WOMEN; BUDDHIST CLERGY PERSON; CHRISTIAN CLERGY MAN; CHRISTIAN CLERGY MEN;
    CHRISTIAN CLERGY WOMAN; CHRISTIAN CLERGY WOMEN; CHRISTIAN CLERGY PERSON
""",
)
_drops(
    "not an actor: a thing, a place or an abstraction a sentence does not make act",
    """
    AIRLINER; JETLINER; COMMERCIAL JET; PASSENGER AIRLINER; PASSENGER JET; CARGO SHIP; CARGO VESSEL;
    CONTAINERSHIP; CONTAINER SHIP; CONTAINER VESSEL; FREIGHTER; MERCHANT SHIP; MERCHANT VESSEL; OIL TANKER;
    SUPERTANKER; TANKER; SECURITY CHECK; POLICE POST; POLICE DISTRICT; SMALL TOWN; SETTLEMENT; NEIGHBORHOOD;
    NEIGHBOURHOOD; A CABINET MEETING; MILITARY PRESENCE; MILITARY LED; FIGHTING POSITION; MORTAR POSITION;
    WEAPONS STORAGE FACILITY; MILITARY BASE; NAVAL BASE; BARRACKS; ARTILLERY SYSTEM; HEAVY MACHINE GUN;
    CRUISE MISSILE; SCUD MISSILE; ANTIAIRCRAFT MISSILE; ANTISHIP MISSILE; TOMAHAWK MISSILE;
    TOMAHAWK CRUISE MISSILE; ECHELON; PHALANX; KFIR; MIG; HMMWV; HUMVEE; RETIRED; NAVAL; ISLAMIC;
    HARDLINE ISLAMIC; DIPLOMATIC BUILDING; WAR MACHINE; MILITARY MACHINE; SOLDIERS AND THEIR FAMILIES;
    SOLDIERS WITH THEIR FAMILIES; SOLDIERS, ALONG WITH THEIR FAMILIES; STUDENTS AND PROFESSOR;
    STUDENTS AND TEACHER; GOVERNMENT TROOPS AND POLICE; ETHNIC MINORITY RACES; NON-NATIVE; NON-RESIDENT;
    NATIVE; MOTHER; INFANT; CUSTOMER; ENGINEER; CHIEF ENGINEER;
    SCIENTIST; HUNTER; HIKER; BACKPACKER; ATHLETE; ACTOR; WAITER; WAITRESS; PRODUCER; EMPLOYER; EXPORTER;
    INVESTOR; TRADER; MERCHANT; LANDLORD; TENANT; PROPERTY OWNER; SHOP OWNER; SHOPKEEPER; DEPUTY;
    LOOTER; RAIDER; OBJECTOR; CRUSADER; REFORMER; REFORMIST; SOCIAL REFORMER; NATIONAL TRAITOR; TURNCOAT;
    VICTIM; VICTIMS; MOURNER; ONLOOKER; POPULATION;
    COMMUNITY; CONSTITUENT; ELECTOR; TOURISM OFFICE; TOURISM INDUSTRY; STEELWORKER; STEELMAKER;
    FURNITURE MAKER; ELECTRONICS MAKER; COMPUTER MAKER; SAVINGS AND LOAN; SECURITIES EXCHANGE;
    OWNERS OF PRIVATE COMPANIES; COLONIST; PRESCHOOL; KINDERGARTEN; KINDERGARTNER; SCHOOLHOUSE;
    CONSERVATORY; FIRST GRADER; SECOND GRADER; THIRD GRADER; FOURTH GRADER; FIFTH GRADER; SIXTH GRADER;
    SEVENTH GRADER; EIGHTH GRADER; NINTH GRADER; TENTH GRADER; ELEVENTH GRADER; TWELFTH GRADER;
    MIDDLE SCHOOLER; HIGH SCHOOLER; WEEKEND WARRIOR; PRIVATEER; TREE HUGGER; ECO WARRIOR; VIP;
    FIRST FAMILY; DRUG TRAFFICKING TERRORIST; RAPIST MURDERER; FUERZAS ESPECIALES; GENDARMERIE NATIONALE;
    TRIGGERMAN; MAN; MEN; PEOPLE; PERSONS
""",
)
_drops(
    "an abbreviated title before a name (the dictionary's full stop is gone from its key)",
    """
    ADM; CAPT; CMDR; COL; ENS; GEN; LT; MAJ; LT JG; ARMY LT; FIRST LT; BRIG. GEN; BRIG. GENERAL; DOC
""",
)
_drops(
    "rare or not an actor (second reading)",
    """
    AGROBUSINESS; NEWSWRITER; MEDICO; GUNSLINGER; LEGATE; SUBMERSIBLE WARSHIP; PILOTLESS PLANE; SANITARIUM;
    BLOG; REBELLION; REVOLT; UPRISING; LOW LEVEL INSURGENCY; ARMED INSURGENCY; ETHNIC INSURGENCY;
    INTELLIGENCE ACTIVITY; INTELLIGENCE INFORMATION; INTELLIGENCE OPERATION; RELIGION; REBEL BASE;
    MILITARY RULE; POLITY; GOVERNANCE; PUBLIC SECTOR; ASSEMBLAGE; KINGDOM; SEMI-OFFICIAL; STATE-OWNED;
    TOP LEFT LEADER; TOP RIGHT LEADER; NANNY; HEBREW; PRIME MINSTER; COURT SUPREME; SECRETARY OF CIVIL;
    MINISTERS AND MPS; MPS OF THE RULING PARTY
""",
)
_drops(
    "takes the sector of whom it speaks for (roles.tsv), not one of its own",
    """
    SPOKESMAN; SPOKESWOMAN; SPOKESPERSON; SPOKESWOMEN; SPOKESMEN
""",
)
_drops(
    "a weapon or vehicle model, not a noun for who acts",
    """
    APACHE ATTACK HELICOPTER; APACHE GUNSHIP; EUROFIGHTER TYPHOON; FIGHTING FALCON; HARRIER JET;
    NIGHTHAWK STEALTH FIGHTER; SUKHOI PAK FA; SUPER HORNET; TOMCAT FIGHTER; PREDATOR DRONE; PREDATOR UAV;
    REAPER DRONE; UNMANNED PREDATOR; RF 4C; F 16; F 16 JET
""",
)

# Words that name an actor only in some uses: "force" (the use of force), "party" (a celebration),
# "union" (the European Union), "court" or "prison" (places). The coder takes them as actors only
# with a country modifier ("Belgian court") or as an argument of an event verb.
AMBIGUOUS = {
    "FORCE",
    "PARTY",
    "UNION",
    "COURT",
    "HOUSE",
    "PRESS",
    "ADMINISTRATION",
    "AUTHORITY",
    "BANK",
    "BUSINESS",
    "INDUSTRY",
    "CARRIER",
    "COLLEGE",
    "SCHOOL",
    "HIGH SCHOOL",
    "MIDDLE SCHOOL",
    "UNIVERSITY",
    "HOSPITAL",
    "PRISON",
    "VILLAGE",
    "CHURCH",
    "CLINIC",
    "MOB",
    "GUARD",
    "INTELLIGENCE",
    "LEADERSHIP",
    "REGIME",
    "COMMAND",
    "CHAMBER",
    "CELL",
    "WING",
    "MOVEMENT",
    "GROUP",
    "NETWORK",
    "CAPITAL",
    "TANK",
    "TELEVISION",
    "TV",
    "RADIO",
    "WEBSITE",
    "WEB SITE",
    "NEWSPAPER",
    "MEDIA",
    "DEFENSE",
    "DEFENCE",
    "JUSTICE",
    "COMMISSION",
    "ASSEMBLY",
    "PATROL",
    "SECURITY",
    "SERVICE",
    "OFFICE",
    "COMMUNITY",
    "ESTABLISHMENT",
    "BOARD",
    "COUNCIL",
    "DIOCESE",
    "ARCHDIOCESE",
    "MISSION",
    "POST",
    "FRONT",
    "DEPUTY",
    "CONSTITUENT ASSEMBLY",
    "MILITARY POLICE",
    "SPECIAL OPERATIONS",
    "CAPTAIN",
    "BOMBER",
    "INSURGENCY",
    "SPY",
}
# Only these stand for a place too; the coder does not take them from a locative ("in court").
PLACES = {
    "COURT",
    "PRISON",
    "STATE PRISON",
    "HOSPITAL",
    "CLINIC",
    "SCHOOL",
    "HIGH SCHOOL",
    "MIDDLE SCHOOL",
    "COLLEGE",
    "UNIVERSITY",
    "STATE UNIVERSITY",
    "VILLAGE",
    "CHURCH",
    "EMBASSY",
    "CONSULATE",
    "HOUSE",
    "CHANCELLERY",
    "DIOCESE",
    "ARCHDIOCESE",
    "PRISON HOUSE",
    "CORRECTIONAL INSTITUTION",
    "MOSQUE",
    "TEMPLE",
    "SYNAGOGUE",
    "MONASTERY",
    "PARLIAMENT",
    "CAPITAL",
}


@dataclass(frozen=True)
class AgentRow:
    phrase: str  # lower case, singular
    code: str
    plural: str = ""  # an irregular plural; "-" = no plural form; "" = regular
    flags: str = ""
    source: str = ""
    note: str = ""

    def fields(self) -> tuple[str, ...]:
        return (self.phrase, self.code, self.plural, self.flags, self.source, self.note)


AGENT_COLUMNS = ("phrase", "code", "plural", "flags", "source", "note")


def _agent_phrases(phrase: str) -> list[str]:
    """A Phoenix agent phrase as our table keeps it: stems completed, "ministry of X" as "X ministry"."""
    words = phrase.replace("_", " ").split()
    if not words:
        return []
    if words[-1] in STEMS:
        return [w for stem in STEMS[words[-1]] for w in _agent_phrases(" ".join([*words[:-1], stem]))]
    if len(words) > 2 and words[0] in OF_HEADS and words[1] in ("OF", "FOR"):
        rest = words[2:]
        if rest[0] == "THE":
            rest = rest[1:]
        words = [*rest, words[0]]
    return [" ".join(words)]


def _agent_drop_reason(phrase: str, code: str, position: str) -> str:
    words = phrase.split()
    if phrase in AGENT_DROPS:
        return AGENT_DROPS[phrase]
    if code in ("PPL", "") or position == "prefix":
        return "no sector code"
    if re.search(r"[0-9/()]", phrase) or any(w.endswith(".") for w in words):
        return "a model designation or an abbreviated title"
    if not phrase.isascii():
        return "not English"
    if words[-1] in FRAGMENT_ENDS or words[0] in FRAGMENT_ENDS:
        return "a pattern fragment, not a phrase"
    if len(words) > MAX_AGENT_WORDS:
        return "too long to occur as written"
    if re.search(r"ADMINIST(ER|ERS|RY|RIES)RA", phrase):
        return "misspelt"
    return ""


def agent_rows(folder: Path, ours: Iterable[AgentRow]) -> tuple[list[AgentRow], Counter[str]]:
    """Phoenix agents as rows (our rows win), and how many Phoenix phrases each reason dropped."""
    ours = list(ours)
    taken = {form for r in ours for form in (r.phrase, *plural_forms(r.phrase, r.plural))}
    dropped: Counter[str] = Counter()
    plurals: dict[str, list[str]] = {}  # source line -> irregular plurals on it
    no_plural: set[str] = set()
    entries = agent_entries(folder / "Phoenix.agents.txt")
    for e in entries:
        if e.plural:
            plurals.setdefault(e.code.source, []).extend(p.lower() for p in _agent_phrases(e.phrase))
        if e.no_plural:
            no_plural.add(e.code.source)
    rows: dict[str, AgentRow] = {}
    also: dict[str, set[str]] = {}
    for e in entries:
        if e.plural:
            continue
        for phrase in _agent_phrases(e.phrase):
            reason = _agent_drop_reason(phrase, e.code.code, e.code.position)
            if reason:
                dropped[reason] += 1
                continue
            key = phrase.lower()
            if key in taken:
                dropped["our own row for the phrase"] += 1
                continue
            if key in rows:
                if rows[key].code != e.code.code:
                    also.setdefault(key, set()).add(e.code.code)
                continue
            plural = "-" if e.code.source in no_plural else ",".join(plurals.get(e.code.source, []))
            flags = ",".join(
                f for f, on in (("ambiguous", phrase in AMBIGUOUS), ("place", phrase in PLACES)) if on
            )
            rows[key] = AgentRow(key, e.code.code, plural, flags, source_of(e.code.source))
    # A listed plural ("VICTIMS" beside "VICTIM") is the plural of its singular row, not a row.
    for key in list(rows):
        singular = _singular_of(key, rows)
        if singular and rows[singular].code == rows[key].code:
            del rows[key]
            dropped["a regular plural of another row"] += 1
    for key, codes in also.items():
        if key not in rows:
            continue
        note = "phoenix also codes it " + ", ".join(sorted(codes))
        rows[key] = AgentRow(*rows[key].fields()[:5], note)
    return sorted([*ours, *rows.values()], key=lambda r: (r.code, r.phrase)), dropped


def _singular_of(phrase: str, rows: dict[str, AgentRow]) -> str:
    for cut in ("es", "s"):
        if phrase.endswith(cut) and phrase[: -len(cut)] in rows:
            return phrase[: -len(cut)]
    if phrase.endswith("ies") and phrase[:-3] + "y" in rows:
        return phrase[:-3] + "y"
    if phrase.endswith("men") and phrase[:-3] + "man" in rows:
        return phrase[:-3] + "man"
    return ""


# ---------------------------------------------------------------------------------------------
# People and organisations
# ---------------------------------------------------------------------------------------------

# CAMEO sector and agent codes: a code with one of these after the country is an actor, a code
# without one (AFG, GBRPCN, IRQOCC) a country or territory.
SECTORS = {
    "GOV", "MIL", "ELI", "OPP", "REB", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "CVL", "EDU", "REL",
    "HLH", "LAB", "AGR", "DEV", "ENV", "HRI", "REF", "PTY", "RAD", "UAF", "INS", "IMG", "CRM", "NGO",
    "IGO", "MNC", "MUS", "CHR", "BUD", "HIN", "JEW", "SID", "MOD", "SHI", "SUN", "CTH", "ORT", "PRO",
    "NGM", "INT", "SET", "AMN", "HRW", "IRC", "MSF", "GRP",
}  # fmt: skip
INTERNATIONAL = ("IGO", "NGO", "MNC", "IMG", "NGM", "INT")

ORG_WORDS = {
    "ACADEMY", "AGENCY", "ALLIANCE", "ARMY", "ASSEMBLY", "ASSOCIATION", "AUTHORITY", "BANK", "BATTALION",
    "BOARD", "BRIGADE", "BRIGADES", "BUREAU", "CABINET", "CENTER", "CENTRE", "CHAMBER", "CHURCH", "CLUB",
    "COALITION", "COLLEGE", "COMMAND", "COMMISSION", "COMMITTEE", "COMMUNITY", "COMPANY", "CONFEDERATION",
    "CONFERENCE", "CONGRESS", "CORP", "CORPORATION", "CORPS", "COUNCIL", "COURT", "DEPARTMENT",
    "DIRECTORATE", "FACTION", "FEDERATION", "FORCE", "FORCES", "FORUM", "FOUNDATION", "FRONT", "FUND",
    "GROUP", "GUARD", "GUARDS", "HOLDINGS", "INC", "INSTITUTE", "INSTITUTION", "INTERNATIONAL",
    "LEAGUE", "LIMITED", "LTD", "MINISTRY", "MISSION", "MOVEMENT", "NETWORK", "OFFICE", "ORGANISATION",
    "ORGANIZATION", "PARLIAMENT", "PARTY", "PROGRAM", "PROGRAMME", "REGIME", "SERVICE", "SERVICES",
    "SOCIETY", "SYNDICATE", "TRIBUNAL", "TRUST", "UNION", "UNIVERSITY", "WATCH", "WING", "AIRLINES",
    "AIRWAYS", "GOVERNMENT", "ADMINISTRATION", "POLICE", "MILITIA", "REPUBLIC", "KINGDOM", "STATE",
    "STATES", "AUTHORITIES", "COUNCILS", "UNIT", "SQUAD", "CELL", "NATIONS", "AFFAIRS", "INTELLIGENCE",
}  # fmt: skip

# Honorifics, titles and words of office that stand before a name in the dictionaries' synonyms
# ("PRESIDENT_VLADIMIR_PUTIN_", "MR._ASSAD", "SECRETARY-GENERAL_BOUTROS-GHALI_"): never part of a name.
TITLE_WORDS = {
    "MR", "MRS", "MS", "MISS", "DR", "SIR", "DAME", "LORD", "LADY", "PROF", "PROFESSOR", "FORMER", "EX",
    "LATE", "THE", "PRESIDENT", "PRESIDENT-ELECT", "VICE", "VICE-PRESIDENT", "PRIME", "MINISTER",
    "PREMIER", "CHANCELLOR", "SECRETARY", "SECRETARY-GENERAL", "GENERAL", "GEN", "COLONEL", "COL",
    "MAJOR", "CAPTAIN", "CAPT", "LIEUTENANT", "LT", "ADMIRAL", "ADM", "MARSHAL", "FIELD", "COMMANDER",
    "SENATOR", "SEN", "CONGRESSMAN", "CONGRESSWOMAN", "REPRESENTATIVE", "REP", "GOVERNOR", "GOV",
    "MAYOR", "AMBASSADOR", "ENVOY", "SPEAKER", "CHAIRMAN", "CHAIRWOMAN", "CHIEF", "DIRECTOR", "LEADER",
    "DEPUTY", "FOREIGN", "DEFENSE", "DEFENCE", "INTERIOR", "FINANCE", "JUSTICE", "HOME", "ATTORNEY",
    "OF", "STATE", "HEAD", "KING", "QUEEN", "PRINCE", "PRINCESS", "EMIR", "SULTAN", "AYATOLLAH",
    "HOJATOLISLAM", "REFORMER", "COMMUNIST", "OPPOSITION", "REBEL", "STRONGMAN", "DICTATOR", "JUDGE",
    "PRESIDENTIAL", "CANDIDATE", "NATIONAL", "SECURITY", "ADVISOR", "ADVISER", "CIA", "UN",
    "U.N", "UNITED", "NATIONS", "US", "U.S", "USA", "UK", "U.K", "EU", "AMERICAN", "BRITISH", "SOVIET",
    "PALESTINIAN", "ISRAELI", "COUNCIL", "ASSEMBLY", "CARETAKER", "INTERIM", "ACTING", "MILITARY",
}  # fmt: skip
INSIDE_TITLES = TITLE_WORDS - {"OF", "THE", "STATE", "HOME", "UNITED", "HEAD", "NATIONAL", "US", "UN"}
# Words of an office: a head made of these and a country or body names the office, not a person.
OFFICE_WORDS = {
    "PRESIDENT", "PREMIER", "MINISTER", "MINISTERS", "SECRETARY", "SECRETARY-GENERAL", "AMBASSADOR",
    "CHANCELLOR", "SPOKESMAN", "SPOKESWOMAN", "SPOKESPERSON", "DIRECTOR", "GOVERNOR", "MAYOR",
    "REPRESENTATIVE", "ATTORNEY", "COMMANDER", "CHIEF", "LEADER", "OFFICIAL", "OFFICIALS",
    "VICE-PRESIDENT", "CHAIRMAN", "SPEAKER", "KING", "QUEEN", "MONARCH", "EMIR",
}  # fmt: skip
# Non-English words that start the names of organisations in the international file.
FOREIGN_ORG_WORDS = {
    "ASOCIACION", "ASSOCIAZIONE", "ASSOCIATION", "COMITE", "CONSEJO", "CENTRO", "FUNDACION", "FONDATION",
    "INSTITUTO", "FEDERACION", "ORGANIZACION", "PARTIDO", "FRENTE", "MOVIMIENTO", "EJERCITO", "CONSORTIUM",
    "INITIATIVE", "PROJECT", "CAMPAIGN", "PARTNERSHIP", "ACTION", "AID", "RELIEF", "RIGHTS", "FRIENDS",
    "SOLIDARITY", "COOPERATION", "COOPERATIVE", "TREATY", "CLUBUL", "FORUM",
}  # fmt: skip
# One-word person heads of the countries file that are an initial or first name glued to the
# surname ("PATPARRIS_" for Pat Parris), or not a person at all. Reviewed by hand: every one-word
# person name left is a real mononym or title (Suharto, Akihito, Lord Adonis).
MANGLED = {
    "MIMARDANOV", "PATPARRIS", "EREGUERRA", "PATNIKIEMA", "ANZOMUKUNDA", "MAUTCHUENTE", "MAUREGONESSA",
    "BHORTEFEUX", "TAMJALLOW", "MAUOCONNELL", "MAUSEHNAOUI", "ARAJAONAH", "ENIAVOSOA", "EUKAZEMBE",
    "YASZNAGUI", "MAUWILLIAMSON", "PATTROVOADA", "BEATWABUDEYA", "BEATZIRABAMUZAALE", "MIASHIRKULOV",
    "SYAMSIREGAR", "HLANGUSEMPHI", "SFSR", "NATIONALITIES", "JKLF", "ALEPH",
}  # fmt: skip
MIN_SHARED_FIRST_NAME = 3  # a word that starts this many people's names is a first name


@cache
def _demonym_words() -> frozenset[str]:
    return frozenset(d.upper() for d in tables.words("demonyms.tsv"))


@cache
def _titles() -> frozenset[str]:
    return frozenset(TITLE_WORDS) | _demonym_words()


@dataclass
class Actor:
    """One actor of a Phoenix actors file: its heads and synonyms, its codes, where it comes from."""

    names: list[str]  # heads then synonyms, key form, in file order
    codes: list[DatedCode]
    source: str  # file:line of its first head
    comment: str = ""
    file: str = ""
    kind: str = ""
    person_mark: bool = False  # the head ends in "__", the non-state file's mark of a person

    @property
    def countryinfo(self) -> bool:
        return "countryinfo" in self.comment.casefold()


def read_actors(path: Path) -> list[Actor]:
    """The file's actors: heads grouped above one code list are one actor."""
    groups: dict[str, list[ActorEntry]] = {}
    for entry in read_actor_dictionary(path).entries:
        groups.setdefault(entry.group, []).append(entry)
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    out = []
    for first, entries in groups.items():
        names = [n for e in entries for n in (e.name, *e.synonyms)]
        comment = " ".join(e.comment for e in entries)
        head = lines[int(first.rsplit(":", 1)[1]) - 1].split("[")[0].split("#")[0].strip()
        out.append(Actor(names, list(entries[0].codes), first, comment, path.name, "", head.endswith("__")))
    return out


def _chunks(code: str) -> list[str]:
    return [code[i : i + 3] for i in range(0, len(code), 3)]


def is_place(actor: Actor) -> bool:
    """Countries, territories and cities: every code is a country code with no sector."""
    return (
        bool(actor.codes)
        and all(not any(c in SECTORS for c in _chunks(code.code)) for code in actor.codes)
        and not any(code.code.startswith(INTERNATIONAL) for code in actor.codes)
    )


def _fix_century(code: DatedCode) -> DatedCode:
    """A range whose start reads after its end was a 19xx start read as 20xx ("270101-910101")."""
    if code.start and code.end and code.start > code.end:
        return DatedCode(code.code, f"{int(code.start[:4]) - 100:04d}{code.start[4:]}", code.end)
    return code


# Code prefixes of the source that stand for no real actor.
BAD_PREFIXES = {"KNT": "Kinakuta, a fictional country", "KKL": "a coder's initials in place of a country"}
# Country codes of the source written as this project writes them: a misspelling ("ANGREB" for
# UNITA: Angola is AGO), and CAMEO's own codes for Kosovo and East Timor, which our tables
# (country_aliases.tsv, geo.alpha3) write XKX and TLS.
FIXED_PREFIXES = {"ANG": "AGO", "KSV": "XKX", "TMP": "TLS"}


def recent_codes(codes: Iterable[DatedCode]) -> list[DatedCode]:
    """Dated ranges that touch SINCE or later and undated defaults, deduplicated, ranges by start
    then the defaults."""
    kept: list[DatedCode] = []
    for code in map(_fix_century, codes):
        if code.dated and code.end and code.end < SINCE:
            continue
        if code.code[:3] in BAD_PREFIXES:
            continue
        if code.code[:3] in FIXED_PREFIXES:
            code = DatedCode(FIXED_PREFIXES[code.code[:3]] + code.code[3:], code.start, code.end)
        if code not in kept:
            kept.append(code)
    return sorted(kept, key=lambda c: (not c.dated, c.start, c.end, c.code))


def natural_case(key: str) -> str:
    """ "VLADIMIR V. PUTIN" -> "Vladimir V. Putin", "BASHAR AL-ASSAD" -> "Bashar al-Assad"."""
    words = key.split()
    return " ".join(_word_case(w, i == 0) for i, w in enumerate(words))


_PARTICLES = {"AL", "EL", "BIN", "BINT", "IBN", "DE", "DA", "DO", "DOS", "DAS", "DEL", "DELLA", "DI", "DU",
              "LA", "LE", "VAN", "VON", "DER", "DEN", "TER", "Y", "E", "ZU", "UD", "UL", "AND", "OF", "THE",
              "FOR", "IN", "ON", "AT", "TO"}  # fmt: skip
_ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X)$")


def _word_case(word: str, first: bool) -> str:
    if "-" in word:
        parts = word.split("-")
        return "-".join(_word_case(p, first and i == 0) for i, p in enumerate(parts))
    if not word:
        return word
    if _ROMAN.match(word) or (len(word) <= 2 and word.endswith(".")):
        return word
    if word in _PARTICLES and not first:
        return word.lower()
    if not word[0].isalpha():  # "(ETA)", '"Tigers"': case the word inside
        lead = len(word) - len(word.lstrip("(\"'[")) or 1
        return word[:lead] + _word_case(word[lead:], first)
    lowered = word.lower()
    if lowered.startswith("mc") and len(word) > 2:
        return "Mc" + lowered[2:].capitalize()
    if "'" in lowered:
        head, _, tail = lowered.partition("'")
        if len(head) == 1 and tail:  # O'Brien, D'Alema
            return head.upper() + "'" + tail.capitalize()
        return head.capitalize() + "'" + tail
    return lowered.capitalize()


def _strip_titles(words: list[str], titles: set[str]) -> list[str]:
    out = list(words)
    while out and out[0].rstrip(".") in titles:
        out.pop(0)
    return out


def _one_slip(a: str, b: str) -> bool:
    """Whether ``a`` is ``b`` with one letter dropped, added or two neighbours swapped."""
    if a == b:
        return False
    if abs(len(a) - len(b)) == 1:
        short, long_ = sorted((a, b), key=len)
        return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    return False


@dataclass
class NameFilter:
    """What a name or alias must pass to be kept (built once from all the people read)."""

    titles: set[str]
    english: set[str]  # common English words (stop words, agent nouns, role words)
    first_names: set[str]
    dropped: Counter[str] = field(default_factory=Counter)

    def clean(self, key: str, person: bool) -> str:
        """An alias with titles taken off, or "" when it is junk."""
        words = key.replace("_", " ").split()
        if person:
            words = _strip_titles(words, self.titles)
        if not words:
            return self._drop("only titles")
        text = " ".join(words)
        if re.search(r"[0-9#<>=@]", text) or not any(ch.isalpha() for ch in text):
            return self._drop("digits or symbols")
        if person and any(
            w.rstrip(".,") in ORG_WORDS | {"GOVERNMENT", "REGIME", "FORCES", "LOYALISTS"} for w in words
        ):
            return self._drop("names an organisation or office, not the person")
        if person and any(w.rstrip(".") in INSIDE_TITLES for w in words[1:-1]):
            return self._drop("a title inside the name")
        if len(words) == 1:
            word = words[0].strip(".'")
            if len(word) <= 2:
                return self._drop("one or two letters")
            if word.lower() in self.english:
                return self._drop("a common English word alone")
            if person and word in self.first_names:
                return self._drop("a common first name alone")
        return text

    def _drop(self, reason: str) -> str:
        self.dropped[reason] += 1
        return ""


def _aliases(names: Iterable[str], filt: NameFilter, person: bool) -> list[str]:
    """Kept names, first = the name: titles off, one per name key, no one-letter slips of a kept one."""
    kept: list[str] = []
    keys: list[str] = []
    for raw in names:
        text = filt.clean(raw, person)
        if not text:
            continue
        key = name_key(text).replace(" ", "")
        if key in keys:
            continue
        if any(_one_slip(key, k) for k in keys):
            filt.dropped["a misspelling of another name"] += 1
            continue
        kept.append(text)
        keys.append(key)
    if person and kept:
        # A single word that is the family name of a longer name is found by surname anyway.
        parts = {w for k in kept if " " in k for w in (k.split()[0], k.split()[-1])}
        kept = [k for i, k in enumerate(kept) if i == 0 or " " in k or k not in parts]
    return kept


def classify(actor: Actor) -> str:
    """person | organisation | place | office (a title with no name) | "" (no code)."""
    if not actor.codes:
        return ""
    if is_place(actor):
        return "place"
    if actor.countryinfo or actor.person_mark:
        return "person"
    head = actor.names[0].replace("_", " ").split()
    words = {w.rstrip(".,") for w in head}
    rest = _strip_titles(head, _titles())
    if words & OFFICE_WORDS and (not rest or rest[0] in FRAGMENT_ENDS or words & ORG_WORDS):
        return "office"
    if words & (ORG_WORDS | FOREIGN_ORG_WORDS):
        return "organisation"
    if actor.file == "Phoenix.MilNonState.actors.txt":
        return "organisation"
    if any(code.code.startswith("MNC") for code in actor.codes):
        return "organisation"
    if actor.file == "Phoenix.International.actors.txt" and not any(c.dated for c in actor.codes):
        return "organisation"  # its undated entries are organisations, bar a few staff
    if len(rest) >= 2 or (rest and len(rest) < len(head)):
        return "person"
    return "organisation"


def org_kind(codes: list[DatedCode], file: str) -> str:
    chunks = {c for code in codes for c in _chunks(code.code)}
    first = {code.code[:3] for code in codes}
    if first & {"IGO"}:
        return "igo"
    if first & {"NGO"}:
        return "ngo"
    if first & {"MNC"} or ("BUS" in chunks and "GOV" not in chunks):
        return "company"
    if chunks & {"REB", "UAF", "IMG", "INS", "RAD"} or file == "Phoenix.MilNonState.actors.txt":
        return "armed group"
    if "PTY" in chunks:
        return "party"
    if "OPP" in chunks:
        return "opposition group"
    if chunks & {"MED"}:
        return "media"
    if chunks & {"GOV", "MIL", "LEG", "JUD", "COP", "SPY"}:
        return "state body"
    return "organisation"


PEOPLE_COLUMNS = ("name", "aliases", "codes", "source")
ORG_COLUMNS = ("name", "aliases", "codes", "kind", "source")


def actor_tables(
    folder: Path,
) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]], dict[str, Counter[str]], dict[str, str]]:
    """(people rows, organisation rows, counts of what was dropped and why, the latest date in each
    file: how far its open ranges are known to hold)."""
    actors = [
        a
        for name in ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt",
                     "Phoenix.MilNonState.actors.txt")
        for a in read_actors(folder / name)
    ]  # fmt: skip
    for a in actors:
        a.kind = classify(a)
    firsts = Counter(
        words[0] for a in actors if a.kind == "person" for words in [a.names[0].split()] if len(words) >= 2
    )
    english = {w.lower() for w in STOP_WORDS} | _agent_words(folder) | _role_words()
    filt = NameFilter(
        titles=set(_titles()),
        english=english,
        first_names={w for w, n in firsts.items() if n >= MIN_SHARED_FIRST_NAME},
    )
    counts: dict[str, Counter[str]] = {"actors": Counter(a.kind or "no code" for a in actors)}
    kept: list[Kept] = []
    left = Counter()
    for a in actors:
        if a.kind not in ("person", "organisation"):
            continue
        codes = recent_codes(a.codes)
        if not codes or (not any(c.dated for c in codes) and any(c.dated for c in a.codes)):
            left[f"{a.kind}: every code range ended before 1990"] += 1
            continue
        person = a.kind == "person"
        names = _aliases(a.names, filt, person)
        if person and names and names[0] in MANGLED:
            left["person: a name glued to an initial in the source, or no person"] += 1
            continue
        if not names:
            left[f"{a.kind}: no usable name"] += 1
            continue
        kind = "" if person else org_kind(codes, a.file)
        kept.append(Kept([_display(n, person) for n in names], codes, kind, source_of(a.source)))
    people = _merge_namesakes([k for k in kept if not k.kind], left)
    orgs = [k for k in kept if k.kind]
    counts["left out"] = left
    counts["names and aliases dropped"] = filt.dropped
    return [p.row() for p in people], [o.row() for o in orgs], counts, as_of(actors)


@dataclass
class Kept:
    names: list[str]  # natural case; the first is the name
    codes: list[DatedCode]
    kind: str  # "" for a person
    source: str

    def row(self) -> tuple[str, ...]:
        out = [self.names[0], "|".join(self.names[1:]), codes_text(self.codes)]
        return (*out, self.kind, self.source) if self.kind else (*out, self.source)


def codes_text(codes: Iterable[DatedCode]) -> str:
    """ "RUSGOV 2008-05-08..; RUSELI": ranges then the default, "; "-separated."""
    return "; ".join(f"{c.code} {c.start}..{c.end}" if c.dated else c.code for c in codes)


def _display(name: str, person: bool) -> str:
    """Natural case, except a short one-word organisation name, which is an acronym ("FARC")."""
    if not person and " " not in name and len(name) <= 5:
        return name
    return natural_case(name)


def _merge_namesakes(people: list[Kept], left: Counter[str]) -> list[Kept]:
    """One row per person: entries with the same codes whose names agree (same key, or one is the
    other's family name alone: "PRESIDENT_JOSIPOVIC" beside "IVO_JOSIPOVIC") are merged."""
    by_codes: dict[str, list[Kept]] = {}
    out: list[Kept] = []
    for p in people:
        # A dated range with the same code as the default says nothing the default does not.
        defaults = {c.code for c in p.codes if not c.dated}
        p.codes = [c for c in p.codes if not (c.dated and c.code in defaults)]
        same = by_codes.setdefault(codes_text(p.codes), [])
        twin = next((q for q in same if _same_person(q.names[0], p.names[0])), None)
        if twin is None:
            same.append(p)
            out.append(p)
            continue
        left["person: a second entry for the same person"] += 1
        keys = {name_key(n) for n in twin.names}
        twin.names += [n for n in p.names if name_key(n) not in keys]
    return out


def _same_person(a: str, b: str) -> bool:
    ka, kb = name_key(a), name_key(b)
    if ka == kb:
        return True
    short, long_ = sorted((ka.split(), kb.split()), key=len)
    return len(short) == 1 and short[0] in (long_[0], long_[-1])


def _agent_words(folder: Path) -> set[str]:
    return {
        w.lower()
        for e in agent_entries(folder / "Phoenix.agents.txt")
        for w in e.phrase.split()
        if w.isalpha()
    }


def _role_words() -> set[str]:
    return {w for phrase in tables.words("roles.tsv") for w in phrase.split()}


# ---------------------------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------------------------

AGENTS_HEADER = """\
# Generic actors: the nouns and noun phrases a news sentence uses for an unnamed actor -> CAMEO
# agent code (the sector that follows the country: "Belgian police" -> BEL + COP).
# phrase: lower case, singular; agent() also reads the plural (regular, or the one in `plural`;
# "-" = the word takes no plural, e.g. police), "ministry of X" as "X ministry", and a phrase with
# extra modifiers by its longest known tail ("riot police" before "police").
# code: CAMEO agent code(s), e.g. COP, GOVMIL (government + military), CHRCTH (Catholic).
# flags: ambiguous = an actor only with a country modifier or as the argument of an event verb
# ("force", "party", "union", "court"); place = also names a place, never an actor from a locative.
# source: newsgraph (written for newsgraph) or phoenix-agents:LINE (derived by
# src/newsgraph/knowledge/derive/phoenix.py from Phoenix.agents.txt, line LINE; filtered to the
# words modern English news uses for actors). Decisions of ours: protesters, demonstrators and
# activists are OPP (the CAMEO and Phoenix convention); a crowd, villagers or hostages are CVL;
# unidentified gunmen and attackers UAF; clergy REL unless a religion is named.
"""

PEOPLE_HEADER = """\
# People with dated CAMEO codes: who held which office or role when, for code ranges that touch 1990
# or later (earlier ranges are left out). One row per person.
# codes: "CODE FROM..TO" ranges (ISO dates; an empty end = open), then the code outside every
# range (PETRARCH's default, mostly ELI: a member of the country's elite), "; "-separated.
# An open end means held when the source was last updated, not today: person() counts an open range
# only up to that date (AS_OF in knowledge/people.py); later terms come from offices.tsv.
# name: natural case; aliases: |-separated spellings, titles and honorifics taken off.
# source: countries|international|milnonstate:LINE = the entry's first line in
# Phoenix.Countries/International/MilNonState.actors.txt, derived by
# src/newsgraph/knowledge/derive/phoenix.py (not a copy: names normalised, junk synonyms dropped).
"""

ORGS_HEADER = """\
# Organisations with CAMEO codes: parties, armed groups, IGOs, NGOs, companies and national bodies.
# codes: "CODE FROM..TO" ranges (ISO dates) and/or an undated code, "; "-separated.
# kind: igo | ngo | company | armed group | party | opposition group | media | state body |
# organisation (read from the codes and the file).
# name: natural case (a one-word name of up to five letters is an acronym, kept as written);
# aliases: |-separated.
# source: countries|international|milnonstate:LINE = the entry's first line in
# Phoenix.Countries/International/MilNonState.actors.txt, derived by
# src/newsgraph/knowledge/derive/phoenix.py (names normalised, junk synonyms dropped).
"""


def _render(columns: tuple[str, ...], header: str, rows: Iterable[tuple[str, ...]]) -> str:
    lines = ["# " + "\t".join(columns), header.rstrip("\n"), LICENCE.rstrip("\n")]
    lines += ["\t".join(r).rstrip("\t") for r in rows]
    return "\n".join(lines) + "\n"


def our_agent_rows(path: Path) -> list[AgentRow]:
    if not path.exists():
        return []
    t = tables.read(path)
    return [AgentRow(*r) for r in t.rows if r[t.index("source")] == "newsgraph"]


def derive(folder: Path, data: Path = DATA) -> tuple[dict[str, str], dict[str, Counter[str]], dict[str, str]]:
    """{file name: table text} for the three tables, the counts of what was left out, and the
    latest date of each actors file (people.AS_OF)."""
    agents, agent_drops = agent_rows(folder, our_agent_rows(data / "agents.tsv"))
    people, orgs, counts, latest = actor_tables(folder)
    counts["agents dropped"] = agent_drops
    return (
        {
            "agents.tsv": _render(AGENT_COLUMNS, AGENTS_HEADER, (r.fields() for r in agents)),
            "people.tsv": _render(PEOPLE_COLUMNS, PEOPLE_HEADER, people),
            "organisations.tsv": _render(ORG_COLUMNS, ORGS_HEADER, orgs),
        },
        counts,
        latest,
    )


def as_of(actors: Iterable[Actor]) -> dict[str, str]:
    """The latest date in each actors file: how far its open ranges are known to hold."""
    out: dict[str, str] = {}
    for a in actors:
        source = SOURCES[a.file]
        for code in map(_fix_century, a.codes):
            for day in (code.start, code.end):
                if day and day > out.get(source, ""):
                    out[source] = day
    return out


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    folder = Path(args[0]) if args else DEFAULT_FOLDER
    texts, counts, latest = derive(folder)
    changed = [n for n, t in texts.items() if not (DATA / n).exists() or (DATA / n).read_text("utf-8") != t]
    for what, counter in counts.items():
        print(f"{what}: " + ", ".join(f"{k} {v}" for k, v in counter.most_common()))
    print("as of:", latest)
    if "--check" in argv:
        print("would change:", ", ".join(changed) or "nothing")
        return 1 if changed else 0
    for name in changed:
        (DATA / name).write_text(texts[name], encoding="utf-8")
    for name, text in texts.items():
        print(f"{name}: {text.count(chr(10))} lines, {len(text.encode())} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
