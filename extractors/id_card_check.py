"""Cross-checks of printed card fields against the chip-card QR and the MRZ, plus validation.

Agreement raises a field's confidence; disagreement records an error code in the
field and in the document errors.  QR text is digital (error-corrected), the MRZ
is check-digit verified: when they disagree with OCR, they usually win.
"""
from __future__ import annotations

import logging
import re
from datetime import date

from sohoa.extractors.common.normalize import fold, iso, name_key, normalize_sex, parse_date
from sohoa.extractors.common.validators import validate_dates, validate_personal_id
from sohoa.extractors.id_card_lines import simple_field
from sohoa.extractors.idnumber import expiry_errors, parse_personal_id
from sohoa.models.fields import Field

log = logging.getLogger(__name__)

AGREE_CONF = 0.99
MRZ_KEYS = ("id_number", "date_of_birth", "sex", "date_of_expiry")


def _ddmmyyyy(s: str) -> date | None:
    s = s.strip()
    return parse_date(f"{s[:2]}/{s[2:4]}/{s[4:]}") if re.fullmatch(r"\d{8}", s) else None


def parse_qr(text: str | None, page: int | None = None) -> dict[str, Field]:
    """Fields from chip-card QR text ``id|old_id|name|ddmmyyyy|sex|address|issue ddmmyyyy``."""
    parts = (text or "").split("|")
    if len(parts) < 6 or not re.fullmatch(r"\d{12}", parts[0].strip()):
        return {}
    def f(value, norm=None):
        return simple_field(value, norm, AGREE_CONF, "qr", page)
    out = {"id_number": f(parts[0].strip(), parts[0].strip())}
    if parts[2].strip():
        out["full_name"] = f(parts[2].strip().upper())
    if (dob := _ddmmyyyy(parts[3])) is not None:
        out["date_of_birth"] = f(dob.strftime("%d/%m/%Y"), iso(dob))
    if normalize_sex(parts[4]):
        out["sex"] = f(parts[4].strip(), normalize_sex(parts[4]))
    if parts[5].strip():
        out["place_of_residence"] = f(parts[5].strip())
    if len(parts) > 6 and (issue := _ddmmyyyy(parts[6])) is not None:
        out["date_of_issue"] = f(issue.strftime("%d/%m/%Y"), iso(issue))
    return out


def _same(key: str, a: Field, b: Field) -> bool:
    if a.normalized is not None and b.normalized is not None:
        return str(a.normalized) == str(b.normalized)
    ka = re.sub(r"[\s,.;:-]+", " ", name_key(a.value or "")).strip()
    kb = re.sub(r"[\s,.;:-]+", " ", name_key(b.value or "")).strip()
    return ka == kb


def apply_qr(fields: dict[str, Field], qr: dict[str, Field], errors: list[str]) -> None:
    """Cross-check printed fields with the QR; QR fills and (on mismatch) replaces."""
    for key, qf in qr.items():
        printed = fields.get(key)
        if printed is None:
            fields[key] = qf.model_copy(update={"confidence": 0.97})
        elif _same(key, printed, qf):
            printed.confidence = max(printed.confidence, AGREE_CONF)
            printed.value = qf.value if key in ("place_of_residence", "full_name") else printed.value
        else:
            log.debug("QR disagrees with printed %s", key)
            errors.append(f"qr_mismatch:{key}")
            fields[key] = qf.model_copy(update={"confidence": 0.9, "errors": ["qr_mismatch"]})


def _mrz_name(value: str | None) -> str:
    return re.sub(r"<+", " ", value or "").strip().upper()


def apply_mrz(fields: dict[str, Field], mrz: dict[str, Field], errors: list[str], *,
              fill: bool = True, keys: tuple[str, ...] = MRZ_KEYS) -> None:
    """Cross-check ``keys`` (id number, dates, sex) and the diacritic-free name with the MRZ."""
    if "mrz" in mrz:
        fields["mrz"] = mrz["mrz"]
    composite_ok = "mrz" in mrz and not mrz["mrz"].errors
    for key in keys:
        mf, printed = mrz.get(key), fields.get(key)
        if mf is None or mf.normalized in (None, ""):
            # an expiry of fillers is "no expiry": it confirms a printed "Không thời hạn"
            if mf is not None and printed is not None and printed.normalized is None and key == "date_of_expiry" \
                    and composite_ok and set(mf.value or "") <= {"<"}:
                printed.confidence = max(printed.confidence, AGREE_CONF)
            continue
        trusted = composite_ok and mf.confidence >= 0.9 and not mf.errors and _plausible(key, mf)
        if printed is None:
            if fill and trusted:
                fields[key] = _from_mrz(key, mf)
        elif _same(key, printed, mf):
            printed.confidence = max(printed.confidence, AGREE_CONF if trusted else printed.confidence)
        else:
            errors.append(f"mrz_mismatch:{key}")
            if trusted and printed.confidence < 0.97:
                fields[key] = _from_mrz(key, mf).model_copy(update={"confidence": 0.85,
                                                                    "errors": ["mrz_mismatch"]})
            else:
                printed.errors.append("mrz_mismatch")
                printed.confidence = min(printed.confidence, 0.5)
    _check_name(fields.get("full_name"), mrz.get("full_name"), fields.get("mrz"), errors)


def _plausible(key: str, mf: Field) -> bool:
    norm = str(mf.normalized or "")
    if key.startswith("date_"):
        return re.fullmatch(r"\d{4}-\d{2}-\d{2}", norm) is not None
    if key in ("id_number", "personal_id"):
        return re.fullmatch(r"\d{9}|\d{12}", norm) is not None
    if key == "sex":
        return norm in ("M", "F")
    return bool(norm)


def _from_mrz(key: str, mf: Field) -> Field:
    """An MRZ field as a contract field (dates printed DD/MM/YYYY)."""
    update = {"source": "mrz"}
    if key.startswith("date_") and mf.normalized:
        update["value"] = date.fromisoformat(str(mf.normalized)).strftime("%d/%m/%Y")
    return mf.model_copy(update=update)


def _check_name(printed: Field | None, mf: Field | None, zone: Field | None, errors: list[str]) -> None:
    """Diacritic-free printed name vs MRZ name line (which has no check digit)."""
    if printed is None or mf is None or not mf.value:
        return
    want = _mrz_name(mf.value)
    got = re.sub(r"[^A-Z ]", "", fold(printed.value or "").upper()).strip()
    got = re.sub(r"\s+", " ", got)
    if got and want and (got == want or (len(want) >= 28 and got.startswith(want))):
        # the MRZ confirms the letters, not the diacritics
        printed.confidence = max(printed.confidence, min(0.95, printed.confidence + 0.1))
        return
    errors.append("mrz_mismatch:full_name")
    if printed.confidence >= AGREE_CONF and zone is not None:  # confirmed by the QR: the MRZ line is misread
        zone.errors.append("mrz_name_mismatch")
        zone.confidence = min(zone.confidence, 0.6)
    else:
        printed.errors.append("mrz_mismatch")
        printed.confidence = min(printed.confidence, 0.5)


def _date(f: Field | None) -> date | None:
    if f is None or not f.normalized:
        return None
    try:
        return date.fromisoformat(str(f.normalized))
    except ValueError:
        return None


def derive_sex(fields: dict[str, Field]) -> None:
    """Sex from the century/sex digit of the 12-digit number when the printed one is unreadable."""
    idf = fields.get("id_number")
    pid = parse_personal_id(idf.normalized) if idf is not None and "sex" not in fields else None
    if pid is None or not pid.known_province:
        return
    fields["sex"] = Field(value="Nam" if pid.sex == "M" else "Nữ", normalized=pid.sex,
                          confidence=round(min(0.85, idf.confidence), 3), page=idf.page, source="id_number")


_SUSPECTS = {"id_birth_year_mismatch": ("id_number", "date_of_birth"), "id_sex_mismatch": ("id_number", "sex"),
             "expiry_not_on_birthday": ("date_of_expiry", "date_of_birth")}


def _flag(fields: dict[str, Field], code: str, errors: list[str], default: str) -> None:
    """Record ``code``; every field that may be the misread one (not confirmed by QR/MRZ) loses
    its confidence."""
    errors.append(code)
    keys = [k for k in _SUSPECTS.get(code, (default,)) if k in fields]
    unconfirmed = [k for k in keys if fields[k].confidence < AGREE_CONF] or keys
    for key in unconfirmed:
        fields[key].errors.append(code)
        fields[key].confidence = min(fields[key].confidence, 0.5)


def validate(fields: dict[str, Field], card_model: str, errors: list[str]) -> None:
    """ID structure vs sex/birth year, chip-card expiry birthday, date order."""
    idf, sex = fields.get("id_number"), fields.get("sex")
    birth, expiry = _date(fields.get("date_of_birth")), _date(fields.get("date_of_expiry"))
    if idf is not None:
        for code in validate_personal_id(idf.normalized, date_of_birth=birth,
                                         sex=sex.normalized if sex else None):
            if code != "id_missing":
                _flag(fields, code, errors, "id_number")
    for code in expiry_errors(birth, expiry, card_model):
        _flag(fields, code, errors, "date_of_expiry")
    errors.extend(validate_dates(birth, _date(fields.get("date_of_issue")), expiry))
