"""Cleaning: raw items in, clean article text plus metadata and a list of what was removed."""

from eventwire.clean.document import build_document
from eventwire.clean.html import clean_html
from eventwire.clean.text import clean_text

__all__ = ["build_document", "clean_html", "clean_text"]
