"""Claims: direct quotes, reported speech, "according to", denials and the outlet's own voice.

Direct quotes are found in the text first (straight or typographic marks, across paragraphs);
each takes the reporting verb of its sentence as cue and that verb's subject as speaker. A
quote with no cue of its own that follows a quoted paragraph continues that speaker's quote.
Reported speech is a reporting verb with a clausal complement. Editorial claims are
unattributed sentences that presuppose a contested fact ("despite the fact that …", "made no
mention that …"): the outlet asserts it on its own authority.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

from spacy.tokens import Span, Token

from eventwire.extract.context import DocContext
from eventwire.extract.quotes import Quote
from eventwire.nlp import doc_text, tokens_with
from eventwire.record import Claim, TextSpan
from eventwire.record import Span as CharSpan

REPORTING = {
    "say", "tell", "announce", "claim", "state", "add", "report", "note", "stress", "warn",
    "accuse", "deny", "reject", "insist", "confirm", "allege", "argue", "assert", "explain",
    "declare", "dismiss", "write", "tweet", "post", "acknowledge", "admit", "reveal",
    "disclose", "emphasize", "emphasise", "reiterate", "maintain", "predict", "hope",
    "indicate", "suggest", "complain", "charge", "vow", "pledge", "promise", "threaten",
    "believe", "conclude", "recall", "urge", "refute", "counter", "respond", "reply",
    "ask", "question", "wonder", "echo", "repeat", "contend", "concede", "caution", "testify",
    # verbs of saying that code no act of their own ("answer" and "observe" stay out: "it does not
    # answer whether", "observe the truce")
    "assure", "joke", "quip", "retort", "shout", "scream", "whisper", "exclaim",
    "boast", "brag", "comment", "recount", "opine", "inform", "notify",
}
NP_SPEECH_ACTS = {
    "accuse", "blame", "dismiss", "reject", "refute",
    "acknowledge", "admit", "ask", "call", "cite", "deny", "describe", "disclose", "dispute",
    "echo", "emphasize", "estimate", "mention", "note", "predict", "propose", "question", "reiterate",
    "reveal", "stress", "tout",
    "criticize", "criticise", "blast", "slam", "speak", "talk", "point"}
"""Verbs that report what someone said about a thing named by a noun phrase. Criticism
("criticized the Affordable Care Act as a “crazy system”") is both: an event CAMEO codes as
disapproval and a claim about its object. Acts of their own (praise, condemn, demand) stay
events only, and "confirmed commitment to …" is a diplomatic act, not a report."""
REPORT_NOUNS = {"claim", "report", "allegation", "accusation", "suggestion", "charge", "assertion", "rumor",
                "rumour", "speculation"}
REPORTING_OR_POINT = frozenset(REPORTING | {"point"})
"""Lemmas a reporting verb may have ("pointed out that …" too), looked up as a set of hashes."""
NP_SPEECH_ACT_LEMMAS = frozenset(NP_SPEECH_ACTS)
REPORT_NOUN_LEMMAS = frozenset(REPORT_NOUNS)
ACCORDING = frozenset({"according"})
ADDRESSED_APPEALS = {"tell", "urge", "warn", "ask"}
"""Reporting verbs whose infinitive complement is an appeal to the person named as their object
("told his advisers to act", "urged Republicans to join the ranks", "warned North Korea to
refrain"): the content is that person and the act asked of them."""
RECIPIENT_REPORTING = {"tell", "inform", "assure", "remind", "notify", "warn", "advise", "convince", "brief"}
"""Reporting verbs whose object is the person told: "told a local radio station that Joseph had
spent the night …" is a report to the station, though the parser may read "station that …" as
a relative clause."""
DENIAL_CUES = {"deny", "dismiss", "refute", "rebuff", "reject"}
_DENIAL_CONTENT = re.compile(
    r"\bthere (?:was|were|is|are|had been|have been) no\b|\b(?:not true|untrue|false|"
    r"baseless|unfounded|fabricated|groundless|fake news)\b", re.I)
_EDITORIAL = re.compile(
    r"\b(?:despite the fact that|the fact that|made no mention (?:of the fact )?that|"
    r"did not mention that|failed to mention that|without mentioning that|"
    r"ignor(?:ed|ing) (?:the fact )?that|it is (?:clear|obvious|undeniable) that)\s+", re.I)
_COLON_PARAGRAPH = re.compile(r":[ \t]*\n\s*([^\n]+)")
_LOADED = re.compile(
    r"\b(?:heinous|barbaric|barbarous|savage|cowardly|despicable|dastardly|puppet (?:government|regime)|"
    r"so-called (?:government|state|republic|parliament|army)|terrorist elements|criminal regime|"
    r"illegitimate (?:government|regime)|occupation regime|genocidal|bloodthirsty)\b", re.I)
_INTENT = re.compile(
    r"\b(?:in order to|in a bid to|in an attempt to|with the aim of|with the intention of|aimed at|"
    r"seeking to)\s+(?:destabili[sz]e|sabotage|undermine|provoke|terrori[sz]e|intimidate|"
    r"punish|humiliate|cover up|divert attention|exploit|derail)\b", re.I)
_CUE_PREPOSITIONS = {"for", "about", "of", "on", "to", "against"}
"""Prepositions that make a phrasal speech verb with the verb before them ("called for",
"complained about", "spoke of", "called on", "pointed to", "warned against"), when what was said
is their object."""
_CHANNELS = ("statement", "press release", "press conference", "interview", "communique",
             "post", "tweet", "video", "letter", "briefing", "news conference", "speech")


class ClaimExtractor:
    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.doc = ctx.doc
        self.text = doc_text(ctx.doc)
        self.quotes = ctx.quotes  # found once per document, shared with pronoun resolution
        self.claims: list[Claim] = []
        self.used_cues: set[int] = set()

    def run(self) -> list[Claim]:
        self._direct()
        self._indirect()
        self._speech_acts()
        self._report_nouns()
        self._according_to()
        self._editorial()
        self.claims.sort(key=lambda c: c.content.start)
        return [_renumber(c, i) for i, c in enumerate(self.claims)]

    # --- helpers ------------------------------------------------------------------------

    def _in_quote(self, char: int) -> bool:
        return self.ctx.quote_around(char) is not None

    def _sentence_of(self, char: int) -> Span:
        token = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return token.sent if token is not None else self.doc[0:0]

    def _speaker(self, cue: Token) -> tuple[str | None, str | None, CharSpan | None]:
        subj = _subject_of(cue, self._in_quote)
        if subj is None:
            return self._speaker_between_quote_and_cue(cue)
        actor, _ = self.ctx.actor_of_phrase(subj)
        start, end = self._phrase_bounds(subj)
        return actor, self.text[start:end], CharSpan(start, end)

    def _speaker_between_quote_and_cue(self, cue: Token) -> tuple[str | None, str | None, CharSpan | None]:
        """"“…,” Flynn, a top Trump surrogate, said": the parser may hang the name inside the
        quotation; the words between the closing mark and the cue are then the speaker."""
        before = [q for q in self.quotes if q.end <= cue.idx and cue.idx - q.end < 120]
        if not before:
            return None, None, None
        gap_start = before[-1].end
        while gap_start < cue.idx and self.text[gap_start] in "”\"’', \n":
            gap_start += 1
        span = _trim(self.text, gap_start, cue.idx)
        words = self.text[span.start:span.end].split()
        if not words or len(words) > 12 or not words[0][:1].isupper():
            return None, None, None
        tokens = self.doc.char_span(span.start, span.end, alignment_mode="expand")
        actor = next((a for t in tokens or [] if (a := self.ctx.actor_at(t))), None)
        return actor, self.text[span.start:span.end], span

    def _phrase_bounds(self, head: Token) -> tuple[int, int]:
        """The whole noun phrase that names a speaker, with its titles, appositions and
        relative clauses ("Richard Revesz, director of the Institute for Policy Integrity,",
        "Derek Mitchell, who served as U.S. ambassador to Burma,"), trimmed of edge punctuation
        and never reaching into a quotation: attribution corpora (PolNeAR) mark the source that
        way. A participle set off by a comma ("Trump, speaking to veterans,") tells what the
        speaker was doing, not who it is, and is left out."""
        cut = min((c.left_edge.i for c in head.children if _describes_activity(c) and c.i > head.i
                   and c.left_edge.i > 0 and self.doc[c.left_edge.i - 1].text == ","), default=None)
        tokens = [t for t in head.subtree if not self._in_quote(t.idx) and (cut is None or t.i < cut)]
        start = min((t.idx for t in tokens), default=head.idx)
        end = max((t.idx + len(t.text) for t in tokens), default=head.idx + len(head.text))
        start, end = max(start, 0), max(end, start)
        span = _trim(self.text, start, end)
        while span.end > span.start and self.text[span.end - 1] in "—–-(\"“":
            span = _trim(self.text, span.start, span.end - 1)
        return span.start, span.end

    def _channel(self, cue: Token) -> str | None:
        subj = _subject_of(cue)
        if subj is not None and subj.lower_ in _CHANNELS_HEADS:
            return subj.lower_
        for child in cue.children:
            if cue.lemma_ == "tell" and child.dep_ in ("dobj", "dative") and child.pos_ == "PROPN":
                span = self.ctx.phrase_span(child)
                return f"told {span.text}"
            if child.dep_ == "prep" and child.lower_ in ("in", "on", "during", "via"):
                for pobj in child.children:
                    phrase = self.ctx.phrase_span(pobj).text.lower()
                    for ch in _CHANNELS:
                        if ch in phrase:
                            return ch
        return None

    def _add(self, *, cue: Token | None, start: int, end: int, kind: str, quote: str | None,
             stance: str | None = None, cue_span: TextSpan | None = None) -> None:
        while end > start and self.text[end - 1] in " ,.;:\n":
            end -= 1
        while start < end and self.text[start] in " ,\n":
            start += 1
        if end <= start:
            return
        speaker = speaker_text = speaker_span = channel = None
        if cue is not None:
            speaker, speaker_text, speaker_span = self._speaker(cue)
            channel = self._channel(cue)
            cue_span = self._verb_group(cue, start)
        if stance is None:
            content = self.text[start:end]
            denies = (cue is not None and cue.lemma_ in DENIAL_CUES) or (
                kind == "indirect" and (bool(_DENIAL_CONTENT.search(content)) or self._negated_fact(start, end)))
            stance = "denies" if denies else "asserts"
        self.claims.append(Claim(
            id="", speaker=speaker, speaker_text=speaker_text, speaker_span=speaker_span,
            cue=cue_span, content=CharSpan(start, end), kind=kind,  # type: ignore[arg-type]
            stance=stance, channel=channel, quote=quote))  # type: ignore[arg-type]

    def _verb_group(self, cue: Token, content_start: int) -> TextSpan:
        """The cue as the verb group that carries it: the auxiliaries, negation and adverbs
        written right before the verb ("has also said", "did not deny", "is calling") and a
        particle or a preposition that belongs to the verb right after it ("pointed out",
        "called for a ban", "complained about his mic"). This is how attribution corpora
        (PolNeAR) mark cues: whenever an auxiliary stands before the verb, the cue holds it.
        Time and channel phrases ("said Friday", "said in an interview") are not part of it;
        the channel is a field of its own. The group never reaches into the content."""
        first = cue
        while first.i > 0:
            before = self.doc[first.i - 1]
            if before.head.i != cue.i or before.dep_ not in ("aux", "auxpass", "neg", "advmod") or \
                    before.lower_ in ("how", "when", "where", "why", "so", "as", "then") or self._in_quote(before.idx):
                break
            first = before
        last = cue
        if cue.i + 1 < len(self.doc):
            after = self.doc[cue.i + 1]
            attached = after.head.i == cue.i and after.idx < content_start
            if attached and (after.dep_ == "prt" or (after.dep_ == "prep" and after.lower_ in _CUE_PREPOSITIONS)):
                last = after
        start, end = first.idx, last.idx + len(last.text)
        return TextSpan(self.text[start:end], start, end)

    def _negated_fact(self, start: int, end: int) -> bool:
        """Whether reported content states that something was not so ("she was not al-Shabab",
        "the army did not fire on civilians"): a denial of the positive version. Negated
        intentions ("would not attend") are refusals, not denials, and are left out."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        negated = any(c.dep_ == "neg" for c in root.children)
        auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
        past = root.tag_ in ("VBD", "VBN") or root.lower_ in ("was", "were") or bool(
            auxes & {"did", "was", "were", "had", "has", "have"})
        return negated and past and not auxes & {"will", "would", "could", "can", "should", "may", "might"}

    # --- kinds of claim -----------------------------------------------------------------

    def _direct(self) -> None:
        previous_end = -1
        previous: Claim | None = None
        for q in self.quotes:
            words = len(self.text[q.start:q.end].split())
            cue = self._cue_for_quote(q)
            if cue is None and previous is not None and self._continues_across_cue(previous, q):
                # "“A,” said Caddell, speaking of … “B.”": one quotation split by its cue
                previous = dataclasses.replace(
                    previous, content=CharSpan(previous.content.start, q.end),
                    quote=f"{previous.quote} {self.text[q.start:q.end]}")
                self.claims[-1] = previous
                previous_end = q.end + 1
                continue
            if cue is None:
                gap = self.text[previous_end:q.start] if previous_end >= 0 else "x"
                if previous is not None and words >= 4 and gap.strip(" ”\"\n.,") == "":
                    self.claims.append(Claim(
                        id="", speaker=previous.speaker, speaker_text=previous.speaker_text,
                        speaker_span=previous.speaker_span, cue=previous.cue,
                        content=CharSpan(q.start, q.end), kind="direct", stance="asserts",
                        channel=previous.channel, quote=self.text[q.start:q.end]))
                    previous_end = q.end + 1
                continue
            if words < 5 and not self._quote_is_clause(q):
                continue  # a scare quote inside reported speech
            self.used_cues.add(cue.i)
            self._add(cue=cue, start=q.start, end=q.end, kind="direct",
                      quote=self.text[q.start:q.end])
            previous = self.claims[-1]
            self.ctx.quote_speakers.append((q.start, q.end, previous.speaker))
            previous_end = q.end + 1

    def _continues_across_cue(self, previous: Claim, q: Quote) -> bool:
        """Whether ``q`` goes on with the previous quotation after its cue, in the same
        paragraph: the cue sits between the two quotes, nothing else is quoted there and no
        sentence of the writer's own follows the cue's."""
        if previous.cue is None or previous.kind != "direct" or self.claims[-1] is not previous:
            return False
        gap_start = previous.content.end
        gap = self.text[gap_start:q.start]
        cue_sentence_end = self._sentence_of(previous.cue.start).end_char
        if cue_sentence_end < q.start and self.text[cue_sentence_end:q.start].strip(" “\"") != "":
            return False  # another sentence stands between: "…," she says. She also says … "B."
        return (len(gap) < 150 and "\n" not in gap and gap_start <= previous.cue.start < q.start
                and len(self.text[q.start:q.end].split()) >= 3)

    def _quote_is_clause(self, q: Quote) -> bool:
        before = self.text[max(0, q.start - 3):q.start]
        return "\n" in before or q.start <= 1 or before.strip(" “\"") in ("", ":")

    def _cue_for_quote(self, q: Quote) -> Token | None:
        """The reporting verb outside the quote in the sentences where the quote ends or
        starts, nearest first: after the quote ("…,” the ministry said), then before it."""
        for anchor in (q.end, q.start):
            sents = [self._sentence_of(max(0, anchor - 1) if anchor == q.end else anchor)]
            if anchor == q.end:
                # "“… votes?” Trump said": the parser may end the sentence inside the marks
                nxt = re.match(r"[”\"’']*\s*", self.text[q.end:])
                after_marks = q.end + (nxt.end() if nxt else 0)
                inner_end = self.text[q.start:q.end].rstrip()[-1:]
                if inner_end in ("?", "!", ",") and after_marks < len(self.text) and after_marks - q.end < 4:
                    sents.append(self._sentence_of(after_marks))  # a quote ending in "." ends its sentence
            else:
                # "He said:\n\n“…”": the cue ends the sentence or paragraph before the quote
                head = self.text[max(0, q.start - 4):q.start]
                if ":" in head:
                    sents.append(self._sentence_of(max(0, q.start - 1 - head[::-1].index(":"))))
            tokens = [t for sent in sents for t in sent if t.lemma_ in REPORTING and t.pos_ in ("VERB", "AUX")
                      and not (q.start <= t.idx < q.end) and not self._in_quote(t.idx)]
            after = [t for t in tokens if t.idx >= q.end]
            before = [t for t in tokens if t.idx < q.start]
            if after and after[0].idx - q.end < 120:
                return after[0]
            if before and q.start - before[-1].idx < 200 and self._quote_follows_cue(before[-1], q):
                return before[-1]
        return None

    def _quote_follows_cue(self, cue: Token, q: Quote) -> bool:
        between = self.text[cue.idx + len(cue.text):q.start]
        return len(between) < 80 and (":" in between or "," in between or "that" in between
                                       or between.strip(" “\"") == "" or
                                       any(t.head.i == cue.i for t in self.doc.char_span(
                                           q.start, q.end, alignment_mode="expand") or []))

    def _indirect(self) -> None:
        for token in tokens_with(self.doc, lemmas=REPORTING_OR_POINT):
            if not _is_reporting(token) or token.pos_ not in ("VERB",) or token.i in self.used_cues:
                continue
            if self._in_quote(token.idx):
                continue
            comp = next((c for c in token.children if c.dep_ in ("ccomp", "xcomp")), None)
            if comp is None and token.dep_ == "advcl" and token.tag_ == "VBG":
                comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if comp is None and token.lemma_ in RECIPIENT_REPORTING:
                comp = _that_clause_on_recipient(token)
            if comp is None:
                if not self._colon_paragraph(token):
                    self._parenthetical(token)
                continue
            if comp.dep_ == "xcomp" and token.lemma_ not in ("deny", "claim", "threaten", "promise", "pledge", "vow",
                                                             *ADDRESSED_APPEALS):
                continue
            addressee = next((c for c in token.children if c.dep_ == "dobj"), None)
            if comp.dep_ == "xcomp" and token.lemma_ in ADDRESSED_APPEALS:
                if addressee is None:
                    continue  # "asked to describe the device": no one is appealed to
                # "urged Republicans to join …": what was asked of whom
                self.used_cues.add(token.i)
                self._add(cue=token, start=addressee.left_edge.idx, end=comp.right_edge.idx + len(comp.right_edge.text),
                          kind="indirect", quote=None)
                continue
            start, end = comp.left_edge.idx, comp.right_edge.idx + len(comp.right_edge.text)
            more = _reported_conjunct(token, comp)
            if more is not None:
                end = more.right_edge.idx + len(more.right_edge.text)
            if any(q.start <= start and end <= q.end + 1 for q in self.quotes):
                continue  # the complement is a quote: already a direct claim
            if start > token.idx and self.text[start:start + 5].lower() == "that ":
                start += 5
            self.used_cues.add(token.i)
            self._add(cue=token, start=start, end=end, kind="indirect", quote=None)

    def _colon_paragraph(self, cue: Token) -> bool:
        """"The governor added:" closing a paragraph, with the words in the next paragraph
        (set as a block quote, without quotation marks)."""
        match = _COLON_PARAGRAPH.match(self.text, cue.idx + len(cue.text))
        if match is None or self._in_quote(match.start(1)) or self.text[match.start(1)] in "“\"":
            return False
        self.used_cues.add(cue.i)
        self._add(cue=cue, start=match.start(1), end=match.end(1), kind="indirect", quote=None)
        return True

    def _parenthetical(self, cue: Token) -> None:
        """A reporting clause set off inside or after the reported sentence: "…, Graham said,
        since …", "But to prevent problems, he said, local officials should be vigilant.",
        "…, a source said." The parser hangs it on the reported clause (parataxis), so the
        content is that sentence without the cue clause."""
        as_clause = cue.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in cue.children)
        if (cue.dep_ != "parataxis" and not as_clause) or _subject_of(cue, self._in_quote) is None:
            return  # "…, Graham said, since …" (parataxis); "…, as police have said" (as-clause)
        if any(c.dep_ in ("ccomp", "xcomp") or (c.dep_ == "dobj" and cue.lemma_ != "tell") for c in cue.children):
            return  # "he told me" keeps its recipient; other objects are what was said
        sent = cue.sent
        cue_start = cue.left_edge.idx
        cue_end = cue.right_edge.idx + len(cue.right_edge.text)
        if cue_start - sent.start_char < 3:
            start, end = cue_end, sent.end_char  # the cue opens the sentence
        elif sent.end_char - cue_end < 3:
            start, end = sent.start_char, cue_start  # "…, a source said."
        else:
            start, end = sent.start_char, sent.end_char  # in the middle: the whole sentence
        if any(q.start <= start + 1 and end <= q.end + 2 for q in self.quotes):
            return  # the reported words are a quote: a direct claim already
        if len(self.text[start:end].split()) < 4:
            return
        self.used_cues.add(cue.i)
        self._add(cue=cue, start=start, end=end, kind="indirect", quote=None)

    def _speech_acts(self) -> None:
        """Speech acts whose content is a noun phrase: "called for a ban on assault weapons",
        "called the charges unsubstantiated", "called on Trump to apologize", "cited the
        police figures", "acknowledged the reality of climate change", "denied the allegations"."""
        for token in tokens_with(self.doc, lemmas=NP_SPEECH_ACT_LEMMAS):
            if token.lemma_ not in NP_SPEECH_ACTS or token.pos_ != "VERB" or token.i in self.used_cues:
                continue
            if self._in_quote(token.idx) or _subject_of(token, self._in_quote) is None:
                continue
            if token.dep_ == "acl" or _fixed_expression(token):
                continue  # "a resolution calling for a ceasefire": what a document says, not a speaker's act
            if token.lemma_ in ("speak", "talk") and token.dep_ == "advcl" and _is_reporting(token.head):
                continue  # "said Caddell, speaking of the issue": the topic of that same report
            if any(c.dep_ == "ccomp" for c in token.children):
                continue  # a clause: reported speech, handled there
            bounds = self._np_content(token)
            if bounds is None:
                continue
            start, end = bounds
            if len(self.text[start:end].split()) < 2 or any(q.start <= start and end <= q.end + 1 for q in self.quotes):
                continue
            self.used_cues.add(token.i)
            self._add(cue=token, start=start, end=end, kind="indirect", quote=None)

    def _report_nouns(self) -> None:
        """A claim named by a noun with its author as possessor: "Trump's claim that there have
        been thousands of shootings", "Tulsa police's earlier claim that Crutcher had refused",
        "North Korea's claims about the potency of its test". The noun is the cue, the possessor
        the speaker and the that-clause (or the "about" phrase) the content."""
        for token in tokens_with(self.doc, lemmas=REPORT_NOUN_LEMMAS):
            if token.lemma_ not in REPORT_NOUNS or token.pos_ != "NOUN" or self._in_quote(token.idx):
                continue
            owner = next((c for c in token.children if c.dep_ == "poss" and c.pos_ in ("PROPN", "NOUN", "PRON")), None)
            if owner is None:
                continue
            clause = next((c for c in token.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > token.i
                           and any(m.lower_ == "that" and m.dep_ == "mark" for m in c.children)), None)
            about = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "about"), None)
            if clause is not None:
                start, end = clause.left_edge.idx, clause.right_edge.idx + len(clause.right_edge.text)
                if self.text[start:start + 5].lower() == "that ":
                    start += 5
            elif about is not None and about.n_rights:
                last = about.right_edge
                start, end = about.idx + len(about.text) + 1, last.idx + len(last.text)
            else:
                continue
            if len(self.text[start:end].split()) < 2:
                continue
            before = len(self.claims)
            self._add(cue=None, start=start, end=end, kind="indirect", quote=None,
                      cue_span=TextSpan(token.text, token.idx, token.idx + len(token.text)))
            if len(self.claims) > before:
                words = [t for t in owner.subtree if t.dep_ != "case" and not self._in_quote(t.idx)]
                span = _trim(self.text, min(t.idx for t in words), max(t.idx + len(t.text) for t in words))
                actor, _ = self.ctx.actor_of_phrase(owner)
                self.claims[-1] = dataclasses.replace(
                    self.claims[-1], speaker=actor, speaker_text=self.text[span.start:span.end], speaker_span=span)

    def _np_content(self, verb: Token) -> tuple[int, int] | None:
        """Character bounds of what a speech act is about, or None when it names none."""
        children = list(verb.children)
        obj = next((c for c in children if c.dep_ == "dobj"), None)
        complement = next((c for c in children if c.dep_ in ("oprd", "xcomp", "attr")), None)
        prep = {c.lower_: c for c in children if c.dep_ in ("prep", "prt")}

        def edges(*nodes: Token) -> tuple[int, int]:
            left = min(n.left_edge.idx for n in nodes)
            right = max(n.right_edge for n in nodes)
            return left, right.idx + len(right.text)

        def pobj_of(p: Token | None) -> Token | None:
            return next((c for c in p.children if c.dep_ in ("pobj", "pcomp")), None) if p is not None else None

        lemma = verb.lemma_
        if lemma == "call":
            if obj is not None and obj.tag_ not in ("WP", "WDT"):  # not "what it called X"
                if complement is not None:
                    return edges(obj, complement)  # "called climate change a hoax"
                if any(c.i > obj.i and c.dep_ in ("acl", "dobj", "oprd", "attr", "amod") for c in obj.children):
                    return edges(obj)  # the same, with the name parsed as part of the object
            target = pobj_of(prep.get("on") or prep.get("upon"))
            if target is not None and complement is not None:
                return edges(target, complement)  # "called on Republicans to withdraw"
            target = pobj_of(prep.get("for"))
            return edges(target) if target is not None else None
        if lemma in ("ask", "question"):
            target = pobj_of(prep.get("about"))
            return edges(target) if target is not None else None
        if lemma in ("speak", "talk", "point"):
            # "spoke of the legacy of racism", "talked about her ties", "pointed to reports that …";
            # "pointed out the gap" (object). Speaking to or with someone says nothing yet.
            target = pobj_of(prep.get("of") or prep.get("about") or (prep.get("to") if lemma == "point" else None))
            if target is None and lemma == "point" and "out" in prep and obj is not None:
                return edges(obj)
            if target is not None and lemma != "point" and not any(
                    c.dep_ in ("prep", "acl", "relcl", "amod", "poss", "ccomp") for c in target.children):
                return None  # "spoke about the election": a bare topic, not something said about it
            return edges(target) if target is not None else None
        if lemma in ("criticize", "criticise", "blast", "slam"):
            if obj is None or (obj.pos_ == "PRON" and not ("for" in prep or "as" in prep)):
                return None
            # the thing criticised, with the charge: "him for not paying income tax"
            extra = [p for key in ("for", "as", "over") if (p := prep.get(key)) is not None and p.i > obj.i]
            return edges(obj, *extra)
        if lemma in ("accuse", "blame"):
            # "accusing it of exploiting …", "blamed the attacks on militants …": who did what.
            # "blamed the LNA for the failure" judges a party and stays an ACCUSE event only.
            if obj is None:
                return None
            target = pobj_of(prep.get("of") if lemma == "accuse" else prep.get("on"))
            if target is None:  # the parser may hang the preposition on the object
                inner = next((c for c in obj.children if c.dep_ == "prep"
                              and c.lower_ == ("of" if lemma == "accuse" else "on")), None)
                return edges(obj) if inner is not None else None
            return edges(obj, target)
        if lemma in ("reject", "dismiss", "refute", "deny") and obj is not None and obj.lemma_ in REPORT_NOUNS:
            clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > obj.i), None)
            if clause is not None and any(m.lower_ == "that" and m.dep_ == "mark" for m in clause.children):
                start, end = edges(clause)  # "reject the claims that their ventures deprive …"
                return (start + 5, end) if self.text[start:start + 5].lower() == "that " else (start, end)
            return None
        if lemma in ("reject", "dismiss", "refute"):
            return None  # rejecting an offer or a plan is an act (CAMEO 12x), not a report
        if lemma == "describe" and "as" in prep and obj is not None:
            bounds = edges(obj, prep["as"])  # "described the jailbreak as “deplorable”", "described Clinton as …"
            closing = next((q for q in self.quotes if q.start <= bounds[1] <= q.end + 1), None)
            return (bounds[0], closing.end) if closing is not None else bounds
        if obj is None or obj.pos_ == "PRON" or self.ctx.actor_at(obj):
            return None  # "told reporters", "described him": a person is not what was said
        return edges(obj)

    def _according_to(self) -> None:
        for token in tokens_with(self.doc, lowers=ACCORDING):
            if token.lower_ != "according" or self._in_quote(token.idx):
                continue
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((c for c in to.children if c.dep_ == "pobj"), None) if to else None
            if pobj is None or to is None:
                continue
            sent = token.sent
            phrase_end = pobj.right_edge.idx + len(pobj.right_edge.text)
            if token.idx - sent.start_char < 3:
                start, end = phrase_end, sent.end_char
            else:
                start, end = sent.start_char, token.idx
            actor, _ = self.ctx.actor_of_phrase(pobj)
            s_start, s_end = self._phrase_bounds(pobj)
            self.claims.append(Claim(
                id="", speaker=actor, speaker_text=self.text[s_start:s_end],
                speaker_span=CharSpan(s_start, s_end),
                cue=TextSpan(self.text[token.idx:to.idx + len(to.text)], token.idx,
                             to.idx + len(to.text)),
                content=_trim(self.text, start, end), kind="indirect",
                stance="denies" if _DENIAL_CONTENT.search(self.text[start:end]) else "asserts",
                channel=None, quote=None))

    def _editorial(self) -> None:
        """The outlet's own voice: unattributed sentences that assert something contested.

        Criteria (each needs a sentence that no claim and no quotation covers):

        1. a presupposition frame that slips a contested fact in as background: "despite the
           fact that …", "made no mention that …", "ignoring that …", "it is clear that …";
        2. loaded wording about a party or its acts, from a short lexicon of judgements that
           news style leaves to sources ("heinous", "barbaric", "puppet", "so-called
           government", "terrorist elements"): the outlet takes a side;
        3. a statement of a party's intent or motive with no source ("in order to
           destabilise", "in a bid to sabotage", "with the aim of"): motives are claims, not
           observations.

        Plain scene-setting (who met whom, what was announced, casualty figures that some
        claim in the article attributes) is never editorial. Precision matters more than recall
        here: a missed editorial claim is a sentence left as plain text, a false one accuses
        the outlet."""
        self._editorial_frames()
        self._editorial_judgements()

    def _unattributed_sentence(self, char: int) -> Span | None:
        if self._in_quote(char):
            return None
        sent = self._sentence_of(char)
        if any(c.content.start < sent.end_char and sent.start_char < c.content.end for c in self.claims):
            return None
        if any(sent.start_char <= q.start < sent.end_char for q in self.quotes):
            return None
        if any(t.lemma_ in REPORTING or t.lower_ == "according" for t in sent):
            return None  # attributed, even if our parse found no claim
        return sent

    def _editorial_judgements(self) -> None:
        for pattern in (_LOADED, _INTENT):
            for m in pattern.finditer(self.text):
                sent = self._unattributed_sentence(m.start())
                if sent is None:
                    continue
                self._add(cue=None, start=sent.start_char, end=sent.end_char, kind="editorial", quote=None,
                          stance="asserts", cue_span=TextSpan(m.group(0), m.start(), m.end()))

    def _editorial_frames(self) -> None:
        for m in _EDITORIAL.finditer(self.text):
            if self._in_quote(m.start()):
                continue
            if any(c.content.start <= m.start() < c.content.end for c in self.claims):
                continue
            sent = self._sentence_of(m.start())
            start = m.end()
            end = sent.end_char
            tail = re.search(r",\s+(?:only|but|and|which|while|although|whereas)\b",
                             self.text[start:end])
            if tail:
                end = start + tail.start()
            span = self.doc.char_span(start, end, alignment_mode="expand")
            if span is not None and any(t.lemma_ in REPORTING and t.pos_ == "VERB" for t in span):
                continue  # "… the fact that X, said the observatory head": attributed after all
            self._add(cue=None, start=start, end=end, kind="editorial", quote=None,
                      stance="asserts", cue_span=TextSpan(m.group(0).strip(), m.start(),
                                                          m.start() + len(m.group(0).strip())))


_CHANNELS_HEADS = {"statement", "release", "communique", "post", "tweet", "letter", "report"}


def _is_reporting(token: Token) -> bool:
    """A reporting verb, or a phrasal one ("pointed out that …"), that is not part of a fixed
    expression in which nobody reports anything ("let's say", "it goes without saying that",
    "needless to say", "it is worth noting that") nor a speech act only wished for or required
    ("wants to ask", "requiring candidates to disclose")."""
    lemma = token.lemma_
    if lemma not in REPORTING and lemma != "point":
        return False  # most words: no need to look at the parse around them
    if _fixed_expression(token):
        return False
    return lemma in REPORTING or any(c.dep_ == "prt" and c.lower_ == "out" for c in token.children)


UNREALISED_FRAMES = {"want", "require", "encourage", "plan", "hope", "need", "try", "expect", "allow", "force",
                     "intend", "wish", "like", "love", "seek", "prepare", "invite", "ask", "urge"}
"""Verbs that put a speech act in the future or in someone's wishes ("requiring candidates to
disclose their taxes", "encouraging his supporters to ask why"): nothing has been said yet."""


def _fixed_expression(token: Token) -> bool:
    head = token.head
    if token.dep_ == "xcomp" and head.lemma_ in UNREALISED_FRAMES:
        return True
    if token.lemma_ == "say" and head.lemma_ == "let":
        return True  # "let's say you think …": a supposition
    if head.lower_ == "without" and head.head.lemma_ == "go":
        return True  # "it goes without saying"
    return head.lower_ in ("needless", "worth")  # "needless to say", "worth noting"


def _reported_conjunct(cue: Token, comp: Token) -> Token | None:
    """A clause the parser joined to the reporting verb that goes on with what was reported:
    "She says she tried to duck but the bullet hit her in the neck". It has its own subject,
    follows the complement without a comma, is not a report itself and is in the complement's
    tense, not the cue's (a present "says" reporting past events); "Police said the man was
    arrested, and the city remained calm" is the writer's own sentence going on."""
    for conj in cue.children:
        if conj.dep_ != "conj" or conj.i < comp.i or _is_reporting(conj):
            continue
        if not any(c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
            continue
        cc = next((c for c in cue.children if c.dep_ == "cc" and comp.i < c.i < conj.i), None)
        if cc is None or cc.i == 0 or cue.doc[cc.i - 1].text in (",", ";", ":"):
            continue
        if conj.tag_ == cue.tag_ or conj.tag_[:2] != "VB":
            continue
        return conj
    return None


def _that_clause_on_recipient(verb: Token) -> Token | None:
    """The that-clause the parser hung on the recipient of "told" as a relative clause: opened
    by "that" and with a subject of its own ("told a cabinet meeting that he had met …"). A
    true relative clause on the person told ("told the man who …") is rare in news."""
    recipient = next((c for c in verb.children if c.dep_ in ("dobj", "dative")), None)
    if recipient is None:
        return None
    for clause in recipient.children:
        if clause.dep_ != "relcl" or clause.left_edge.lower_ != "that" or clause.i < recipient.i:
            continue
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ not in ("that", "which", "who") for c in clause.children):
            return clause
    return None


def _describes_activity(clause: Token) -> bool:
    """A participle clause ("speaking to veterans", "asked about the plan"), which the parser
    may label acl, advcl or relcl; a relative clause opened by who/which/whose is not one."""
    if clause.dep_ in ("acl", "advcl"):
        return True
    return clause.dep_ == "relcl" and clause.tag_ in ("VBG", "VBN") and \
        clause.left_edge.tag_ not in ("WP", "WDT", "WP$")


def _subject_of(verb: Token, in_quote: Callable[[int], bool] | None = None) -> Token | None:
    """Who performs a reporting verb, climbing through conjunctions and participles ("…,
    saying", "responded by saying"): the subject, or the agent of a passive ("was written by
    Springsteen"), or the noun a participle describes ("a letter saying that …").

    Words inside a quotation are never the subject of the verb that reports it."""
    current: Token | None = verb
    for _ in range(5):
        if current is None:
            return None
        subj = next((c for c in current.children if c.dep_ in ("nsubj", "nsubjpass")
                     and not (in_quote and in_quote(c.idx))), None)
        agent = next((g for c in current.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                     None)
        if agent is not None and not (in_quote and in_quote(agent.idx)):
            return agent
        if subj is not None:
            return subj
        if current.dep_ == "acl" and current.tag_ == "VBG" and current.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return current.head
        if current.dep_ in ("conj", "advcl", "xcomp", "acl", "pcomp", "prep") and current.head is not current:
            current = current.head
        else:
            return None
    return None


def _trim(text: str, start: int, end: int) -> CharSpan:
    while end > start and text[end - 1] in " ,.;:\n":
        end -= 1
    while start < end and text[start] in " ,\n":
        start += 1
    return CharSpan(start, end)


def _renumber(claim: Claim, i: int) -> Claim:
    return Claim(id=f"C{i + 1}", speaker=claim.speaker, speaker_text=claim.speaker_text,
                 speaker_span=claim.speaker_span, cue=claim.cue, content=claim.content,
                 kind=claim.kind, stance=claim.stance, channel=claim.channel, quote=claim.quote)
