"""The contract fields of ``passport`` / ``id_card`` read from an MRZ, with check-digit confidence."""
from __future__ import annotations

from datetime import date

from sohoa.extractors.mrz import ParsedMrz, parse_mrz
from sohoa.extractors.mrz_repair import repair_mrz
from sohoa.models.fields import Field


def mrz_date(yymmdd: str, kind: str, today: date | None = None) -> str | None:
    """ISO date; birth: the century that is not in the future; expiry: 20xx."""
    if len(yymmdd) != 6 or not yymmdd.isdigit():
        return None
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    today = today or date.today()
    year = 2000 + yy
    if kind == "birth" and date(year, 1, 1) > today:
        year -= 100
    try:
        return date(year, mm, dd).isoformat()
    except ValueError:
        return None


def _conf(ok: bool, base: float) -> float:
    return round(max(0.95, base) if ok else min(0.6, base), 3)


def mrz_fields(reading_or_lines, doc_type: str) -> dict[str, Field]:
    """Contract fields of ``passport`` / ``id_card`` filled from an MRZ."""
    lines = [str(x) for x in getattr(reading_or_lines, "lines", reading_or_lines)]
    if len(lines) not in (2, 3):
        return {}
    if not hasattr(reading_or_lines, "lines"):  # raw OCR rows: fixed length, look-alikes
        lines = repair_mrz(lines)
    base = float(getattr(reading_or_lines, "confidence", 0.9))
    p = parse_mrz(lines)
    joined = "\n".join(lines)

    def fld(value, normalized, check: str | None, errors=()):
        ok = p.checks.get(check, False) if check else p.checks_ok
        errs = list(errors) + ([] if ok else [f"mrz_check_failed:{check or 'composite'}"])
        return Field(value=value, normalized=normalized, confidence=_conf(ok, base),
                     errors=errs, source="mrz")

    out = {"mrz": fld(joined, joined, None)}
    name = " ".join(x for x in (p.surname, p.given_names) if x)
    out["full_name"] = fld(lines[-1] if p.format == "TD1" else lines[0][5:], name, "composite")
    out["date_of_birth"] = fld(p.birth_date, mrz_date(p.birth_date, "birth"), "birth_date")
    out["date_of_expiry"] = fld(p.expiry_date, mrz_date(p.expiry_date, "expiry"), "expiry_date")
    sex = p.sex if p.sex in ("M", "F") else None
    out["sex"] = fld(p.sex, sex, "composite")
    personal = _personal_number(p)
    if doc_type == "id_card":
        number = personal or p.document_number
        check = ("personal_number" if "personal_number" in p.checks else "composite") \
            if personal else "document_number"
        out["id_number"] = fld(number, number, check)
    else:
        out["passport_number"] = fld(p.document_number, p.document_number, "document_number")
        nat = "Việt Nam" if p.nationality == "VNM" else p.nationality.replace("<", "")
        out["nationality"] = fld(p.nationality, nat, "composite")
        if personal:
            out["personal_id"] = fld(personal, personal,
                                     "personal_number" if p.format == "TD3" else "composite")
    return out


def _personal_number(p: ParsedMrz) -> str | None:
    """The 12-digit personal number in the optional data (Vietnamese ID and passport)."""
    data = (p.optional_data or "").replace("<", "")
    if p.format == "TD1" and len(p.lines[0]) == 30:
        data = p.lines[0][15:27]
    return data if len(data) == 12 and data.isdigit() else None
