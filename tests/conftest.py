"""Shared fixtures. Tests that read ../shared skip with a reason where it is absent (a user's
machine) and fail in CI, where EVENTWIRE_REQUIRE_SHARED=1 is set by .ci/run."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "examples" / "seed.txt").exists():
        if os.environ.get("EVENTWIRE_REQUIRE_SHARED"):
            pytest.fail(f"../shared is required here but missing: {SHARED}")
        pytest.skip(f"../shared not found at {SHARED}: answer-key tests need it")
    return SHARED


@pytest.fixture(scope="session")
def cli() -> list[str]:
    """The installed console script (tests run it as a user would)."""
    exe = shutil.which("eventwire", path=str(Path(sys.executable).parent))
    assert exe, "eventwire console script is not installed in this environment"
    return [exe]


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the bundled examples and two hostile articles (see ``web_store.py``)."""
    from web_store import build

    return build(tmp_path_factory.mktemp("web") / "web.db")
