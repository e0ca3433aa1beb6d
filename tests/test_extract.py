"""Extraction stages on short texts written for these tests (not from any answer key)."""

from __future__ import annotations

from helpers import actor_name, events_by_trigger, record_of


def test_meeting_with_participants_time_and_place() -> None:
    r = record_of("Iranian Foreign Minister Abbas Araghchi met with Omani officials in Muscat "
                  "on Sunday.", published="2025-04-15")
    (e,) = r.events
    assert e.type == "CONSULT" and e.factuality == "asserted"
    assert actor_name(r, e.source[0].actor) == "Abbas Araghchi"
    araghchi = next(a for a in r.actors if a.name == "Abbas Araghchi")
    assert araghchi.country == "IRN" and "GOV" in araghchi.sector and araghchi.kind == "person"
    place = next(p for p in r.places if p.name == "Muscat")
    assert place.country == "OMN" and e.place and e.place.place == place.id
    time = next(t for t in r.times if t.text == "Sunday")
    assert time.value == "2025-04-13" and time.inferred


def test_passive_attack_takes_agent_as_source() -> None:
    r = record_of("The convoy was attacked by Houthi rebels near Sanaa.")
    (e,) = [e for e in r.events if e.type == "ASSAULT"]
    assert e.source and "Houthi" in e.source[0].text
    assert e.target and "convoy" in e.target[0].text


def test_negation_future_and_condition() -> None:
    r = record_of("The army did not attack the village. The president will visit Kyiv. "
                  "If talks fail, Russia would invade the country.")
    fact = {e.trigger.text: e.factuality for e in r.events}
    assert fact["attack"] == "negated"
    assert fact["visit"] == "future"
    assert fact["invade"] == "conditional"


def test_reported_event_points_to_its_claim() -> None:
    r = record_of("The Syrian army said that rebels shelled Aleppo on Monday.")
    (c,) = r.claims
    assert c.kind == "indirect" and c.stance == "asserts" and c.cue and c.cue.text == "said"
    (e,) = r.events
    assert e.type == "ASSAULT" and e.claim == c.id and e.factuality == "reported"


def test_direct_quote_speaker_after_and_pronoun() -> None:
    r = record_of("UN chief Antonio Guterres visited Kenya. “We demand an end to the violence "
                  "in the region,” he said.")
    direct = [c for c in r.claims if c.kind == "direct"]
    assert len(direct) == 1
    assert actor_name(r, direct[0].speaker) == "Antonio Guterres"
    assert direct[0].quote and direct[0].quote.startswith("We demand")


def test_denial_and_contradiction() -> None:
    r = record_of("Israel said its jets struck a weapons ship in the port of Latakia. "
                  "Syrian officials told SANA that there was no ship in the port.")
    stances = sorted(c.stance for c in r.claims)
    assert stances == ["asserts", "denies"]
    assert len(r.contradictions) == 1 and r.contradictions[0].reason == "denial"


def test_according_to_and_editorial_voice() -> None:
    r = record_of("According to the ministry, the militia killed five civilians. "
                  "Despite the fact that the rebels have destroyed the bridge, aid arrived.")
    kinds = sorted(c.kind for c in r.claims)
    assert kinds == ["editorial", "indirect"]
    editorial = next(c for c in r.claims if c.kind == "editorial")
    assert editorial.speaker is None
    assert r.document.text[editorial.content.start:editorial.content.end].startswith("the rebels")


def test_acronym_and_surname_merging() -> None:
    r = record_of("The Sudanese Armed Forces (SAF) clashed with the Rapid Support Forces. "
                  "General Abdel Fattah al-Burhan "
                  "said the SAF would win. Burhan told reporters in Port Sudan that the war would end.")
    saf = next(a for a in r.actors if "SAF" in a.aliases)
    assert saf.name == "Sudanese Armed Forces" and saf.country == "SDN"
    burhan = [a for a in r.actors if "Burhan" in a.name]
    assert len(burhan) == 1 and "Burhan" in burhan[0].aliases


def test_back_references_are_not_new_events() -> None:
    r = record_of("NATO condemned the attack on the embassy.")
    assert events_by_trigger(r) == {"condemned": ["ACCUSE"]}


def test_igo_actors_have_no_country() -> None:
    r = record_of("The United Nations urged both sides to stop the fighting in Darfur.")
    un = next(a for a in r.actors if a.name == "United Nations")
    assert un.country is None and "IGO" in un.sector


def test_non_english_documents_are_stored_without_extraction() -> None:
    r = record_of("Die Regierung hat am Montag erklärt, dass die Verhandlungen fortgesetzt "
                  "werden sollen, sagte ein Sprecher der Armee in Berlin.")
    assert r.document.language == "de" and r.events == () and r.claims == ()
    assert any("English-only extraction was not run" in n for n in r.document.notes)
