"""A short schemathesis run against our OpenAPI spec: no input may cause a server error."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402

from sitreps.api import create_app  # noqa: E402
from sitreps.config import load_settings  # noqa: E402


@pytest.fixture(scope="module")
def app(demo_db: str):  # type: ignore[no-untyped-def]
    return create_app(demo_db, load_settings(env={}).replace(api_token="t"))


def test_no_server_errors(app) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    for op in schema.get_all_operations():
        operation = op.ok()

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case) -> None:  # type: ignore[no-untyped-def]
            response = case.call()
            if response.status_code >= 500:
                failures.append((case.method, case.path, case.query, response.status_code))

        check()
    assert failures == []
