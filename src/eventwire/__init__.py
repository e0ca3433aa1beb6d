"""eventwire: evidence-linked records of political and conflict events from news pages.

Library entry points: :func:`extract_text` / :func:`extract_file` for one document,
:class:`Pipeline` for batches, :class:`Store` for the SQLite store.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("eventwire")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"
