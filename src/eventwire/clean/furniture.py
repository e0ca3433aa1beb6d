"""Page-furniture rules for text lines: what a scraped page carries that is not the article.

Each rule recognises a *kind* of furniture by its shape (numbers-only widget lines, prompts to
click or enlarge an image, appeals to donate or subscribe, share bars, cookie notices, bylines,
"read more" lists) rather than by any particular wording of a particular site. A rule returns a
reason string, which is what ``document.removed`` records.
"""

from __future__ import annotations

import re

_WIDGET = re.compile(r"^[\s\d.,:%/+\-–—]*[$€£¥₽%]?[\s\d.,:%/+\-–—$€£¥₽]*$")
_IMAGE_PROMPT = re.compile(
    r"^(click|tap|press|see|view|open|zoom)\b.{0,40}\b(image|photo|picture|gallery|"
    r"full[- ]?size|enlarge|larger|slideshow|video)\b", re.I)
_CREDIT = re.compile(r"^(photo|image|picture|credit|file photo)s?\s*(:|by\b|credit\b)", re.I)
_APPEAL = re.compile(
    r"\b(donat\w*|support (us|our)|help(ing)? us|subscrib\w*|newsletter|sign up|"
    r"follow us|become a (member|patron)|patreon|paypal|like this (content|article|story))\b",
    re.I)
_SHARE_WORDS = {"share", "tweet", "telegram", "email", "e-mail", "print", "facebook", "twitter",
                "whatsapp", "linkedin", "reddit", "copy", "link", "pin", "x", "vk", "save",
                "comment", "comments", "mail", "messenger", "viber", "on"}
_SHARE_THIS = re.compile(r"^(share|email|print|tweet) (this|the) (article|story|post|page|link)\b", re.I)
_LEGAL = re.compile(r"(copyright\b|©|\(c\)\s*\d{4}|all rights reserved|copyrighted property|"
                    r"may not be (re)?(published|distributed|reproduced)|without (the )?(prior |express )?"
                    r"written permission|terms (of use|and conditions)|privacy policy)", re.I)
_COMMENT_FORM = re.compile(r"(email address will not be published|required fields are marked|"
                           r"comments? (are|is) moderated|you must be logged in|log in to (comment|reply)|"
                           r"^leave a (reply|comment)|^post a comment|^(cancel|submit) (reply|comment)|"
                           r"comments? (policy|guidelines))", re.I)
_READ_TIME = re.compile(r"^\d+\s*(min|mins|minutes?)\.?\s*(read|reading time)$|^reading time:?\s*\d+", re.I)
_SOCIAL = re.compile(r"\b(follow|like|join|find|connect with) (us|[A-Z][\w&.]*( [A-Z@][\w&.]*){0,3}) on "
                     r"(twitter|x|facebook|instagram|telegram|youtube|linkedin|tiktok|whatsapp|threads|bluesky)\b",
                     re.I)
_APP_OR_DIGEST = re.compile(r"(download (the|our) .{0,40}\bapp\b|(weekly|daily) (summary|digest|briefing|roundup)|"
                            r"in your inbox|get (the|our) (latest|best) .{0,30}(delivered|sent))", re.I)
_SENTENCE_OF_NEWS = re.compile(r"\b(said|says|told|according to|court|lawsuit|sued|infring\w*|ruled)\b", re.I)
"""Reporting on copyright (a lawsuit, a ruling) is news, not a notice."""
_CREDIT_LINE = re.compile(
    r"^\(\s*((additional )?(reporting|writing|editing|compiled|translated) by\b[^()]{0,200})\)\.?$|"
    r"^(additional )?reporting by\b.{0,120}\b(editing|writing) by\b|"
    r"^(additional )?(reporting|editing) by( (?-i:[A-Z])[\w.'’-]+| and| in| the| desk){1,8}\.?$", re.I)
"""Wire-service credit lines: "(Reporting by A; Editing by B)", "Additional reporting by C"."""
_COOKIE = re.compile(r"\b(cookies?|privacy policy|consent|gdpr)\b", re.I)
_MORE = re.compile(r"^(related( articles| stories| posts)?|read (more|also)|see also|"
                   r"more (on|from) this|recommended|most (read|popular)|trending)\b\s*:?", re.I)
_BYLINE = re.compile(r"^(?i:by|written by|posted by|author:)\s+[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,4}"
                     r"(\s*(,|and|&)\s*[A-Z][\w.'’-]+(\s+[A-Z][\w.'’-]+){0,3})*\s*$")
_DATELINE = re.compile(
    r"^((published|updated|posted|last updated|date)\s*(on)?\s*:?\s*)?"
    r"(\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(mon|tues|wednes|thurs|fri|satur|sun)day,?\s.*\d{4}|"
    r"[A-Z][a-z]+\.? \d{1,2}(st|nd|rd|th)?,? \d{4}|\d{1,2}(st|nd|rd|th)? [A-Z][a-z]+\.?,? \d{4})"
    r"(,? (at )?\d{1,2}[:.]\d{2}( ?[AP]M)?( [A-Z]{2,4})?)?\s*$", re.I)
_COUNTERS = re.compile(r"^([\d.,]+[kKmM]?\s*(views?|comments?|shares?|likes?|reads?|replies|followers|"
                       r"subscribers|reactions|votes)\s*[|·•]?\s*)+$", re.I)


def furniture_reason(line: str) -> str | None:
    """Why ``line`` is page furniture, or None when it may be article text."""
    s = line.strip()
    if not s:
        return None
    words = s.split()
    if len(words) <= 10 and _DATELINE.match(s):
        return "dateline"
    if _WIDGET.match(s):
        return "widget: numbers only"
    if len(words) <= 10 and _COUNTERS.match(s):
        return "widget: counters"
    if len(words) <= 12 and _IMAGE_PROMPT.search(s):
        return "image prompt"
    if len(words) <= 15 and _CREDIT.match(s):
        return "image credit"
    if len(words) <= 3 and _APPEAL.search(s):  # a bare button: "Donate", "Subscribe now"
        return "appeal to donate or subscribe"
    if len(words) <= 25 and _APPEAL.search(s) and (s.endswith(("!", "?")) or
                                                   re.search(r"\b(you|your|us|our)\b", s, re.I)):
        return "appeal to donate or subscribe"
    if len(words) <= 8 and (all(w.strip("|·•,.:").lower() in _SHARE_WORDS | {""} for w in words)
                            or _SHARE_THIS.match(s)):
        return "share bar"
    if len(words) <= 40 and _LEGAL.search(s) and not _SENTENCE_OF_NEWS.search(s):
        return "copyright or legal notice"
    if len(words) <= 40 and _COMMENT_FORM.search(s):
        return "comment form"
    if len(words) <= 5 and _READ_TIME.search(s):
        return "reading time"
    if len(words) <= 25 and _SOCIAL.search(s):
        return "social media prompt"
    if len(words) <= 25 and _APP_OR_DIGEST.search(s):
        return "appeal to donate or subscribe"
    if len(words) <= 40 and _COOKIE.search(s) and re.search(r"\b(we|our|you|accept)\b", s, re.I):
        return "cookie notice"
    if len(words) <= 8 and _MORE.match(s):
        return "related-links heading"
    if len(words) <= 30 and _CREDIT_LINE.match(s):
        return "credit line"
    if len(words) <= 12 and _BYLINE.match(s):
        return "byline"
    return None


def normalise_heading(line: str) -> str:
    """Compare headlines regardless of case, spacing and trailing punctuation."""
    return re.sub(r"\s+", " ", line).strip().strip(".:").casefold()


def looks_like_headline(line: str) -> bool:
    """A short line without sentence-final punctuation, as headlines are written."""
    s = line.strip()
    return 0 < len(s.split()) <= 25 and not s.endswith((".", ",", ";", "”", '"')) and s[0].isupper()
