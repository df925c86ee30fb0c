"""Event coding over the parse: one test per construction, a property test, and the sample page."""

from __future__ import annotations

import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsgraph.analyze.events import coder as ev
from newsgraph.analyze.events.modality import recode
from newsgraph.analyze.pipeline import load_nlp
from newsgraph.knowledge import cameo
from newsgraph.records import Event

_NLP: list[spacy.language.Language] = []


def nlp() -> spacy.language.Language:
    """Our own copy of the pipeline (load_nlp is cached and shared), plus the events component."""
    if not _NLP:
        # The pipeline of pipeline.load_nlp (and places when that component is installed) + events.
        _NLP.append(load_nlp())
    return _NLP[0]


def code(text: str, published: str = "2017-07-07", precision: str = "day") -> list[Event]:
    n = nlp()
    doc = n.make_doc(text)
    doc._.article_id = "art"
    doc._.published = published
    doc._.published_precision = precision
    return list(n(doc)._.events)


def dyads(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.root_code, e.source_code[:3], e.target_code[:3]) for e in events}


def test_verb_with_subject_and_object() -> None:
    found = code("France and Germany condemned Russia.")
    assert ("11", "FRA", "RUS") in dyads(found)
    assert ("11", "DEU", "RUS") in dyads(found)  # coordinated subjects: one event each
    e = found[0]
    assert e.rule.startswith("trigger:condemn.v; source:nsubj; target:dobj")
    assert e.evidence == "France and Germany condemned Russia."
    assert (e.start, e.end) == (0, len(e.evidence))
    assert e.id == "art:0:0" and e.modality == "asserted"
    entry = cameo.lookup(e.cameo_code)
    assert (e.goldstein, e.quad_class, e.plover_type) == (entry.goldstein, entry.quad_class, entry.plover)


def test_passive_agent_is_the_source() -> None:
    found = code("The embassy of France was attacked by Russian troops.")
    assert any(e.root_code == "19" and e.source_code == "RUSMIL" for e in found)
    assert "source:agent" in found[0].rule


def test_passive_subject_is_the_target() -> None:
    found = code("The Russian building was demolished by a Ukrainian protestor.")
    assert ("17", "UKR", "RUS") in dyads(found)


def test_noun_trigger_takes_the_governing_verbs_subject_and_its_preposition() -> None:
    found = code("Germany announced new sanctions against Russia.")
    assert ("16", "DEU", "RUS") in dyads(found)
    # A verb that judges the act does not lend its subject: Germany did not impose these.
    assert ("16", "DEU", "RUS") not in dyads(code("Germany criticized the new sanctions against Russia."))
    sanction = next(e for e in found if e.root_code == "16")
    assert "trigger:sanction.n" in sanction.rule and "target:against" in sanction.rule


def test_meeting_between_two_actors_is_coded_both_ways() -> None:
    found = code("The meeting between Germany and France lasted two hours.")
    assert {("04", "DEU", "FRA"), ("04", "FRA", "DEU")} <= dyads(found)


def test_compound_targets_give_one_event_per_actor() -> None:
    found = code("The United States imposed sanctions on Russia and Iran.")
    assert {("16", "USA", "RUS"), ("16", "USA", "IRN")} <= dyads(found)


def test_negation_recodes_cooperation_as_rejection() -> None:
    found = code("Japan and China did not agree on a deal.")
    assert found and all(e.modality == "negated" for e in found)
    assert ("12", "JPN", "CHN") in dyads(found)
    assert "negation:030->120" in found[0].rule
    failed = code("Japan and China could not agree on a deal.")
    assert failed and all(e.modality == "negated" for e in failed)
    # A failure to agree is not a refusal: no rejection (12x), the code stays with "negated".
    assert not [e for e in failed if e.root_code == "12"] and "modality:negated(could not)" in failed[0].rule


def test_negated_conflict_keeps_its_code_and_says_so() -> None:
    found = code("Germany did not attack France.")
    assert [(e.cameo_code, e.modality) for e in found] == [("190", "negated")]


def test_intent_verb_recodes_to_express_intent() -> None:
    found = code("Russia and the United States agreed to create a channel.")
    channel = [e for e in found if "create_channel" in e.rule]
    assert channel and all(e.modality == "intended" and e.root_code == "03" for e in channel)


def test_bare_future_is_intended_but_keeps_its_code() -> None:
    found = code("The United States will supply arms to Israel.")
    assert [(e.root_code, e.source_code, e.target_code, e.modality) for e in found] == [
        ("07", "USA", "ISR", "intended")
    ]


def test_a_reported_future_is_a_stated_intention() -> None:
    # Someone announcing what will happen states an intention: 036, not the meeting itself (046).
    found = code("Chile and Mexico will start negotiations next year, the Chilean finance minister said.")
    coded = {(e.cameo_code, e.source_code[:3], e.target_code[:3], e.modality) for e in found if e.source_code}
    assert coded == {
        ("036", "CHL", "MEX", "intended"),
        ("036", "MEX", "CHL", "intended"),
    }
    assert all("intent:046->036" in e.rule for e in found if e.source_code)


def test_would_reported_in_the_past_is_the_future_not_a_possibility() -> None:
    backshifted = code("A spokesman said Germany would give economic aid to Mali.")
    assert [(e.cameo_code, e.source_code, e.target_code, e.modality) for e in backshifted] == [
        ("033", "DEU", "MLI", "intended")
    ]
    # Without a speech verb above it, "would" stays a possibility and the act keeps its code.
    possible = code("Germany would give economic aid to Mali.")
    assert [(e.cameo_code, e.modality) for e in possible] == [("070", "hypothetical")]


def test_a_party_no_table_codes_keeps_its_words_and_no_code() -> None:
    text = "Colombian troops attacked the ELN."
    (attack,) = code(text)
    assert (attack.cameo_code, attack.source_code, attack.target_code) == ("190", "COLMIL", "")
    assert text[attack.target_start : attack.target_end] == "the ELN"
    assert "target-actor:unresolved-phrase" in attack.rule
    minister = code("The finance minister rejected the plan.")
    assert [(e.source_code, minister_text(e)) for e in minister] == [("", "The finance minister")]
    # A thing is no party; a pronoun is resolved or left out, never kept as words.
    assert [e.target_start for e in code("Colombian troops attacked it.")] == [-1]


def test_a_pronoun_named_in_the_same_sentence_points_at_the_name() -> None:
    text = "President Donald Trump said he would call on the UN Security Council to act."
    appeal = next(e for e in code(text, published="2018-09-20") if e.root_code == "02")
    assert (appeal.source_code, appeal.target_code) == ("USAGOV", "IGOUNO")
    assert minister_text(appeal) == "Donald Trump" and "source-actor:pronoun:last-person" in appeal.rule


def minister_text(e: Event) -> str:
    return e.evidence[e.source_start - e.start : e.source_end - e.start]


def test_conditional_is_hypothetical() -> None:
    found = code("If Spain attacks Portugal, Britain will respond.")
    assert any(e.root_code == "19" and e.modality == "hypothetical" for e in found)


def test_event_in_a_quote_is_reported_with_the_speaker_as_source_for_we() -> None:
    found = code('"We condemned the attack on the embassy," Russian Foreign Minister Sergei Lavrov said.')
    condemn = [e for e in found if e.root_code == "11"]
    assert condemn and condemn[0].source_code == "RUSGOV"
    assert condemn[0].modality == "reported" and "source:quote-speaker" in condemn[0].rule


def test_date_from_the_sentences_time_expression_else_publication() -> None:
    dated = code("On 12 March 2015, Germany expelled two Russian diplomats.")
    assert [(e.cameo_code, e.source_code, e.target_code, e.date, e.date_precision) for e in dated] == [
        ("161", "DEU", "RUS", "2015-03-12", "day")
    ]
    undated = code("Germany expelled two Russian diplomats.", published="2016-05", precision="month")
    assert (undated[0].date, undated[0].date_precision) == ("2016-05", "month")
    assert "date:published" in undated[0].rule


def test_recode_table() -> None:
    assert recode("072", "intended", "pledge") == ("0332", "intent:072->0332")
    assert recode("072", "intended", "will") == ("072", "")
    assert recode("040", "negated") == ("125", "negation:040->125")
    assert recode("190", "negated") == ("190", "")


def test_user_verb_dictionary_entries_join_the_index(tmp_path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text("--- GREET [041] ---\nGREET\nSALUTE {SALUTED}\n", encoding="utf-8")
    index = ev.build_index([path])
    assert index.match("salute", "VERB") is not None
    coder = ev.make_coder(verbs=[path])
    n = nlp()
    doc = n.make_doc("France saluted Germany.")
    doc._.article_id = "x"
    doc = n(doc)
    found = ev.events(doc, coder)
    assert [(e.cameo_code, e.source_code, e.target_code) for e in found] == [("041", "FRA", "DEU")]
    assert found[0].rule.startswith("trigger:petrarch:verbs.txt:")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(
            [
                "Russia",
                "France",
                "met",
                "attacked",
                "the",
                "and",
                "sanctions",
                "against",
                "on June 20",
                ",",
                ".",
                '"',
                "will",
                "not",
                "talks",
                "with",
                "Putin",
                "said",
                "by",
                "ceasefire",
                "in",
                "Syria",
            ]
        ),
        max_size=25,
    ).map(" ".join)
)
def test_never_raises_and_spans_stay_inside_the_text(text: str) -> None:
    for e in code(text):
        assert 0 <= e.start <= e.end <= len(text)
        assert text[e.start : e.end] == e.evidence
        assert cameo.is_code(e.cameo_code) and e.root_code == e.cameo_code[:2]
        assert 0.0 <= e.confidence <= 1.0


def test_sample_page_events(sample_page) -> None:
    from newsgraph.extract import extract
    from newsgraph.sources.raw import RawDocument

    article = extract(RawDocument(uri=str(sample_page), kind="text", content=sample_page.read_bytes()))
    found = code(article.text, published=article.published, precision=article.published_precision)

    def has(root: set[str], source: str, target: str | None, words: str, date: str | None = None) -> bool:
        for e in found:
            if e.root_code not in root or e.source_code[:3] != source or words not in e.evidence:
                continue
            if target is not None and e.target_code[:3] != target:
                continue
            if date is None or e.date == date:
                return True
        return False

    assert has({"04"}, "USA", "RUS", "between US President Donald Trump")  # the meeting
    assert has({"05"}, "RUS", "JPN", "apologize")  # Putin apologises to Abe
    assert has({"01", "12"}, "RUS", None, "denied any involvement")  # Putin denies
    assert has({"03", "05"}, "USA", "RUS", "establish a new framework")  # cyber framework
    assert has({"16"}, "USA", "RUS", "On June 20", date="2017-06-20")  # sanctions, June 2017
    assert has({"16"}, "USA", "RUS", "In December 2016", date="2016-12")  # sanctions, December 2016
    assert has({"03", "05"}, "RUS", "USA", "agreed a memorandum")  # the Amman memorandum
    assert has({"03", "04"}, "RUS", "USA", "create a channel")  # the channel on Ukraine
    assert has({"11", "12"}, "USA", "RUS", "raised his concerns")  # Trump accuses Russia
    ceasefire = [e for e in found if e.root_code == "08" and e.date == "2017-07-09"]
    assert ceasefire, "the ceasefire from July 9"
    # Placed in one of the three governorates (ISO 3166-2), not in "Damascus time".
    assert any(e.place_id in {"SY-DR", "SY-QU", "SY-SU"} for e in ceasefire)
    hamburg = "2911298"  # GeoNames id of Hamburg
    assert any(e.root_code == "04" and {e.source_code[:3], e.target_code[:3]} == {"USA", "RUS"}
               and e.place_id == hamburg for e in found)  # fmt: skip
    ids = [e.id for e in found]
    assert len(ids) == len(set(ids))


# -- actor coding for events: dated offices, conjuncts, capitals, places of visits -----------------


def test_bare_surname_is_coded_from_the_dated_office_table() -> None:
    found = code("Obama criticized Iran.", published="2015-06-09")
    assert ("11", "USA", "IRN") in dyads(found)
    # Out of office: no office (no GOV), but still the country the office table knows him in.
    assert code("Obama criticized Iran.", published="2019-06-09")[0].source_code == "USA"


def test_office_holder_lookup_needs_the_date_or_the_title() -> None:
    from newsgraph.knowledge.offices import holder_on

    dated = holder_on("Castro", "2010-06-01")
    assert dated is not None and dated[0].name == "Raul Castro" and dated[1] == "dated"
    assert holder_on("Castro", "") is None  # two holders, no date, no title: unknown
    titled = holder_on("Obama", "", ("president",))
    assert titled is not None and titled[0].country == "USA" and titled[1] == "role"


def test_second_conjunct_of_a_misparsed_name_pair_is_an_actor() -> None:
    found = code("Barack Obama and Vladimir Putin will meet in Zurich.", published="2015-06-09")
    sources = {e.source_code[:3] for e in found if e.root_code == "04"}
    assert {"USA", "RUS"} <= sources


def test_capital_stands_for_its_country() -> None:
    found = code("Moscow condemned Washington.")
    assert ("11", "RUS", "USA") in dyads(found)


def test_visit_without_a_party_goes_to_the_country_of_the_place() -> None:
    found = code("Obama is scheduled to attend a summit in Switzerland.", published="2015-06-09")
    assert ("04", "USA", "CHE") in dyads(found)


def test_body_in_a_country_belongs_to_it() -> None:
    found = code("A court in Kenya issued an arrest warrant for two Ugandan men.")
    assert any(
        e.root_code == "17" and e.source_code == "KENJUD" and e.target_code[:3] == "UGA" for e in found
    )


def test_one_event_per_root_and_dyad_in_a_sentence() -> None:
    found = code("Germany held talks with France to discuss trade.")
    keys = [(e.root_code, e.source_code, e.target_code) for e in found]
    assert len(keys) == len(set(keys))


def test_plover_type_of_a_promised_or_held_out_act() -> None:
    from newsgraph.analyze.events.modality import Modality

    assert ev.plover_type("07", "AID", Modality("intended", "pledge")) == "AGREE"
    assert ev.plover_type("17", "COERCE", Modality("hypothetical", "could")) == "THREATEN"
    assert ev.plover_type("07", "AID", Modality("asserted", "")) == "AID"
    assert ev.plover_type("11", "ACCUSE", Modality("intended", "will")) == "ACCUSE"
    assert ev.plover_type("16", "COERCE", Modality("hypothetical", "urge")) == "COERCE"  # asked for


def test_obligation_in_a_reported_clause_is_a_demand_by_the_speaker() -> None:
    found = code("Germany said on Monday that Turkey must release the journalists.")
    demands = [e for e in found if "demand-of-speaker" in e.rule]
    assert [(e.root_code, e.source_code[:3], e.target_code[:3]) for e in demands] == [("10", "DEU", "TUR")]
    assert demands[0].cameo_code == "1053"  # what is demanded: a release (084 -> 1053)
    owed = [e for e in found if e.rule.startswith("trigger:release")]
    assert all(e.modality == "hypothetical" for e in owed)  # "must release": not done
    top = max(found, key=lambda e: e.confidence)
    assert top.plover_type == "REQUEST"


def test_meeting_of_two_parties_in_a_third_country_goes_to_the_host_too() -> None:
    found = code("Japan and Brazil will meet in Paris next week.")
    assert {("04", "JPN", "BRA"), ("04", "BRA", "JPN")} <= dyads(found)
    assert {("04", "JPN", "FRA"), ("04", "BRA", "FRA")} <= dyads(found)
    assert all("host-country" in e.rule for e in found if e.target_code == "FRA")


def test_demand_that_is_a_protests_purpose_ranks_below_the_protest() -> None:
    for text in (
        "French farmers began a hunger strike to demand aid from the government of Spain.",
        "Kenyan teachers protested in Nairobi on Monday, demanding higher pay from the Kenyan government.",
    ):
        found = code(text)
        assert max(found, key=lambda e: e.confidence).root_code == "14", text
        assert any("purpose-of-protest" in e.rule for e in found if e.root_code == "10"), text


def test_staged_is_lemmatized_to_stage() -> None:
    found = code("Thousands of Kenyan teachers staged demonstrations on Monday.")
    assert any(e.rule.startswith("trigger:stage_demonstration.v") and e.root_code == "14" for e in found)


def test_one_sided_events_are_dyadic_only_for_roots_that_need_no_target() -> None:
    protest = code("Chilean students protested on Monday.")
    assert any(e.root_code == "14" and ev.dyadic(e) for e in protest)
    arrest = code("Police in Egypt arrested a journalist.")
    # The journalist is an unnamed actor of the country the sentence names: a complete event.
    assert [(e.source_code, e.target_code, ev.dyadic(e)) for e in arrest if e.root_code == "17"] == [
        ("EGYCOP", "EGYMED", True)
    ]
    nobody = code("Police in Egypt carried out arrests on Monday.")
    assert [ev.dyadic(e) for e in nobody if e.root_code == "17"] == [False]  # no one arrested is named


# -- the speaker's own act, denials, absorbed partial events ---------------------------------------


def test_reported_attack_by_another_is_the_speakers_accusation() -> None:
    found = code("The US said that Iraq had attacked Kuwait.")
    reported = [e for e in found if e.root_code == "19"]
    assert [(e.source_code, e.target_code, e.modality) for e in reported] == [("IRQ", "KWT", "reported")]
    accusation = [e for e in found if e.root_code == "11"]
    assert [(e.cameo_code, e.source_code, e.target_code) for e in accusation] == [("1123", "USA", "IRQ")]
    assert accusation[0].rule.startswith(f"transform:accuse_of_aggression; from:{reported[0].id}")
    assert accusation[0].modality == "asserted"
    assert len({e.id for e in found}) == len(found)


def test_speaker_reporting_its_own_attack_claims_it_and_announcing_one_threatens() -> None:
    claimed = code("The US claimed that they had attacked Iraq.")
    assert ("01", "USA", "IRQ") in dyads(claimed)
    assert any(e.cameo_code == "015" and "transform:claim_responsibility" in e.rule for e in claimed)
    threat = code("Iran said it will attack Israel.")
    assert any(e.cameo_code[:3] == "138" and (e.source_code, e.target_code) == ("IRN", "ISR") for e in threat)


def test_own_side_report_is_not_an_accusation() -> None:
    found = code("The United States launched an air strike against Iraq, the US military said.")
    assert not [e for e in found if e.root_code == "11"]


def test_denied_act_is_negated_and_claims_nothing() -> None:
    found = code("Iraq denied that it had attacked Kuwait.")
    attack = [e for e in found if e.root_code == "19"]
    assert attack and all(e.modality == "negated" for e in attack)
    assert not [e for e in found if e.rule.startswith("transform:")]


def test_one_sided_event_is_absorbed_by_the_complete_one_of_its_root() -> None:
    found = code("A court in Guyana has issued arrest warrants for two Brazilian men.")
    arrests = [e for e in found if e.root_code == "17"]
    assert [(e.source_code, e.target_code) for e in arrests] == [("GUYJUD", "BRACVL")]
    assert "absorbs:arrest.n" in arrests[0].rule


def test_target_is_whose_act_the_object_is() -> None:
    found = code("France condemned the allegations by Rwanda.")
    assert ("11", "FRA", "RWA") in dyads(found)
    assert any("target:dobj-by" in e.rule for e in found)
    assert ("09", "USA", "IRN") in dyads(code("Obama ordered an investigation against Iran.", "2015-06-09"))
    # ... also through the participle that modifies it: the efforts were South Korea's.
    assert dyads(code("Japan praised the efforts made by South Korea.")) == {("05", "JPN", "KOR")}
    assert dyads(code("Japan praised the efforts made in Seoul.")) == {("05", "JPN", "")}  # no one's


def test_a_time_word_after_the_entrys_preposition_is_a_figure_of_speech() -> None:
    assert not [e for e in code("The two leaders want to look into the future.") if e.root_code == "09"]
    assert ("09", "USA", "") in {(e.root_code, e.source_code[:3], e.target_code[:3]) for e in
                                 code("The US will look into the allegations.")}  # fmt: skip


# -- requests: the request is the event, what it asks for is not done ------------------------------


def test_act_asked_for_is_hypothetical_and_keeps_its_own_plover_type() -> None:
    found = code("The European Union called for sanctions against Russia.")
    sanctions = [e for e in found if e.root_code == "16"]
    assert sanctions and all(e.modality == "hypothetical" for e in sanctions)
    assert "modality:hypothetical(call)" in sanctions[0].rule
    assert sanctions[0].plover_type == cameo.lookup(sanctions[0].cameo_code).plover  # not THREATEN


def test_appeal_takes_the_code_of_what_it_asks_for_and_the_addressee_would_act() -> None:
    found = code("The United States urged Israel to withdraw its troops from Gaza.")
    appeal = [e for e in found if e.root_code == "02"]
    assert [(e.cameo_code, e.source_code, e.target_code) for e in appeal] == [("0256", "USA", "ISR")]
    assert appeal[0].rule.endswith("request-for:0874") and appeal[0].modality == "asserted"
    withdrawal = [e for e in found if e.root_code == "08"]
    assert [(e.source_code, e.modality) for e in withdrawal] == [("ISR", "hypothetical")]
    asked = code("Congress is asking Obama to help Iran.", published="2015-06-09")
    assert ("02", "USA", "USA") in dyads(asked) and any(e.cameo_code == "023" for e in asked)
    helper = [e for e in asked if e.root_code == "07"]
    assert helper and helper[0].source_code == "USAGOV" and "source:dobj-of-ask" in helper[0].rule
    called = code("Russia called on Ukraine to release the prisoners.")
    assert any(e.cameo_code == "0253" and (e.source_code, e.target_code) == ("RUS", "UKR") for e in called)
    assert [e.source_code for e in called if e.root_code == "08"] == ["UKR"]


def test_hostages_as_people_are_not_a_hostage_taking() -> None:
    assert not [e for e in code("France demanded the release of the hostages.") if e.root_code == "18"]
    assert any(e.cameo_code == "181" for e in code("Gunmen took ten tourists hostage in Mali."))


def test_subject_of_a_judging_verb_is_not_the_source_of_the_act_it_judges() -> None:
    condemned = code("France condemned the attack on the embassy in Kabul.")
    attack = [e for e in condemned if e.root_code == "19"]
    assert attack and not attack[0].source_code and "source:evaluated-by(condemn)" in attack[0].rule
    denounced = code("Turkey denounced the sanctions against Iran.")
    assert ("11", "TUR", "IRN") in dyads(denounced)
    assert not [e for e in denounced if e.root_code == "16" and e.source_code]
    welcomed = dyads(code("Russia welcomed the agreement between Iran and Iraq."))
    assert {("05", "IRN", "IRQ"), ("05", "IRQ", "IRN")} <= welcomed
    assert not {d for d in welcomed if d[0] == "05" and "RUS" in d[1:]} - {("05", "RUS", "")}
    # A support verb still lends its subject: "agreed a memorandum", "imposed sanctions".
    assert ("16", "USA", "RUS") in dyads(code("The United States imposed new sanctions on Russia."))


def test_accused_party_is_the_source_of_the_alleged_act() -> None:
    found = code("Ukraine accused Russia of shelling civilian areas.")
    assert ("11", "UKR", "RUS") in dyads(found)
    shelling = [e for e in found if e.root_code == "19"]
    assert [(e.source_code, e.modality) for e in shelling] == [("RUS", "reported")]
    blamed = [e for e in code("Israel blamed Hamas for the attack.") if e.root_code == "19"]
    assert [(e.source_code, e.modality) for e in blamed] == [("PSEREB", "reported")]
    assert "source:accused" in blamed[0].rule


def test_who_arranges_talks_is_not_a_party_to_them_and_rejected_claims_have_an_author() -> None:
    found = code("Egypt mediated talks between Israel and Hamas.")
    talks = {(e.source_code[:3], e.target_code[:3]) for e in found if e.cameo_code == "040"}
    assert talks == {("ISR", "PSE"), ("PSE", "ISR")}  # Hamas: a table institution, PSE + REB
    assert {(e.source_code, e.target_code[:3]) for e in found if e.cameo_code == "045"} == {
        ("EGY", "ISR"),
        ("EGY", "PSE"),
    }  # the mediator mediates with both parties
    assert ("01", "IRN", "SAU") in dyads(code("Iran rejected the accusations by Saudi Arabia."))


def test_national_body_without_a_country_acts_where_its_clause_says() -> None:
    found = code("Police arrested dozens of protesters in Moscow.")
    assert [e.source_code for e in found if e.root_code == "17"] == ["RUSCOP"]


def test_speaker_is_not_the_unnamed_agent_of_an_act_they_report() -> None:
    found = code("Coalition air strikes killed 20 civilians in Yemen, the UN said.")
    assert not [e for e in found if e.source_code.startswith("IGO")]
    own = code("The US claimed that they had attacked Iraq.")
    # "they" in the clause the US reports stands for the US (its rule names how it was found).
    how = ("quote-speaker", "reporting-subject")
    assert any(e.root_code == "19" and e.source_code == "USA" and any(h in e.rule for h in how) for e in own)


def test_common_wire_constructions() -> None:
    threat = code("Biden threatened Russia with severe sanctions.", published="2022-02-01")
    assert ("13", "USA", "RUS") in dyads(threat)  # "Biden", tagged GPE by the model, is the president
    assert {("11", "IND", "PAK"), ("11", "PAK", "IND")} <= dyads(
        code("India and Pakistan traded accusations over the border clashes.")
    )
    assert ("07", "DEU", "UKR") in dyads(code("Germany will send tanks to Ukraine."))
    assert {("08", "IRN", "USA"), ("08", "USA", "IRN")} <= dyads(
        code("Iran and the United States exchanged prisoners on Monday.")
    )


def test_roles_of_several_countries_are_one_actor_per_country() -> None:
    found = dyads(code("The foreign ministers of Japan and South Korea met in Tokyo."))
    assert {("04", "JPN", "KOR"), ("04", "KOR", "JPN")} <= found
    met = code("The president of France met the chancellor of Germany.")
    assert ("FRAGOV", "DEUGOV") in {(e.source_code, e.target_code) for e in met}


def test_family_name_first_leaders_and_topics_places() -> None:
    found = code("The Kremlin said Putin and Xi discussed the war in Ukraine by phone.", "2022-02-01")
    assert {("04", "RUS", "CHN"), ("04", "CHN", "RUS")} <= dyads(found)
    assert not [e for e in found if e.target_code == "UKR"]  # the war's place, not the talks'
    crowd = code("Hundreds of people protested in Tbilisi against the new law.")
    assert [e.source_code for e in crowd if e.root_code == "14"] == ["GEOCVL"]


def test_a_definite_event_noun_with_no_actor_refers_back_to_an_event_already_coded() -> None:
    text = "Chile and Japan signed a trade agreement on Monday. The agreement takes effect in April."
    found = code(text)
    assert [e.root_code for e in found if e.start > 0] == []  # "The agreement": the same event
    alone = code("The agreement takes effect in April.")
    assert [e.root_code for e in alone] == ["05"]  # nothing earlier: it is the event's only mention


def test_led_coalitions_and_capitals_the_model_calls_people() -> None:
    assert ("19", "USA", "IRQ") in dyads(code("A US-led coalition attacked Iraq."))
    assert ("19", "SAU", "YEM") in dyads(code("Saudi warplanes bombed Sanaa on Friday."))


def test_a_pledge_to_act_is_one_event_and_partials_are_absorbed_by_country() -> None:
    found = code("Qatar has pledged to expel the exiled leaders of Egypt's Muslim Brotherhood.")
    assert not [e for e in found if e.cameo_code == "030"]  # the expulsion carries the pledge
    assert any(e.root_code == "17" and e.modality == "intended" for e in found)
    visit = code("The US commander held talks with the Lebanese government during a visit to Beirut.")
    assert not [e for e in visit if e.root_code == "04" and not e.source_code]


def test_lexicon_alternative_codes_follow_who_acts() -> None:
    def codes(text: str) -> list[str]:
        return [e.cameo_code for e in code(text)]

    assert "114" in codes("Pakistan protested the cross-border attack.")  # a state complains officially
    assert "140" in codes("Students protested in Belgrade.")  # a crowd demonstrates
    assert "190" in codes("Israeli troops carried out a strike on Gaza.")  # an armed force strikes
    assert "043" in codes("Macron welcomed Modi to Paris.")  # a person welcomed: a visit hosted
    assert "012" in codes("Iran warned.")  # a warning to no one: a pessimistic comment
    strike = [e for e in code("Israeli troops carried out a strike on Gaza.") if e.cameo_code == "190"]
    assert "alt:armed-source->190" in strike[0].rule and strike[0].target_code == "PSE"
    opponents = code("Opponents of Rwanda's Senate protested yesterday.")
    assert [(e.cameo_code, e.source_code) for e in opponents if e.root_code == "14"] == [("140", "RWAOPP")]


def test_stopped_acts_are_negated_and_bodies_take_their_sector() -> None:
    found = code("Hungary blocked the EU's aid package for Ukraine.")
    aid = [e for e in found if e.root_code == "07"]
    assert aid and aid[0].modality == "negated" and aid[0].source_code != "HUN"
    assert aid[0].cameo_code == "070"  # kept: a blocked act is no one's rejection
    truce = code("Sudan's army and the RSF agreed to a 72-hour truce.")
    assert any(e.source_code == "SDNMIL" for e in truce)


def test_a_clause_on_the_noun_names_the_target_only_of_acts_aimed_at_someone() -> None:
    trip = code("The UN chief began a regional trip aimed at pushing for a ceasefire in the Gaza Strip.")
    assert not [e for e in trip if e.root_code == "04" and e.target_code]
    aimed = code("The US announced new sanctions targeting companies supporting the Russian government.")
    assert ("16", "USA", "RUS") in dyads(aimed)


# -- people of the office table: dated roles, campaigns and the default for a former official -----


def _full(events: list[Event]) -> set[tuple[str, str, str]]:
    return {(e.root_code, e.source_code, e.target_code) for e in events}


def test_people_are_coded_by_the_role_they_held_on_the_article_date() -> None:
    # A sitting senator is LEG (his office outranks his own campaign); a candidate holding no
    # office is OPP during the campaign (offices.tsv "presidential candidate").
    assert _full(code("Senator Ted Cruz endorsed Donald Trump.", published="2016-09-23")) == {
        ("05", "USALEG", "USAOPP")
    }
    assert _full(code("Macron met Merkel in Berlin.", published="2017-05-15")) == {("04", "FRAGOV", "DEUGOV")}
    found = code("Justin Trudeau met Enrique Pena Nieto in Ottawa.", published="2016-06-28")
    assert _full(found) == {("04", "CANGOV", "MEXGOV")}
    assert _full(code("James Comey criticized Hillary Clinton.", published="2016-07-05")) == {
        ("11", "USACOP", "USAOPP")
    }


def _actor_rule(text: str, published: str, name: str) -> str:
    doc = nlp().make_doc(text)
    doc._.article_id, doc._.published, doc._.published_precision = "art", published, "day"
    return next(a.rule for a in nlp()(doc)._.actors if a.name == name)


def test_an_office_is_not_used_outside_its_term() -> None:
    text = "Donald Trump criticized Mexico."
    assert _full(code(text, published="2017-05-01")) == {("11", "USAGOV", "MEX")}
    # Between his terms: a former president, PETRARCH's default for a former official (ELI).
    assert _full(code(text, published="2022-03-01")) == {("11", "USAELI", "MEX")}
    rule = _actor_rule(text, "2022-03-01", "Donald Trump")
    assert "table:office-default:Donald Trump=president:2017-01-20..2021-01-20@2022-03-01" in rule
    # Before his first known public role the table knows only his country.
    assert _full(code(text, published="2014-03-01")) == {("11", "USA", "MEX")}
    assert "table:office-country:Donald Trump=USA" in _actor_rule(text, "2014-03-01", "Donald Trump")
    assert _full(code("Barack Obama criticized Russia.", published="2018-03-01")) == {("11", "USAELI", "RUS")}


def test_a_verb_that_lifts_or_cuts_an_act_takes_it_back() -> None:
    # CAMEO codes lifting a coercive act as yielding (08x) and cutting a cooperative one as reducing
    # relations (16x), by the "reverse" map, whatever the verb of lifting or cutting.
    (cut,) = code("The US reduced military aid to Egypt.")
    assert (cut.cameo_code, cut.source_code) == ("1622", "USA")
    assert "reversed(reduce):072->1622" in cut.rule
    # Who lifts or cuts it is who had done it: the reversing verb's subject is the source.
    assert dyads(code("Israel ended the blockade of Gaza.")) == {("08", "ISR", "PSE")}
    # Refusing to lift it is a rejection of the easing (124x), not a blockade.
    assert [e.cameo_code for e in code("Israel refused to end the blockade of Gaza.")] == ["1246"]


def test_an_entry_may_name_a_class_of_words() -> None:
    # "contribute @money", "send @relief", "sell @arms": one entry per verb and class of aid, so a
    # word of the class the entry never spelled out is matched all the same.
    assert dyads(code("Germany contributed $46 million to Iraq.")) == {("07", "DEU", "IRQ")}
    (food,) = code("Japan shipped rice and blankets to North Korea.")
    assert (food.cameo_code, food.source_code, food.target_code) == ("073", "JPN", "PRK")
    assert "trigger:ship_relief.v" in food.rule
    (arms,) = code("Russia sold howitzers to Syria.")
    assert arms.cameo_code == "072"
    # Readiness makes it an intention (033x), as for the spelled-out entries.
    (ready,) = code("Colombia is ready to contribute troops to the NATO force.")
    assert (ready.cameo_code, ready.modality) == ("0334", "intended")
    # A word outside every class is no aid.
    assert not code("Japan sent a letter to Peru.")
    # Relations strengthened are diplomatic cooperation, both ways between coordinated parties.
    assert dyads(code("Japan deepened ties with India.")) == {("05", "JPN", "IND")}
    # (a narrative future keeps the act's code; a reported one is the intention, 03)
    both = {("05", "CHN", "RUS"), ("05", "RUS", "CHN")}
    assert dyads(code("China and Russia will strengthen coordination.")) == both
    said = code("He said China and Russia will strengthen coordination.")
    assert dyads(said) == {("03", "CHN", "RUS"), ("03", "RUS", "CHN")}
    # Unarmed missions sent are aid, not a show of force; troops deployed stay one.
    assert [e.cameo_code for e in code("The EU deployed election observers to Zimbabwe.")] == ["070"]
    assert [e.root_code for e in code("Russia deployed troops to Crimea.")] == ["15"]


def test_comments_and_attitudes_by_class() -> None:
    assert dyads(code("Germany voiced doubts about Russia.")) == {("01", "DEU", "RUS")}
    (skeptical,) = code("The South Korean government has said it is skeptical of the figures.")
    assert (skeptical.cameo_code, skeptical.source_code) == ("012", "KORGOV")
    assert [e.cameo_code for e in code("Japan extended its sympathy to Nepal.")] == ["018"]
    # Concern is pessimism, as the CAMEO dictionaries code it (012), not disapproval (110).
    assert [e.cameo_code for e in code("The EU conveyed its concerns to Greece.")] == ["012"]
    assert [e.cameo_code for e in code("France expressed concern over Syria.")] == ["012"]
    assert dyads(code("Iran expressed outrage at Israel.")) == {("11", "IRN", "ISR")}
    # An adjective of attitude needs an actor: a market is no party, and the event stays partial.
    assert not [e for e in code("The market was upbeat.") if ev.dyadic(e)]


def test_convictions_and_sentences_are_legal_coercion_as_the_cameo_dictionary_codes_them() -> None:
    # PETRARCH2's CAMEO verb dictionary: CONVICT [173], SENTENCE [172] (not 116, a verbal finding).
    assert dyads(code("A Turkish court convicted two Kurdish activists.")) == {("17", "TUR", "TUR")}
    (sentence,) = code("An Iranian court sentenced a British journalist.")
    assert (sentence.cameo_code, sentence.source_code[:3], sentence.target_code[:3]) == ("172", "IRN", "GBR")


def test_a_naming_event_says_which_word_or_score_decided() -> None:
    found = code('Kenya called the Ugandan claims "baseless".')
    assert [(e.cameo_code, e.source_code, e.target_code) for e in found] == [("111", "KEN", "UGA")]
    assert "trigger:naming:call.v(disapproving:baseless)" in found[0].rule
    praised = code("Trump called Putin a strong leader.")
    assert [e.cameo_code for e in praised] == ["051"] and "(vader:+0.51)" in praised[0].rule


def test_a_neutral_name_or_a_bare_call_is_no_judgement() -> None:
    assert not code("The Japanese government named Tanaka its new envoy.")
    assert all(e.cameo_code not in ("051", "111") for e in code("Obama called Merkel."))


def test_the_main_clause_event_outranks_a_more_complete_one_in_a_subordinate_clause() -> None:
    # The main clause names the sentence's event (its class, its PLOVER type); the "after" clause is
    # background, even where it names both sides and the main event only its source.
    found = code("Kenya declared a ceasefire on Sunday after Somali militants attacked Kenyan troops.")
    by_code = {e.cameo_code: e for e in found}
    assert by_code["190"].source_code == "SOMREB" and by_code["190"].target_code == "KENMIL"
    assert by_code["0871"].confidence > by_code["190"].confidence


def test_an_act_told_again_inside_another_is_named_by_the_one_that_stands() -> None:
    found = code("The United States warned Russia that it would impose sanctions on Russia.")
    (kept,) = [e for e in found if e.source_code == "USA" and e.target_code == "RUS"]
    assert kept.cameo_code == "130"
    assert "outranks:impose_sanction.v(163)" in kept.rule


def test_a_speakers_own_act_is_the_sentences_main_claim() -> None:
    found = code("The US said that they had attacked Iraq.")
    assert {e.cameo_code for e in found if e.target_code == "IRQ"} == {"015", "190"}
    main = max(found, key=lambda e: e.confidence)
    assert main.cameo_code == "015" and main.rule.startswith("transform:")


def test_executing_a_plan_or_hanging_an_effigy_is_no_killing() -> None:
    # "execute" and "hang" kill only someone: with no one as their object they are no event at all.
    for text in (
        "The government executed its plan to cut spending.",
        "Protesters hanged an effigy of the president.",
    ):
        assert not [e for e in code(text) if e.root_code == "19"], text
