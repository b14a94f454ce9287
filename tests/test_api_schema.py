"""Property-based tests generated from the OpenAPI schema (schemathesis) against the ASGI app.

Bounded (a few examples per operation) so the suite stays fast; every check schemathesis
has runs: no server errors, statuses, content types and bodies as the schema documents,
and 401 for requests without the key (the app here has one). Only "schema-valid data is
accepted" is left out: a file without a known extension, or an export this server lacks,
fits the schema and is still rightly refused (422, 406).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import schemathesis
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import positive_data_acceptance
from hypothesis import HealthCheck, settings

from transalign.api.app import create_app
from transalign.api.settings import Settings, hash_key

_data = tempfile.TemporaryDirectory(prefix="transalign-schema-")
KEY = "schema-test-key"
app = create_app(Settings(data_dir=Path(_data.name) / "data", use_model=False, sync_timeout=20, api_key_hashes=frozenset({hash_key(KEY)})))
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@pytest.fixture(scope="module", autouse=True)
def _cleanup():
    yield
    schemathesis.python.asgi.shutdown_lifespans()
    _data.cleanup()


@schema.parametrize()
@settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
def test_api_conforms_to_its_schema(case):
    excluded = [positive_data_acceptance]
    if case.path == "/readyz":  # 503 is its documented answer while the worker processes start
        excluded.append(not_a_server_error)
    case.call_and_validate(headers={"Authorization": f"Bearer {KEY}"}, excluded_checks=excluded)
