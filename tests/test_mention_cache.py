"""The store's cache of decoded incident mentions (``store.incidents.MentionCache``): a stored
mention is decoded once, a changed one is never served from the cache, memory stays bounded,
and a store that uses it clusters exactly as one that decodes every time."""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from eventwire.incidents.mentions import EventMention, Party
from eventwire.ingest import ingest_items
from eventwire.sources.raw import RawItem
from eventwire.store import Store
from eventwire.store import incidents as store_incidents
from eventwire.store.incidents import MentionCache

MENTION = EventMention(doc_id="sha256:a", event_id="e1", type="ASSAULT", cameo="195", trigger="shell",
                       factuality="asserted", sources=(Party("rebels", "SDN", ("REB",)),),
                       place="Kadugli", place_country="SDN", date="2025-03-09", published="2025-03-10",
                       terms=frozenset({"shell", "kadugli"}))


def stored(m: EventMention) -> str:
    return json.dumps(m.to_dict(), ensure_ascii=False)


def test_the_same_stored_text_is_decoded_once() -> None:
    cache = MentionCache()
    first = cache.decode(stored(MENTION))
    assert first == MENTION
    assert cache.decode(stored(MENTION)) is first
    assert len(cache) == 1


def test_a_changed_mention_is_never_served_stale() -> None:
    cache = MentionCache()
    cache.decode(stored(MENTION))
    changed = replace(MENTION, factuality="denied", count=12)  # same key, other features
    assert changed.key == MENTION.key
    assert cache.decode(stored(changed)) == changed


def test_the_cache_is_bounded_first_in_first_out() -> None:
    cache = MentionCache(size=3)
    texts = [stored(replace(MENTION, event_id=f"e{i}")) for i in range(5)]
    for text in texts:
        cache.decode(text)
    assert len(cache) == 3
    assert cache.decode(texts[4]) is cache.decode(texts[4])  # the newest are kept
    assert cache.decode(texts[0]).event_id == "e0"  # the oldest was dropped and is decoded again
    assert len(cache) == 3


def test_threads_share_one_cache_safely() -> None:
    cache = MentionCache(size=50)
    texts = [stored(replace(MENTION, event_id=f"e{i}")) for i in range(200)]
    errors: list[BaseException] = []

    def work(offset: int) -> None:
        try:
            for i in range(2000):
                text = texts[(i * 7 + offset) % len(texts)]
                assert cache.decode(text).event_id == json.loads(text)["event_id"]
        except BaseException as exc:  # reported to the main thread below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(cache) <= 50


STORIES = [
    ("Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, "
     "local officials said.", "2025-03-10"),
    ("At least 12 civilians were killed on Sunday when rebel fighters shelled Kadugli, a town in "
     "South Kordofan, witnesses said.", "2025-03-10"),
    ("The rebel command denied on Monday that its fighters shelled Kadugli in South Kordofan.", "2025-03-11"),
    ("Government troops shelled the city of Goma in eastern Congo on Sunday, killing three people.",
     "2025-03-10"),
]


def incidents_of(path: Path) -> list[tuple[str, str, int]]:
    with Store(path) as store:
        ingest_items(store, [RawItem(origin=f"s{i}", content=t, kind="text", published=p)
                             for i, (t, p) in enumerate(STORIES)])
        return sorted((r["id"], r["status"], r["n_documents"])
                      for r in store.conn.execute("SELECT id, status, n_documents FROM incidents"))


def test_clustering_with_the_cache_equals_clustering_without(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    cached = incidents_of(tmp_path / "cached.db")
    monkeypatch.setattr(store_incidents, "MENTIONS", MentionCache(size=0))  # nothing kept: always decoded
    assert incidents_of(tmp_path / "uncached.db") == cached
    assert any(n >= 2 for _, _, n in cached)  # the Kadugli reports were linked


def test_ids_are_bound_in_chunks_sqlite_accepts() -> None:
    from eventwire.store.incidents import bound_chunks

    ids = [f"sha256:{i}" for i in range(801)]
    chunks = list(bound_chunks(ids))
    assert [len(c) for c, _ in chunks] == [400, 400, 1]
    assert [m.count("?") for _, m in chunks] == [400, 400, 1]
    assert [x for c, _ in chunks for x in c] == ids
    assert set("".join(m for _, m in chunks)) == {"?", ","}  # nothing but placeholders in the SQL
    assert list(bound_chunks([])) == []
