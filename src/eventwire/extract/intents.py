"""Acts inside agreements, demands, refusals and threats, and acts only promised.

CAMEO and PLOVER code "agreed to provide aid" as one event — an agreement whose subject is
aid (CAMEO 033, PLOVER AGREE) — not as an agreement plus a delivery that has not happened.
The same holds for "demanded that the troops withdraw" (105, REQUEST), "refused to meet"
(125, REJECT) and "threatened to shell the towns" (138, THREATEN). And an act only promised
("Portugal will support Turkey's bid", "France is ready to contribute troops", "said it would
allow the inspectors back") is an expression of intent: AGREE, with the intent code that
matches the act. This module holds those conventions; the event extractor applies them.
"""

from __future__ import annotations

from spacy.tokens import Token

from eventwire.extract.claims import DENIAL_CUES, REPORTING

FRAME_TYPES = frozenset({"AGREE", "REQUEST", "REJECT", "THREATEN"})
"""PLOVER types whose verb takes another act as its complement and absorbs it."""

COOPERATIVE_ROOTS = frozenset({"04", "05", "06", "07", "08"})
"""CAMEO roots of cooperative acts (consult, diplomatic and material cooperation, aid, yield):
promising one of these is CAMEO's "express intent" (03x)."""
HOSTILE_ROOTS = frozenset({"14", "15", "16", "17", "18", "19", "20"})
"""CAMEO roots of hostile acts (protest, show of force, cutting relations, coercion, force):
announcing one of these is a threat (13x; PLOVER: "threaten to restrict movement … boycotts,
strikes, blockades, and curfews", "threaten violence")."""

_SUBCODES: dict[str, dict[str, str]] = {
    "02": {"04": "026", "05": "022", "06": "021", "07": "023", "08": "025"},
    "03": {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035"},
    "10": {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"},
    "12": {"04": "125", "06": "121", "07": "122", "08": "124"},
    "13": {"14": "133", "15": "138", "16": "132", "17": "137", "18": "138", "19": "138", "20": "138"},
}
"""For a frame's CAMEO root (03 intent, 10 demand, 12 reject, 13 threaten): the sub-code that
names the kind of act inside it, by that act's root (CAMEO codebook 0.7b5); 02 is an appeal
("asked Obama to help Iran": 023)."""

READINESS = frozenset({"ready", "willing", "prepared", "eager", "determined", "committed", "keen"})
"""Adjectives that turn the infinitive after them into a stated intention ("ready to help")."""
INTENT_VERBS = frozenset({"offer", "plan", "intend", "promise", "pledge", "vow", "agree",
                          "prepare", "volunteer", "undertake", "commit", "swear",
                          "want", "seek", "hope", "aim", "wish"})
"""Verbs whose infinitive complement is an act the subject says it will do or wants done by
itself ("are seeking to deepen a partnership": intent to cooperate, 031; "wants to attack": a
threat, 138). Not "decide": "decided to lift the freeze" reports the lifting itself."""
PASS_THROUGH = frozenset({"decide"})
"""Frame verbs whose complement is the act itself: the complement is coded, not the frame."""
DEMAND_NOUNS = frozenset({"demand", "call", "appeal", "insistence", "request", "ultimatum"})
"""Nouns whose that-clause is what someone is asked to do ("its demand that Israel ease …")."""
REPORTING_HEADS = frozenset(REPORTING - DENIAL_CUES)
"""Verbs of reported speech under which "would" is the speaker's future ("said it would
allow"); not denials ("denied it would attack" promises nothing)."""


def frame_code(frame_cameo: str, inner_cameo: str) -> str:
    """The frame's code refined by the act inside it: agreement (030) to aid (07x) → 033.

    A frame that already has a specific code, or an act without a matching sub-code, keeps
    the frame's own code."""
    table = _SUBCODES.get(frame_cameo[:2])
    if table is None or len(frame_cameo) > 3 or frame_cameo[2] != "0":
        return frame_cameo
    return table.get(inner_cameo[:2], frame_cameo)


def intent_code(inner_cameo: str) -> str | None:
    """CAMEO's code for announcing an act: "express intent to …" (03x) for a cooperative act,
    "threaten …" (13x) for a hostile one; None for any other act."""
    root = inner_cameo[:2]
    if root in HOSTILE_ROOTS:
        return _SUBCODES["13"][root]
    return _SUBCODES["03"].get(root)


def demand_code(inner_cameo: str) -> str:
    """CAMEO's demand code (10x) for an act someone is told they must do."""
    return _SUBCODES["10"].get(inner_cameo[:2], "100")


def is_condition(tok: Token) -> bool:
    """Whether ``tok`` heads an if/unless clause, or an until- or before-clause in the present
    tense: "unless the Kremlin closed its base", "until their demands are met" and "before they
    demobilize" state a condition, not something that happened ("fought until the army
    arrived" did happen)."""
    if tok.dep_ != "advcl":
        return False
    marks = {c.lower_ for c in tok.children if c.dep_ == "mark"}
    if marks & {"if", "unless"}:
        return True
    present = tok.tag_ in ("VBP", "VBZ") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("is", "are", "am") for c in tok.children)
    return bool(marks & {"until", "till", "before"}) and present  # "… before they demobilize"


def obligation_speaker(tok: Token) -> Token | None:
    """For an act stated as an obligation of someone else ("said that Libya must hand over
    the suspects", "a reminder that Iraq must cooperate"), the word that says who demands it:
    the subject of the reporting verb (or of the verb the reminder belongs to). None when the
    act is not under "must" in a that-clause, or when it is negated."""
    if tok.dep_ == "xcomp" and tok.head.dep_ == "acomp" and tok.head.lemma_.lower() in READINESS:
        tok = tok.head.head  # "said that the US must be ready to mediate": the copula holds "must"
    aux = {c.lower_ for c in tok.children if c.dep_ == "aux"}
    demanded = (tok.dep_ == "acl" and tok.head.lemma_.lower() in DEMAND_NOUNS) or (  # "its demand that
        tok.dep_ == "ccomp" and any(c.dep_ == "dobj" and c.lemma_.lower() in DEMAND_NOUNS  # Israel ease"
                                    for c in tok.head.children))  # (also when hung on the verb)
    if ("must" not in aux and not demanded) or any(c.dep_ in ("neg", "nsubjpass") for c in tok.children):
        return None
    if tok.dep_ not in ("ccomp", "acl"):
        return None
    head = tok.head
    if head.pos_ == "NOUN":  # "issued a stern reminder to Iraq that it must cooperate"
        head = head.head
    if head.dep_ == "prep":  # "insisted on its demands that the government grant …"
        head = head.head
    subject = next((c for c in head.children if c.dep_ == "nsubj"), None)
    own = next((c for c in tok.children if c.dep_ == "nsubj"), None)
    if subject is None or own is None or own.lower_ in ("we", "i"):
        return None
    return subject


def frame_governing(tok: Token, frames: dict[int, str]) -> int | None:
    """The token index of the frame verb whose complement holds ``tok``, if any.

    ``frames`` maps token indexes of frame triggers to their CAMEO codes. Complements are
    infinitives and that-clauses ("agreed to provide", "demanded that X withdraw"), followed
    up to three levels ("vowed to try to attack"); a that-clause counts only under agreement
    and demand, since "rejected reports that troops fired" is a denial of a separate claim.
    """
    node = tok
    for _ in range(3):
        if node.dep_ not in ("xcomp", "ccomp", "conj") or node.head is node:
            return None
        head = node.head
        if head.i in frames:
            if node.dep_ == "ccomp" and frames[head.i][:2] not in ("03", "10") and not (
                    frames[head.i][:2] == "02" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)):
                return None  # (an appeal's that-less infinitive with its own subject: "wants Putin to attack")
            if node.dep_ == "conj":
                return None  # "agreed and signed": two acts, told one after the other
            return head.i
        node = head
    return None


def expresses_intent(tok: Token, hostile: bool, restrictive: bool = False) -> bool:
    """Whether the act of ``tok`` is announced rather than done, and so an expression of
    intent (cooperative acts) or a threat (hostile ones).

    Cooperative: "will support", "is ready to contribute", "offered to hand over", or "would
    allow" in reported speech ("Iraq said it would allow the inspectors back"). Hostile acts
    need more than a future tense, since "said it would halt its participation" reports a
    decision: a stated readiness or vow ("prepared to impose martial law", "sworn to fight"),
    or a condition on the other side ("will boycott the elections unless the president
    resigns"). Never when negated ("will not support"). A passive ("the tankers would be
    withdrawn") states a plan without saying whose promise it is: not an intent.

    ``restrictive`` acts (boycotts, strikes, blockades, curfews) are threats as soon as they
    are announced for the future: "said they would blockade Paris", "will extend the curfew".
    """
    if any(c.dep_ in ("neg", "nsubjpass", "auxpass") for c in tok.children):
        return False
    if tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)):
        head = tok.head  # "vowed to fight" (the small parser often makes it an advcl)
        if head.lemma_.lower() in READINESS or head.lemma_.lower() in INTENT_VERBS:
            copula = head.head if head.dep_ == "acomp" else head  # "must be ready to": a demand
            return not any(c.dep_ == "neg" or c.lower_ == "must" for c in (*head.children, *copula.children))
    aux = {c.lower_ for c in tok.children if c.dep_ in ("aux", "auxpass")}
    conditioned = any(is_condition(c) for c in tok.children)
    if hostile and conditioned and aux & {"may", "might", "could", "would"}:
        return True  # "may halt mediation if cooperation founders": a conditional threat
    future = bool(aux & {"will", "shall", "'ll"}) or (
        "would" in aux and tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_HEADS)
    if not future:
        return False
    return not hostile or conditioned or restrictive


