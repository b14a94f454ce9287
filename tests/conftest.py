"""Shared fixtures. `test_model`: the small Marian model built from the fixture pairs; `postgres`: a throwaway PostgreSQL server.

Built once per checkout by models/build_test_model.py (about half a minute on two cores)
and rebuilt only when the fixture text or the recipe changes.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from models import build_test_model as builder
from tests.postgres import Cluster, Unavailable

GOLD = Path(os.environ.get("TRANSALIGN_TEST_GOLD") or builder.DEFAULT_GOLD)


@pytest.fixture(scope="session")
def test_model() -> Path:
    if not GOLD.exists():
        pytest.skip(f"{GOLD} is missing: the test model is built from it")
    if not builder.is_current(builder.DEFAULT_OUT, GOLD):
        builder.build(GOLD, builder.DEFAULT_OUT)
    return builder.DEFAULT_OUT


@pytest.fixture(scope="session")
def postgres() -> Iterator[Cluster]:
    """A throwaway PostgreSQL server for the session (tests/postgres.py); where it cannot run, its tests are skipped and say why."""
    try:
        cluster = Cluster()
    except Unavailable as why:
        message = f"PostgreSQL job store tests skipped: {why}"
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    yield cluster
    cluster.stop()
