"""Text-dump cleaning: the prose/furniture classifier and the furniture rules, on pages it never saw."""

from __future__ import annotations

import pytest

from eventwire.clean import build_document, clean_text
from eventwire.clean.blocks import classify, first_label, main_span, measure, stoplist
from eventwire.clean.furniture import furniture_reason
from eventwire.sources.raw import RawItem

P1 = ("The regional council voted on Thursday to suspend the new mining permits after a week of protests "
      "in the valley, where farmers say the projects have polluted the river that feeds their fields.")
P2 = ("Police said that at least twelve people were detained during the demonstrations, and that two officers "
      "were injured when a group of protesters threw stones at the council building in the afternoon.")
P3 = ("The mining company said in a statement that it had complied with every environmental rule and that "
      "it would appeal the decision, which it described as unfair to the hundreds of workers it employs.")
P4 = ("A spokesman for the farmers' association said the vote was a first step but that they would keep "
      "up the pressure until the permits were cancelled for good and the river was cleaned.")

MENU = ["Valley Herald", "Home", "Local", "Business", "Sport", "Opinion", "Weather"]
RELATED = ["Related stories", "Council budget passes after long debate", "New bridge opens to traffic",
           "Storm damages roofs across the district", "School year to start a week late"]


def dump(*parts: str | list[str]) -> str:
    lines: list[str] = []
    for part in parts:
        lines.extend(part if isinstance(part, list) else [part])
    return "\n".join(lines)


def kept(text: str) -> str:
    return clean_text(text, classify_blocks=True).text


def test_menu_and_related_list_are_dropped_article_kept() -> None:
    text = dump(MENU, "Council suspends mining permits after protests", P1, P2, P3, P4, RELATED)
    result = clean_text(text, classify_blocks=True)
    assert result.text.split("\n\n") == [P1, P2, P3, P4]
    assert result.title == "Council suspends mining permits after protests"
    reasons = {r.text: r.reason for r in result.removed}
    assert reasons["Related stories"] == "related-links heading"
    assert reasons["New bridge opens to traffic"].startswith("list under")
    assert "Weather" in reasons


def test_short_lines_between_paragraphs_are_article_text() -> None:
    quote = "“We will not give up,” she said."
    text = dump(MENU, P1, quote, "It was the third protest this month.", P2, P3)
    assert kept(text).split("\n\n") == [P1, quote, "It was the third protest this month.", P2, P3]


def test_comment_section_after_the_article_is_dropped() -> None:
    comments = ["4 Comments", "greenvalley77", "This council never listens to anyone in this town, honestly.",
                "riverwatch", "About time! The water has been brown for months and nobody in charge cared."]
    result = clean_text(dump(P1, P2, P3, P4, comments), classify_blocks=True)
    assert result.text.split("\n\n") == [P1, P2, P3, P4]
    assert {r.reason for r in result.removed} == {"comment section", "widget: counters"}  # "4 Comments" is both


def test_the_word_comments_early_in_an_article_does_not_cut_it() -> None:
    text = dump(P1, "Comments", P2, P3, P4)
    assert P4 in kept(text)


def test_footer_prose_beyond_a_long_link_list_is_dropped() -> None:
    links = [f"Section {name}" for name in ("Crime", "Courts", "Schools", "Health", "Traffic", "Arts", "Food",
                                            "Travel", "Cars", "Homes", "Jobs", "Deaths")]
    footer = ("The Valley Herald is published by a cooperative of readers and staff, and all of our reporting "
              "is free to read for everyone in the district.")
    result = clean_text(dump(P1, P2, P3, links, footer), classify_blocks=True)
    assert footer not in result.text and P3 in result.text
    assert any(r.reason.startswith("prose outside the article body") for r in result.removed)


def test_all_short_text_is_kept_rather_than_guessed() -> None:
    text = dump("Ceasefire holds", "Shelling stopped overnight.", "Aid convoys moved in.")
    assert kept(text).split("\n\n") == ["Shelling stopped overnight.", "Aid convoys moved in."] or \
        "Aid convoys moved in." in kept(text)


def test_other_languages_use_their_own_stop_words() -> None:
    de = ("Die Regierung hat am Montag erklärt, dass die Verhandlungen mit der Opposition in der nächsten "
          "Woche fortgesetzt werden sollen, obwohl es weiterhin große Differenzen gibt.")
    verdicts = classify(["Startseite", "Politik", "Sport", de, de.replace("Montag", "Dienstag")], "de")
    assert [v.keep for v in verdicts] == [False, False, False, True, True]
    assert classify(["Startseite", de], "xx") == [classify(["a"], "xx")[0]] * 2  # no list: keep everything


def test_stoplist_lookup() -> None:
    assert "the" in stoplist("en") and "und" in stoplist("de")
    assert stoplist("zz") == frozenset()


def test_first_labels() -> None:
    stops = stoplist("en")
    assert first_label(measure(P1, stops)) == "good"
    assert first_label(measure("Home News Sport", stops)) == "short"
    assert first_label(measure("Apple Banana Cherry Date Elderberry Fig Grape Honeydew Kiwi Lemon", stops)) == "bad"


def test_main_span_bridges_small_gaps_only() -> None:
    from eventwire.clean.blocks import Block

    def b(words: int) -> Block:
        return Block(text="x", words=words, density=0.5, sentence=True)

    labels = ["good", "bad", "good", *["bad"] * 12, "good"]
    blocks = [b(60), b(3), b(60), *[b(3)] * 12, b(20)]
    assert main_span(labels, blocks, {}) == (0, 3)  # type: ignore[arg-type]


@pytest.mark.parametrize(("line", "reason"), [
    ("© 2024 Valley Herald Media. All rights reserved.", "copyright or legal notice"),
    ("This story may not be republished without written permission.", "copyright or legal notice"),
    ("Your email address will not be published. Required fields are marked *", "comment form"),
    ("Leave a Reply", "comment form"),
    ("4 min read", "reading time"),
    ("Follow the Valley Herald on Instagram and Facebook", "social media prompt"),
    ("Download our free news app for breaking alerts", "appeal to donate or subscribe"),
    ("Get the daily digest delivered to your inbox", "appeal to donate or subscribe"),
    ("Share this story", "share bar"),
    ("Donate", "appeal to donate or subscribe"),
    ("(Reporting by Ana Ruiz in Lima; Editing by Tom Bell)", "credit line"),
    ("Additional reporting by the Valley desk.", "credit line"),
    ("Subscribe now", "appeal to donate or subscribe"),
    ("Updated: March 3, 2024", "dateline"),
    ("2024-03-03", "dateline"),
    ("1,204 views", "widget: counters"),
    ("12 comments | 300 shares", "widget: counters"),
])
def test_furniture_rules(line: str, reason: str) -> None:
    assert furniture_reason(line) == reason


@pytest.mark.parametrize("line", [
    "The publisher said the court ruled that the copyright claim was without merit.",
    "Thousands followed the funeral on television.",
    "He said he had read the report twice.",
    "Reporting by local journalists was restricted during the siege, the union said.",
    "Reporting by local journalists was restricted.",
])
def test_news_sentences_are_not_furniture(line: str) -> None:
    assert furniture_reason(line) is None


def test_text_dump_document_keeps_byline_and_dateline_as_metadata() -> None:
    text = dump(MENU, "Council suspends mining permits after protests", "By Ana Ruiz and Tom Bell",
                "Published: 14 March 2024", P1, P2, P3, RELATED, "© 2024 Valley Herald")
    document = build_document(RawItem(origin="t", content=text, kind="text"))
    assert document.title == "Council suspends mining permits after protests"
    assert document.author == "Ana Ruiz and Tom Bell"
    assert (document.published.value, document.published.origin, document.published.via) == (
        "2024-03-14", "text", "dateline")
    assert document.text.split("\n\n") == [P1, P2, P3]


def test_html_page_the_extractor_cannot_read_is_cleaned_as_a_text_dump() -> None:
    """A text dump saved as .html (no markup at all): trafilatura finds nothing in it."""
    page = dump(MENU, "", "Council suspends mining permits after protests", "", P1, "", P2, "", P3, "",
                "© 2024 Valley Herald").replace("\n", "\n\n")
    document = build_document(RawItem(origin="odd.html", content=page, kind="html"))
    assert document.text.split("\n\n") == [P1, P2, P3]
    assert document.title == "Council suspends mining permits after protests"
    assert any("cleaned as a text dump" in n for n in document.notes)
    assert {"Home", "Local", "Sport", "© 2024 Valley Herald"} <= {r.text for r in document.removed}


def test_a_sentence_of_names_between_paragraphs_stays() -> None:
    names = ("The delegation includes Andriy Yermak, Andrii Sybiha, Rustem Umerov and Pavlo Palisa.")
    result = clean_text(dump(MENU, P1, names, P2, P3), classify_blocks=True)
    assert result.text.split("\n\n") == [P1, names, P2, P3]


def test_one_sentence_paragraphs_survive() -> None:
    sentences = [P1, "It was the third protest this month.", P2, "Two officers were hurt.", P3, P4]
    assert kept(dump(MENU, sentences, RELATED)).split("\n\n") == sentences
