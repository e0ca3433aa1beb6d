"""A real store for the web tests: the bundled examples and two hostile articles, all run
through the real pipeline, so the pages show what a user's store would hold."""

from __future__ import annotations

from pathlib import Path

from eventwire.ingest import example_paths, ingest_items, ingest_paths
from eventwire.sources.raw import RawItem
from eventwire.store import Store

XSS_MARKER = "__xss"
"""Every planted payload sets ``window.__xss``: if it is ever defined, a payload ran."""

HOSTILE_TITLE = 'Minister <script>window.__xss=1</script> "><img src=x onerror="window.__xss=2"> quits'
HOSTILE_URL = "javascript:window.__xss=3"
HOSTILE_AUTHOR = "'\"><svg onload=window.__xss=4>"

HOSTILE_TEXT = """Rebels shelled the town of Kadugli in South Kordofan on Sunday, killing 12 civilians, officials said.

"The attack <script>window.__xss=5</script> never happened," said army spokesman Ahmed Rahman.

The interior ministry denied that soldiers had been hurt in Kadugli. <img src=x onerror="window.__xss=6"> Residents said
<a href="javascript:window.__xss=7">the road</a> was closed ' onmouseover='window.__xss=8' x=" and the market was empty.

"</mark></textarea></title><iframe src=javascript:window.__xss=9>" the governor said on Monday.
"""

HOSTILE_HTML = f"""<!doctype html><html><head>
<title>Army denies &lt;script&gt;window.__xss=10&lt;/script&gt; attack on Kadugli</title>
<meta name="author" content="&quot;&gt;&lt;img src=x onerror=window.__xss=11&gt;">
</head><body><article><h1>Army denies attack on Kadugli</h1>
{"".join(f"<p>{p}</p>" for p in HOSTILE_TEXT.replace("&", "&amp;").replace("<", "&lt;").split(chr(10) * 2))}
</article></body></html>"""


def build(path: Path) -> Path:
    with Store(path) as store:
        ingest_paths(store, example_paths())
        ingest_items(store, [
            RawItem(origin="hostile.txt", content=HOSTILE_TEXT, kind="text", url=HOSTILE_URL, title=HOSTILE_TITLE,
                    published="2024-03-10", source="hostile <b>outlet</b>", author=HOSTILE_AUTHOR),
            RawItem(origin="hostile.html", content=HOSTILE_HTML, kind="html", url="https://evil.example/x?a=\"><b>",
                    published="2024-03-11"),
        ])
    return path
