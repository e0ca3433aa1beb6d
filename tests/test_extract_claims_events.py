"""Claims, events, actors, places and times on short texts written for these tests.

None of these sentences comes from an answer key; each checks one pattern the extractors are
meant to handle in any article.
"""

from __future__ import annotations

import pytest

from helpers import actor_country, actor_name, record_of

# --- claims -----------------------------------------------------------------------------------

def test_direct_quote_with_cue_before() -> None:
    r = record_of("The minister said: “We will rebuild every school destroyed in the fighting.”")
    (c,) = [c for c in r.claims if c.kind == "direct"]
    assert c.quote and c.quote.startswith("We will rebuild")
    assert c.speaker_text == "The minister"  # an unnamed speaker keeps its words, with no actor


def test_direct_quote_with_named_speaker_after() -> None:
    r = record_of("“The ceasefire is holding in most areas,” said Colonel Ahmed Mismari.")
    (c,) = [c for c in r.claims if c.kind == "direct"]
    assert actor_name(r, c.speaker) == "Ahmed Mismari"
    assert c.stance == "asserts"


def test_straight_quote_marks_work_too() -> None:
    r = record_of('"We have no plans to withdraw our troops," the defense ministry said in a statement.')
    (c,) = [c for c in r.claims if c.kind == "direct"]
    assert c.quote and c.quote.startswith("We have no plans")


def test_according_to_is_an_indirect_claim() -> None:
    r = record_of("According to the Interior Ministry, police arrested 40 people in Nairobi on Friday.")
    (c,) = r.claims
    assert c.kind == "indirect" and c.speaker_text == "the Interior Ministry"
    (e,) = [e for e in r.events if e.trigger.text == "arrested"]
    assert e.factuality == "reported" and e.claim is not None


@pytest.mark.parametrize("cue", ["denied", "rejected"])
def test_denials_have_the_denies_stance(cue: str) -> None:
    r = record_of(f"The Russian government {cue} that its forces had shelled the hospital in Kharkiv.")
    assert any(c.stance == "denies" for c in r.claims)


def test_there_were_no_is_a_denial() -> None:
    r = record_of("Turkish officials said there were no Turkish ships in the harbour at the time.")
    assert [c.stance for c in r.claims] == ["denies"]


def test_told_outlet_that_names_the_channel() -> None:
    r = record_of("A senior commander told Reuters that the army had retaken the airport.")
    (c,) = r.claims
    assert c.kind == "indirect"
    assert c.channel is not None and "Reuters" in c.channel


def test_a_plain_factual_sentence_is_not_a_claim() -> None:
    r = record_of("The rebels withdrew from the city on Monday.")
    assert r.claims == ()


# --- events -----------------------------------------------------------------------------------

def test_attack_with_target_and_place() -> None:
    r = record_of("Israeli jets struck a warehouse in Damascus on Tuesday.")
    (e,) = [e for e in r.events if e.type == "ASSAULT"]
    assert e.target and "warehouse" in e.target[0].text
    place = next(p for p in r.places if p.id == (e.place.place if e.place else None))
    assert place.country == "SYR"


def test_protest_event() -> None:
    r = record_of("Thousands of students protested in Dhaka against the new quota system.")
    assert any(e.type == "PROTEST" for e in r.events)


def test_every_event_points_into_the_text() -> None:
    r = record_of("Government troops shelled rebel positions near Idlib, and the rebels attacked an army "
                  "checkpoint the next day, monitors said. The two sides later met in Astana.")
    text = r.document.text
    assert r.events
    for e in r.events:
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        for ref in (*e.source, *e.target):
            assert text[ref.start:ref.end] == ref.text


def test_threat_is_threatened() -> None:
    r = record_of("North Korea threatened to strike American bases in the Pacific.")
    assert any(e.type == "THREATEN" for e in r.events)


# --- actors, places, times -------------------------------------------------------------------

def test_acronym_and_full_name_are_one_actor() -> None:
    r = record_of("The Libyan National Army (LNA) advanced on the city. The LNA said it had captured the port.")
    lna = [a for a in r.actors if a.name == "Libyan National Army"]
    assert len(lna) == 1 and "LNA" in lna[0].aliases and lna[0].country == "LBY"


def test_cities_resolve_with_coordinates_and_precision() -> None:
    r = record_of("Police in Karachi arrested ten men on Sunday.")
    karachi = next(p for p in r.places if p.name == "Karachi")
    assert karachi.country == "PAK" and karachi.lat is not None and karachi.precision == "city"


def test_surname_refers_back_to_the_full_name() -> None:
    r = record_of("Prime Minister Shehbaz Sharif visited Quetta on Monday. Sharif said the army would stay.")
    sharif = [a for a in r.actors if "Sharif" in a.name]
    assert len(sharif) == 1 and "Sharif" in sharif[0].aliases


@pytest.mark.parametrize(("text", "value"), [
    ("The strike happened on Monday.", "2020-02-17"),
    ("The strike happened last week.", "2020-W07"),
    ("The strike happened in 2019.", "2019"),
])
def test_times_are_anchored_on_the_publication_date(text: str, value: str) -> None:
    r = record_of(text, published="2020-02-20")
    assert [t.value for t in r.times] == [value]


# --- arguments from real sentences (PLOVER GSR, CC BY-SA 4.0, openeventdata/PLOVER) -----------

def test_demonym_role_phrase_is_an_actor_with_country_and_sector() -> None:
    # PLOVER-GSR01 THREATEN: "A French minister threatened today to impose import restrictions against German goods …"
    r = record_of("A French minister threatened today to impose import restrictions against German goods.")
    (e,) = [e for e in r.events if e.type == "THREATEN"]
    (src,) = e.source
    actor = next(a for a in r.actors if a.id == src.actor)
    assert (actor.name, actor.country, actor.sector) == ("French minister", "FRA", ("GOV",))


def test_agent_of_a_passive_attack_gets_its_country() -> None:
    # PLOVER-GSR01 ASSAULT: "A temporary camp for Congolese refugees was attacked by Burundian militiamen …"
    r = record_of("A temporary camp for Congolese refugees was attacked by Burundian militiamen armed with machetes.")
    (e,) = [e for e in r.events if e.type == "ASSAULT"]
    actor = next(a for a in r.actors if a.id == e.source[0].actor)
    assert actor.country == "BDI"


def test_a_weekday_is_never_a_target() -> None:
    # PLOVER-GSR01 REQUEST: "The United States on Thursday demanded that the Democratic People's Republic of
    # Korea (DPRK) forsake its nuclear program."
    r = record_of("The United States on Thursday demanded that North Korea forsake its nuclear program.")
    (e,) = [e for e in r.events if e.type == "REQUEST"]
    assert [t.text for t in e.target] == ["North Korea"]  # the subject of the demanded clause


def test_target_of_a_threat_is_inside_the_infinitive() -> None:
    # PLOVER-GSR01 THREATEN: "Iran threatened to shell Iraqi towns today in retaliation for an air raid …"
    r = record_of("Iran threatened to shell Iraqi towns today in retaliation for an air raid.")
    (e,) = [e for e in r.events if e.type == "THREATEN"]
    assert e.target and "towns" in e.target[0].text


def test_agreeing_that_names_no_target() -> None:
    # PLOVER-GSR01-AGREE-0001
    r = record_of("Senior Hungarian and Romanian officials agreed on Wednesday that their countries should "
                  "cooperate to encourage Romanian refugees in Hungary to return home.")
    (e,) = [e for e in r.events if e.trigger.text == "agreed"]
    assert e.target == ()


@pytest.mark.parametrize(("text", "frame", "cameo"), [
    # CAMEO codes the act inside a refusal, demand, agreement or threat with it (codebook 0.7b5)
    ("The rebels refused to withdraw from the city.", "REJECT", "124"),  # decline to yield
    ("Protesters called on the minister to resign.", "REQUEST", "105"),  # demand that target yields
    ("The two sides agreed to withdraw their troops.", "AGREE", "035"),  # express intent to yield
    ("Iran threatened to shell Iraqi towns.", "THREATEN", "138"),  # threaten with military force
])
def test_an_act_inside_a_frame_is_coded_with_it(text: str, frame: str, cameo: str) -> None:
    r = record_of(text)
    assert [(e.type, e.cameo) for e in r.events] == [(frame, cameo)]


@pytest.mark.parametrize(("text", "trigger", "factuality"), [
    ("The army did not attack the village.", "attack", "negated"),
    ("The rebels plan to attack the city.", "attack", "future"),
    ("The government wants to expel the diplomats.", "expel", "hypothetical"),
])
def test_factuality_from_the_governing_verb(text: str, trigger: str, factuality: str) -> None:
    r = record_of(text)
    assert {e.trigger.text: e.factuality for e in r.events}[trigger] == factuality


def test_refusal_and_call_on_are_events_themselves() -> None:
    assert any(e.type == "REJECT" for e in record_of("The rebels refused to withdraw from the city.").events)
    assert any(e.type == "REQUEST" for e in record_of("Protesters called on the minister to resign.").events)


def test_verb_object_patterns_from_the_cameo_dictionary() -> None:
    # PLOVER-GSR01: "Serbia lifted a night curfew in Montenegro …"; "… staged mass demonstrations …"
    lifted = record_of("Serbia lifted a night curfew in Montenegro on Tuesday.")
    assert [(e.type, e.cameo) for e in lifted.events] == [("RETREAT", "0813")]  # CAMEO2PLOVER-2021: 0813 → RETREAT
    staged = record_of("Algerian landowners staged a hunger strike outside parliament.")
    assert [e.type for e in staged.events] == ["PROTEST"]


def test_a_person_takes_the_country_of_the_possessor() -> None:
    # PLOVER-GSR01 REJECT: "Israeli President Moshe Katsav has refused to meet Jordan's visiting King Abdullah II …"
    r = record_of("Israeli President Moshe Katsav has refused to meet Jordan's visiting King Abdullah II in Tel Aviv.")
    king = next(a for a in r.actors if a.name == "Abdullah II")
    assert king.country == "JOR"


def test_cooperation_needs_two_parties() -> None:
    # PLOVER-GSR01: "… Iraq that it must cooperate fully with UN inspectors" (the reminder is not cooperation)
    r = record_of("French President Jacques Chirac issued a stern reminder to the press on Saturday.")
    assert not any(e.type == "COOPERATE" for e in r.events)
    r = record_of("Egypt and Jordan cooperated on border security last year.")
    assert any(e.type == "COOPERATE" for e in r.events)


def test_a_capital_that_acts_is_its_government() -> None:
    r = record_of("Moscow condemned the strike on Tuesday.")
    (moscow,) = r.actors
    assert (moscow.name, moscow.kind, moscow.country, moscow.sector[0]) == ("Moscow", "country", "RUS", "GOV")
    r = record_of("Fighting continued in Tripoli on Monday.")
    assert r.actors == () and any(p.name == "Tripoli" for p in r.places)  # a capital as a place stays a place


def test_seats_of_power_stand_for_their_government() -> None:
    r = record_of("The Kremlin said talks would continue.")
    (kremlin,) = r.actors
    assert (kremlin.country, kremlin.sector[0]) == ("RUS", "GOV")


def test_the_party_of_a_sanction_is_after_its_preposition() -> None:
    r = record_of("Washington imposed sanctions on Tehran.")
    (e,) = r.events
    assert [t.text for t in e.target] == ["Tehran"]
    assert [a.country for a in r.actors] == ["USA", "IRN"]


def test_a_plural_demonym_is_a_group_of_that_country() -> None:
    # PLOVER-GSR01 PROTEST: "Young Algerians blocked roads leading to the city centre on Sunday …"
    r = record_of("Young Algerians blocked roads leading to the city centre on Sunday.")
    (algerians,) = r.actors
    assert (algerians.name, algerians.country) == ("Algerians", "DZA")


def test_a_casualty_participle_is_the_toll_of_the_attack_not_a_second_event() -> None:
    # PLOVER-GSR01 ASSAULT: "Sudanese rebels shelled the southern regional capital Juba …, killing about 20 people"
    r = record_of("Sudanese rebels shelled the southern regional capital Juba on Sunday, killing about 20 people.")
    assert [(e.type, e.trigger.text) for e in r.events] == [("ASSAULT", "shelled")]
    r = record_of("Gunmen attacked a police checkpoint near Kandahar on Friday, wounding three officers.")
    assert [(e.type, e.trigger.text) for e in r.events] == [("ASSAULT", "attacked")]
    # a second act joined by "and" stays a second event
    r = record_of("Troops shelled the town and arrested dozens of residents on Friday.")
    assert sorted(e.type for e in r.events) == ["ASSAULT", "COERCE"]


def test_a_hunger_strike_is_a_protest_not_an_air_strike() -> None:
    # PLOVER-GSR01 PROTEST: "Islamic fundamentalists continued their hunger strike to demand …"
    r = record_of("Jailed activists continued their hunger strike on Monday.")
    assert [(e.type, e.cameo) for e in r.events] == [("PROTEST", "142")]
    r = record_of("Dock workers began a general strike in the port city on Monday.")
    assert [(e.type, e.cameo) for e in r.events] == [("PROTEST", "143")]


def test_civilians_blocking_roads_obstruct_while_armies_blockade() -> None:
    # PLOVER-GSR01 PROTEST: "Angry French paper workers blocked the Europe Bridge …"
    workers = record_of("Angry French farmers blocked the main bridge for three hours on Friday.")
    assert [(e.type, e.cameo) for e in workers.events] == [("PROTEST", "144")]
    army = record_of("The Israeli army blocked the main road into the town on Friday.")
    assert [e.type for e in army.events] == ["COERCE"]


def test_aid_and_visits_take_the_receiving_country_as_target() -> None:
    # PLOVER-GSR01 AGREE: "British Defence Secretary Tom King has promised to continue military aid to
    # war-torn Mozambique."
    r = record_of("British Defence Secretary Tom King has promised to continue military aid to war-torn Mozambique.")
    aid = next(e for e in r.events if e.type == "AID")
    assert [t.text for t in aid.target] == ["Mozambique"] and aid.factuality == "future"
    r = record_of("The Italian foreign minister arrived in Ethiopia on Tuesday for a two-day visit.")
    visits = [e for e in r.events if e.type == "CONSULT"]
    assert visits and all([t.text for t in e.target] == ["Ethiopia"] for e in visits)
    # PLOVER-GSR01 CONSULT: "Iraqi President Saddam Hussein arrived in Amman on a previously
    # unannounced visit on Wednesday." (gold target: Jordan) A visit to a city is a visit to its country.
    r = record_of("The Italian foreign minister arrived in Addis Ababa on Tuesday.")
    visits = [e for e in r.events if e.type == "CONSULT"]
    assert visits and all([(t.text, actor_country(r, t)) for t in e.target] == [("Addis Ababa", "ETH")]
                          for e in visits)
    # a statement made in a city is not aimed at its country
    r = record_of("The Italian foreign minister accused Israel of cruelty in Addis Ababa on Tuesday.")
    assert [[actor_country(r, t) for t in e.target] for e in r.events if e.type == "ACCUSE"] == [["ISR"]]


def test_named_people_take_their_country_and_role_of_the_day() -> None:
    # Phoenix country dictionary: Yeltsin is RUS ELI until July 1991, then RUS GOV until 1999.
    def yeltsin(day: str) -> tuple[str | None, tuple[str, ...]]:
        r = record_of("Boris Yeltsin spoke in Moscow.", published=day)
        actor = next(a for a in r.actors if a.name == "Boris Yeltsin")
        return actor.country, actor.sector
    assert yeltsin("1995-03-01") == ("RUS", ("GOV",))
    assert yeltsin("1990-03-01") == ("RUS", ("ELI",))
    # UD-PETRARCH GSR: "Barack Obama fired anti-aircraft batteries at Russia this week." (source USAGOV)
    r = record_of("Barack Obama fired anti-aircraft batteries at Russia this week.", published="2014-08-01")
    obama = next(a for a in r.actors if a.name == "Barack Obama")
    assert (obama.country, obama.sector[0]) == ("USA", "GOV")


def test_demonyms_cover_countries_with_odd_upstream_codes() -> None:
    # CountryInfo files Japan under ISO code "JON"; the demonym must still reach JPN.
    r = record_of("Japanese Prime Minister Ryutaro Hashimoto met Chinese officials in Beijing.", published=None)
    pm = next(a for a in r.actors if a.name == "Ryutaro Hashimoto")
    assert pm.country == "JPN"


def test_a_place_modifying_a_role_gives_its_country() -> None:
    r = record_of("Gaza residents fled south on Monday.")
    residents = next(a for a in r.actors if a.name == "Gaza residents")
    assert residents.country == "PSE"
    r = record_of("Chechnya rebels attacked a convoy on Monday.")
    rebels = next(a for a in r.actors if "rebels" in a.name)
    assert (rebels.country, rebels.sector[0]) == ("RUS", "REB")


def test_speaker_span_is_the_whole_noun_phrase() -> None:
    # PolNeAR dev style: the source is the full phrase with its apposition
    r = record_of("Richard Revesz, director of the Institute for Policy Integrity, said the rule would survive.")
    (claim,) = r.claims
    assert claim.speaker_text == "Richard Revesz, director of the Institute for Policy Integrity"
    assert actor_name(r, claim.speaker) == "Richard Revesz"


def test_a_parenthetical_cue_reports_its_sentence() -> None:
    r = record_of("Young voters firmly accept the science, Graham said, since most of them grew up with it.")
    (claim,) = r.claims
    assert claim.speaker_text == "Graham" and claim.cue is not None and claim.cue.text == "said"
    r = record_of("Officials had warned the crew about the storm days earlier, a source said.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end] == \
        "Officials had warned the crew about the storm days earlier"


def test_a_question_quote_takes_the_cue_after_the_marks() -> None:
    r = record_of("“Who would have believed we would get this far?” Trump said, looking out on the crowd.")
    (claim,) = r.claims
    assert claim.kind == "direct" and claim.speaker_text == "Trump"


def test_a_quote_ending_with_a_period_does_not_borrow_the_next_sentence_cue() -> None:
    # VOA: a group "calling itself “the Lions of the Caliphate.”" then "Authorities said …"
    r = record_of("Police broke up a cell calling itself “the Lions of the Caliphate in the Maghreb.” "
                  "Authorities said the group was making bombs.")
    assert [c.kind for c in r.claims] == ["indirect"]


def test_a_colon_introduces_the_quote_in_the_next_paragraph() -> None:
    r = record_of("Trump answered with Chicago.\n\nHe said:\n\n\"We have a situation where our inner cities are living "
                  "in hell because it is so dangerous.\"")
    (claim,) = r.claims
    assert claim.kind == "direct" and claim.speaker_text == "He"


def test_a_quote_split_by_its_cue_is_one_claim() -> None:
    r = record_of("“This is in their heads,” said Caddell, speaking of the issue. “It is one of the things "
                  "worrying them.”")
    (claim,) = r.claims
    text = r.document.text[claim.content.start:claim.content.end]
    assert text.startswith("This is in their heads") and text.endswith("worrying them.")


def test_speech_acts_with_a_noun_phrase_content() -> None:
    r = record_of("The senator called for a ban on assault weapons on Monday.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end] == "a ban on assault weapons"
    r = record_of("Republican lawmakers praised the president and his cabinet.")
    assert r.claims == ()  # praise is an event (CAMEO 051), not a report of words


def test_naming_and_calling_on_are_speech_acts() -> None:
    r = record_of("The Trump campaign called the charges unsubstantiated on Tuesday.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end].startswith("the charges unsubstantiated")
    r = record_of("In June, the South Carolina senator called on fellow Republicans to withdraw their support.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end].startswith("fellow Republicans to withdraw")
    r = record_of("Police broke up a cell and seized what it called training manuals.")
    assert r.claims == ()  # "what it called X" names a thing, it reports no words


def test_an_object_that_is_a_person_is_not_what_was_said() -> None:
    r = record_of("The senator acknowledged the reality of climate change on Monday.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end] == "the reality of climate change"
    r = record_of("The senator described Hillary Clinton in glowing terms.")
    assert r.claims == ()


def test_a_question_reported_with_whether() -> None:
    r = record_of("A memorable campaign ad questioned whether the senator was prepared to face emergencies.")
    (claim,) = r.claims
    assert claim.cue is not None and claim.cue.text == "questioned"
    assert r.document.text[claim.content.start:claim.content.end].startswith("whether the senator")


def test_a_colon_cue_reports_the_next_unquoted_paragraph() -> None:
    r = record_of("The governor spoke in the capital on Monday about the election.\n\nThe governor added:\n\n"
                  "It is typical of the candidate. She knows nothing about the issue.")
    (claim,) = r.claims
    assert claim.speaker_text == "The governor"
    assert r.document.text[claim.content.start:claim.content.end].startswith("It is typical")


def test_a_recipient_does_not_stop_a_parenthetical_tell() -> None:
    r = record_of("The difference now, he told me on Friday, is that he anchors a straight news program.")
    (claim,) = r.claims
    assert claim.cue is not None and claim.cue.text == "told"


def test_rejecting_claims_that_is_a_denial_of_their_content() -> None:
    # VOA: "Both Pakistan and China reject the claims that their joint ventures are depriving …"
    r = record_of("Both Pakistan and China reject the claims that their joint ventures are depriving locals of jobs.")
    (claim,) = r.claims
    assert claim.stance == "denies"
    assert r.document.text[claim.content.start:claim.content.end].startswith("their joint ventures")
    r = record_of("The minister rejected the offer on Monday.")
    assert r.claims == ()  # rejecting an offer is an act, not a report


def test_a_reported_negated_fact_denies_it_but_a_refusal_does_not() -> None:
    r = record_of("The villager said that she was not a member of the militia.")
    (claim,) = r.claims
    assert claim.stance == "denies"
    r = record_of("The minister said he would not attend the summit.")
    (claim,) = r.claims
    assert claim.stance == "asserts"


def test_charges_of_who_did_it_are_claims() -> None:
    r = record_of("Islamabad has blamed several recent attacks on militants present on Afghan soil.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end].endswith("militants present on Afghan soil")
    r = record_of("The separatists have long fought the state, accusing it of exploiting the province's gas.")
    assert any(r.document.text[c.content.start:c.content.end].startswith("it of exploiting") for c in r.claims)
    r = record_of("It entirely blamed the opposition for the failure of the talks.")
    assert r.claims == ()  # a judgement of responsibility: an ACCUSE event, not a report


def test_conflicting_casualty_counts_are_a_contradiction() -> None:
    r = record_of("A car bomb exploded in the market of Kirkuk on Monday. Police said the bomb killed five people in "
                  "the market. Witnesses said the bomb killed at least 12 people in the market.")
    (contradiction,) = r.contradictions
    assert contradiction.reason == "conflicting_value" and contradiction.event is not None
    assert {c.speaker_text for c in r.claims if c.id in contradiction.claims} == {"Police", "Witnesses"}
    same = record_of("Police said the bomb killed five people in the market. Witnesses said the bomb killed "
                     "five people in the market.")
    assert same.contradictions == ()
    floor = record_of("Police said the bomb killed 15 people in the market. Witnesses said the bomb killed "
                      "at least 12 people in the market.")
    assert floor.contradictions == ()  # "at least 12" allows 15


def test_conflicting_perpetrators_are_a_contradiction() -> None:
    r = record_of("Shells hit the village on Monday. The army said rebels shelled the village. "
                  "The rebels said government troops shelled the village.")
    assert [c.reason for c in r.contradictions] == ["conflicting_value"]


def test_editorial_voice_criteria() -> None:
    # loaded wording and unattributed motives are the outlet's own claims
    loaded = record_of("The militia carried out the heinous attack on the village at dawn.")
    assert [(c.kind, c.speaker) for c in loaded.claims] == [("editorial", None)]
    motive = record_of("The army shelled the border towns in order to destabilize the region.")
    assert [c.kind for c in motive.claims] == ["editorial"]
    # attributed, the same words are the source's claim
    attributed = record_of("The minister said the army shelled the border towns in order to destabilize the region.")
    assert [c.kind for c in attributed.claims] == ["indirect"]
    # scene-setting stays plain text
    plain = record_of("Rebels attacked the town of Tessit on Monday, killing 33 soldiers.")
    assert plain.claims == ()
    # a presupposition frame whose content is attributed after all is not editorial (FA-KES style, no commas)
    framed = record_of("This comes despite the fact that the province is the main source of fighters said "
                       "observatory head Rami Abdel Rahman.")
    assert not any(c.kind == "editorial" for c in framed.claims)


def test_speaker_after_a_quote_when_the_parser_swallows_the_name() -> None:
    # PolNeAR dev style: "“…,” Flynn, a top Trump surrogate, said Thursday morning on Fox News."
    r = record_of("Flynn spoke on Thursday.\n\n“He is absolutely right. There is a severe disconnect between this "
                  "White House and our military,” Flynn, a top Trump surrogate, said Thursday morning on Fox News.")
    direct = next(c for c in r.claims if c.kind == "direct")
    assert direct.speaker_text == "Flynn, a top Trump surrogate"


def test_a_relative_clause_describing_the_speaker_is_part_of_the_source_but_not_the_actor() -> None:
    # PolNeAR marks "X, who …," as the source; the actor is still the person named
    r = record_of("Mr. Obama, who understood that a legislative push would fail, said the rules would stand.")
    claim = next(c for c in r.claims if c.cue is not None and c.cue.text == "said")
    assert claim.speaker_text == "Mr. Obama, who understood that a legislative push would fail"
    assert actor_name(r, claim.speaker) == "Obama"


def test_as_clause_and_describing_a_person() -> None:
    r = record_of("It also does not answer whether the suspect had a gun, as police have said.")
    (claim,) = r.claims
    assert claim.speaker_text == "police"
    assert r.document.text[claim.content.start:claim.content.end].startswith("It also does not answer")
    r = record_of("In contrast, Ham described Clinton as a lifetime politician who has never accomplished anything.")
    (claim,) = r.claims
    assert r.document.text[claim.content.start:claim.content.end].startswith("Clinton as a lifetime politician")
    r = record_of("The minister pointed out that the border had been closed since May.")
    (claim,) = r.claims
    assert claim.cue is not None and claim.cue.text == "pointed out"  # the particle is part of the verb


def test_missiles_launched_at_a_party_are_an_attack_and_a_test_launch_is_not() -> None:
    # UD-PETRARCH GSR validation (github_issue27_1): "Georgian demonstrators launched missiles at the
    # Georgian government." coded 194 (fight with artillery)
    r = record_of("Georgian demonstrators launched missiles at the Georgian government.")
    [attack] = [e for e in r.events if e.type == "ASSAULT"]
    assert attack.cameo == "194"
    assert [t.text for t in attack.target] == ["Georgian government"]  # the missiles are no party
    r = record_of("Hamas fired rockets into southern Israel on Tuesday.")
    assert [(e.type, [actor_country(r, t) for t in e.target]) for e in r.events] == [("ASSAULT", ["ISR"])]
    # a launch aimed at nobody is a show of force (CAMEO 150), not an attack
    for text in ("North Korea launched a long-range ballistic missile on Tuesday.",
                 "North Korea fired two missiles into the sea."):
        assert [e.type for e in record_of(text).events] == ["MOBILIZE"]


def test_an_attack_is_not_aimed_at_the_doers_own_name() -> None:
    # The small model does not tag "Kyiv"; the place "Russia" is the subject, not the scene
    r = record_of("Russia launched drones at Kyiv overnight.")
    assert all(actor_country(r, t) != "RUS" for e in r.events for t in e.target)
