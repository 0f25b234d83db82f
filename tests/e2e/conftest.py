"""A live ``saidwhat serve`` app on loopback and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from saidwhat.serve import Settings, create_app
from saidwhat.serve.demo import load_samples
from saidwhat.serve.live import Live, running

TOKEN = "e2e-token-0123456789"
REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts"
INJECTION = REPO / "tests" / "fixtures" / "serve" / "injection.txt"


def chromium_executable() -> str:
    """``$SAIDWHAT_CHROMIUM``, else Debian's ``chromium`` (installed by .ci/setup.d/30-chromium.sh)."""
    path = os.environ.get("SAIDWHAT_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.fail("Chromium not found: run .ci/setup.d/30-chromium.sh or set SAIDWHAT_CHROMIUM")
    return path


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    db = str(tmp_path_factory.mktemp("e2e") / "e2e.db")
    load_samples(db)
    with running(create_app(Settings(db=db, token=TOKEN))) as base:
        # The hostile article goes in the way a client would send it: over HTTP, with the token.
        response = httpx.post(
            f"{base}/api/documents",
            json={
                "text": INJECTION.read_text(encoding="utf-8"),
                "source": "injection.txt",
                "outlet": "Hostile Daily",
            },
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )
        assert response.status_code == 201, response.text
        created = response.json()
        yield Live(
            base=base, injection_article=created["article_id"], injection_quotations=created["quotations"]
        )


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(
            executable_path=chromium_executable(),
            headless=True,
            # Containers often lack a user namespace sandbox and a large /dev/shm.
            args=["--no-sandbox", "--disable-dev-shm-usage"],
        )
        try:
            yield instance
        finally:
            instance.close()
