"""Verification report data and its human-readable form (no pyhanko here)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

VALID, UNTRUSTED = "VALID", "UNTRUSTED"


@dataclass
class SignatureReport:
    field_name: str
    kind: str = "signature"            # signature | doc-timestamp
    signer: str | None = None
    signing_time: str | None = None    # ISO 8601, as claimed by the signer
    timestamp: str | None = None       # ISO 8601 of the signature timestamp token, if any
    timestamp_ok: bool | None = None
    integrity_ok: bool = False
    trust_ok: bool = False
    modification_level: str | None = None
    coverage: str | None = None
    reason: str | None = None
    verdict: str = "INVALID: not checked"

    @property
    def valid(self) -> bool:
        return self.verdict == VALID


@dataclass
class VerificationReport:
    signatures: list[SignatureReport] = field(default_factory=list)
    error: str | None = None  # set when the file could not be read at all

    @property
    def verdict(self) -> str:
        if self.error:
            return f"INVALID: {self.error}"
        if not self.signatures:
            return "INVALID: no signatures"
        for sig in self.signatures:
            if sig.verdict.startswith("INVALID"):
                return f"INVALID: {sig.field_name}: {sig.verdict.split(': ', 1)[-1]}"
        if any(sig.verdict == UNTRUSTED for sig in self.signatures):
            return UNTRUSTED
        return VALID

    @property
    def valid(self) -> bool:
        return self.verdict == VALID

    def to_dict(self) -> dict:
        return {"verdict": self.verdict, "error": self.error,
                "signatures": [asdict(s) for s in self.signatures]}


def verdict_for(sig: SignatureReport) -> str:
    if not sig.integrity_ok:
        return "INVALID: document or signature bytes were altered"
    if sig.modification_level == "OTHER":
        return "INVALID: disallowed modifications after signing"
    if sig.coverage not in ("ENTIRE_FILE", "ENTIRE_REVISION"):
        return f"INVALID: signature does not cover the revision ({sig.coverage})"
    if sig.timestamp_ok is False:
        return "INVALID: signature timestamp is invalid"
    if not sig.trust_ok:
        return UNTRUSTED
    return VALID


def _yes(flag: bool | None) -> str:
    return {True: "yes", False: "no", None: "-"}[flag]


def format_report(report: VerificationReport) -> str:
    """Plain text for ``sohoa verify FILE``."""
    lines = [f"Verdict: {report.verdict}"]
    for i, sig in enumerate(report.signatures, 1):
        lines += [
            f"[{i}] {sig.kind} {sig.field_name}: {sig.verdict}",
            f"    signer:        {sig.signer or '-'}",
            f"    signing time:  {sig.signing_time or '-'}",
            f"    timestamp:     {sig.timestamp or '-'} (valid: {_yes(sig.timestamp_ok)})",
            f"    integrity:     {_yes(sig.integrity_ok)}   trusted chain: {_yes(sig.trust_ok)}",
            f"    modifications: {sig.modification_level or '-'}   coverage: {sig.coverage or '-'}",
        ]
        if sig.reason:
            lines.append(f"    reason:        {sig.reason}")
    return "\n".join(lines)
