from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = SHARED / "data"
    if not path.exists():
        pytest.fail(f"shared corpora not found at {path}")
    return path


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SHARED / "seeds" / "000_75861da35d80617c.txt"


@pytest.fixture(scope="session")
def fixtures() -> Path:
    return REPO / "tests" / "fixtures"
