"""Property-based run of the OpenAPI contract: no 5xx, responses match their schemas (bounded, < 60 s)."""
from __future__ import annotations

import time

import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error, response_schema_conformance

EXAMPLES = 12
BUDGET = 55.0
CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]


def _role(path: str, method: str) -> str:
    if path.startswith("/api/v1/keys") or path in ("/api/v1/audit", "/api/v1/settings"):
        return "admin"
    if path.startswith("/api/v1/reports") or path.endswith("/review"):
        return "archivist"
    return "province"


def test_openapi_contract_holds(embedded, digitized):
    api = embedded
    schema = schemathesis.openapi.from_url(api.url + "/api/v1/openapi.json")
    started, failures, ran = time.monotonic(), [], 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if time.monotonic() - started > BUDGET:
            break
        headers = {"Authorization": f"Bearer {api.keys[_role(operation.path, operation.method.lower())]}"}

        @given(case=operation.as_strategy())
        @settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                  phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))
        def run(case):
            case.call_and_validate(base_url=api.url, headers=headers, checks=CHECKS, timeout=30)

        try:
            run()
            ran += 1
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.method.upper()} {operation.path}: {str(exc)[:600]}")
    assert not failures, "\n\n".join(failures)
    assert ran >= 15
