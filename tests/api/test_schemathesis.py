"""A short schemathesis run against our OpenAPI spec: no input may cause a server error, and
every response has a status code, content type and body the schema declares."""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import (  # noqa: E402
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from sitreps.api import create_app  # noqa: E402
from sitreps.config import load_settings  # noqa: E402

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture(scope="module")
def app(demo_db: str):  # type: ignore[no-untyped-def]
    # schemathesis calls the app as http://testserver.
    s = load_settings(env={}).replace(api_token="t", allowed_hosts=("testserver", "localhost"))
    return create_app(demo_db, s)


def test_no_server_errors_and_responses_match_the_schema(app) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    for op in schema.get_all_operations():
        operation = op.ok()

        @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def check(case) -> None:  # type: ignore[no-untyped-def]
            try:
                case.call_and_validate(checks=CHECKS)
            except Exception as exc:  # collect every operation's failures, then report
                failures.append((case.method, case.path, case.query, str(exc)[:500]))

        check()
    assert failures == []
