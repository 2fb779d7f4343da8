"""sync/protocol.py: canonical JSON bytes, Ed25519 against RFC 8032 vectors, signed envelopes."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sync import protocol

# RFC 8032 §7.1, TEST 2 (one-byte message 0x72).
RFC_SECRET = bytes.fromhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
RFC_PUBLIC = bytes.fromhex("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c")
RFC_SIGNATURE = bytes.fromhex(
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
    "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
)


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert protocol.canonical_json({"b": 1, "a": {"z": "云办", "y": [1, 2.5, None, True]}}) == (
        '{"a":{"y":[1,2.5,null,true],"z":"云办"},"b":1}'.encode()
    )
    payload = {"姓名": "张三", "n": 1}
    assert protocol.content_hash(payload) == hashlib.sha256(protocol.canonical_json(payload)).hexdigest()


@settings(max_examples=60, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(), lambda c: st.lists(c) | st.dictionaries(st.text(), c)
    )
)
def test_canonical_json_does_not_depend_on_key_order(value: object) -> None:
    if isinstance(value, dict):
        reordered = dict(reversed(list(value.items())))
        assert protocol.canonical_json(reordered) == protocol.canonical_json(value)


def test_ed25519_matches_rfc8032_vector() -> None:
    signer = protocol.load_signer("ed25519", RFC_SECRET)
    assert signer.public_key_bytes() == RFC_PUBLIC
    assert signer.sign(b"\x72") == RFC_SIGNATURE
    verifier = protocol.make_verifier("ed25519", RFC_PUBLIC)
    assert verifier.verify(b"\x72", RFC_SIGNATURE)
    assert not verifier.verify(b"\x73", RFC_SIGNATURE)


def test_envelope_round_trip_and_tamper_detection() -> None:
    signer = protocol.generate_signer()
    envelope = protocol.sign_envelope(signer, {"kind": "changes", "名称": "最低生活保障"})
    assert protocol.verify_envelope(signer.verifier(), envelope) == envelope["page"]
    envelope["page"]["名称"] = "篡改"
    with pytest.raises(protocol.SignatureError):
        protocol.verify_envelope(signer.verifier(), envelope)
    with pytest.raises(protocol.ProtocolError):
        protocol.verify_envelope(signer.verifier(), {"page": {}, "signature": "***"})
    with pytest.raises(protocol.ProtocolError):
        protocol.verify_envelope(signer.verifier(), ["not", "an", "envelope"])


def test_unknown_algorithms_and_bad_keys_are_refused() -> None:
    with pytest.raises(protocol.SignatureError, match="unsupported"):
        protocol.make_verifier("sm2", b"k" * 64)
    with pytest.raises(protocol.SignatureError, match="unsupported"):
        protocol.generate_signer("rsa")
    with pytest.raises(protocol.ProtocolError, match="32 bytes"):
        protocol.make_verifier("ed25519", b"short")
    with pytest.raises(protocol.ProtocolError, match="base64"):
        protocol.b64decode("not base64!")


def test_status_transitions_end_at_delivered() -> None:
    # A counter's decision (issue 14): 受理, 不予受理, or 待补正 (补正材料通知书), which returns to 已受理 or 不予受理.
    assert protocol.STATUS_TRANSITIONS[None] == ("已受理", "不予受理", "待补正")
    assert set(protocol.STATUS_TRANSITIONS["待补正"]) == {"已受理", "不予受理", "待补正"}
    assert protocol.STATUS_TRANSITIONS["已送达"] == ()
    reachable = {s for targets in protocol.STATUS_TRANSITIONS.values() for s in targets}
    assert reachable == set(protocol.STATUSES)
