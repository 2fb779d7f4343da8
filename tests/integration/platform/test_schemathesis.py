"""Issue 11 proof: schemathesis drives the reference platform, a real uvicorn server on loopback, with requests
generated from docs/platform-api.yaml (valid and invalid ones) and checks every answer: no 5xx, every status code and
body as documented, and every request the document calls invalid refused with a 4xx.

Authentication is real (a terminal enrolled in the fixture); generated records are re-hashed and signed with that
terminal's key when their shape allows, so some are stored, not only refused. Bounded: a fixed number of examples per
operation, derandomized, about half a minute in all.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis import GenerationMode
from schemathesis.specs.openapi import checks as openapi_checks

from sync import protocol
from tests.support.platform import InProcessPlatform, TestTerminal

DOC = Path(__file__).resolve().parents[3] / "docs" / "platform-api.yaml"
EXAMPLES = 60

schema = schemathesis.openapi.from_path(DOC)
schema.config.generation.update(modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
# A refusal is any documented 4xx: 413 (a declared size over the limit) included.
schema.config.checks.negative_data_rejection.expected_statuses = ["400", "401", "403", "404", "405", "409", "413",
                                                                  "415", "422", "429"]  # fmt: skip

CHECKS = [
    schemathesis.checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
]


@pytest.fixture(scope="module")
def enrolled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[InProcessPlatform, TestTerminal]]:
    with InProcessPlatform(tmp_path_factory.mktemp("schemathesis")) as platform:
        terminal = TestTerminal(platform.url, platform.enroll_code())
        terminal.upload(b"an attachment the generated records may name " * 100)
        yield platform, terminal
        terminal.close()


def sign_if_possible(case: Any, terminal: TestTerminal) -> None:
    """Give a generated record the right content hash and envelope signature (when its fields have the types for
    it), so the generator also reaches the store, not only the validators."""
    body = case.body
    if not isinstance(body, dict) or not isinstance(body.get("payload"), dict):
        return
    try:
        body["content_hash"] = protocol.content_hash(body["payload"])
        envelope = protocol.record_envelope_bytes(
            record_id=body["record_id"],
            kind=body["kind"],
            receipt_no=body.get("receipt_no"),
            sequence=body["sequence"],
            terminal_id=terminal.terminal_id,
            content_hash_hex=body["content_hash"],
        )
    except (KeyError, TypeError, ValueError):
        return
    body["envelope_signature"] = protocol.b64encode(terminal.signer.sign(envelope))
    body.pop("signature", None)


@schema.parametrize()
@hypothesis.settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_platform_conforms_to_its_document(case: Any, enrolled: tuple[InProcessPlatform, TestTerminal]) -> None:
    platform, terminal = enrolled
    if case.operation.path == "/v1/records" and case.meta.generation.mode == GenerationMode.POSITIVE:
        sign_if_possible(case, terminal)
    headers = dict(case.headers or {})
    if case.operation.path not in ("/v1/health", "/v1/enroll"):
        headers.update(terminal.headers)
    case.call_and_validate(base_url=platform.url, headers=headers, checks=CHECKS, timeout=30)
