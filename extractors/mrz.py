"""ICAO 9303 machine-readable zones: check digits, parsing, repair, contract fields.

Pure functions (no OCR): ``check_digit``, ``parse_mrz``, ``repair_mrz`` and
``mrz_fields``.  Layouts: TD1 (3 x 30), TD2 (2 x 36), TD3 (2 x 44) and the
machine-readable visas MRV-B (2 x 36) / MRV-A (2 x 44), told apart from
TD2/TD3 by the document code ``V``.
"""
from __future__ import annotations

import itertools
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date

from sohoa.models.fields import Field

LENGTHS = {3: 30, 2: 44}
TO_DIGIT = {"O": "0", "D": "0", "Q": "0", "U": "0", "I": "1", "L": "1", "T": "1", "Z": "2",
            "S": "5", "B": "8", "G": "6", "A": "4"}
TO_ALPHA = {"0": "O", "1": "I", "2": "Z", "5": "S", "8": "B", "6": "G", "4": "A", "7": "T"}
# field: (line, start, end) -- 0-based, end exclusive; kinds: A letters, N digits, X both
_TD1 = {"document_code": (0, 0, 2), "issuing_state": (0, 2, 5), "document_number": (0, 5, 14),
        "number_check": (0, 14, 15), "optional": (0, 15, 30), "birth_date": (1, 0, 6),
        "birth_check": (1, 6, 7), "sex": (1, 7, 8), "expiry_date": (1, 8, 14),
        "expiry_check": (1, 14, 15), "nationality": (1, 15, 18), "optional_2": (1, 18, 29),
        "composite_check": (1, 29, 30), "name": (2, 0, 30)}
_L1 = {"document_code": (0, 0, 2), "issuing_state": (0, 2, 5)}
_L2 = {"document_number": (1, 0, 9), "number_check": (1, 9, 10), "nationality": (1, 10, 13),
       "birth_date": (1, 13, 19), "birth_check": (1, 19, 20), "sex": (1, 20, 21),
       "expiry_date": (1, 21, 27), "expiry_check": (1, 27, 28)}
_TD2 = {**_L1, "name": (0, 5, 36), **_L2, "optional": (1, 28, 35), "composite_check": (1, 35, 36)}
_TD3 = {**_L1, "name": (0, 5, 44), **_L2, "optional": (1, 28, 42), "personal_check": (1, 42, 43),
        "composite_check": (1, 43, 44)}
_MRVB = {**_L1, "name": (0, 5, 36), **_L2, "optional": (1, 28, 36)}
_MRVA = {**_L1, "name": (0, 5, 44), **_L2, "optional": (1, 28, 44)}
_KIND = {"document_code": "A", "issuing_state": "A", "nationality": "A", "name": "A", "sex": "A",
         "birth_date": "N", "expiry_date": "N", "birth_check": "N", "expiry_check": "N",
         "number_check": "N", "personal_check": "N", "composite_check": "N"}
_COMPOSITE = {"TD1": [(0, 5, 30), (1, 0, 7), (1, 8, 15), (1, 18, 29)],
              "TD2": [(1, 0, 10), (1, 13, 20), (1, 21, 35)],
              "TD3": [(1, 0, 10), (1, 13, 20), (1, 21, 43)]}


@dataclass
class Layout:
    name: str
    fields: dict[str, tuple[int, int, int]]
    composite: list[tuple[int, int, int]]
    kinds: list[str]             # per line: one kind letter per position
    checked: list[tuple[str, str, str]]


def layout_for(lines: list[str]) -> Layout:
    n = len(lines[0]) if lines else 0
    visa = bool(lines) and lines[0][:1] == "V"
    if len(lines) == 3:
        name, fields = "TD1", _TD1
    elif n <= 40:
        name, fields = ("MRVB", _MRVB) if visa else ("TD2", _TD2)
    else:
        name, fields = ("MRVA", _MRVA) if visa else ("TD3", _TD3)
    width = {"TD1": 30, "TD2": 36, "MRVB": 36}.get(name, 44)
    kinds = [["X"] * width for _ in lines]
    for key, (li, a, b) in fields.items():
        for i in range(a, b):
            kinds[li][i] = _KIND.get(key, "X")
    kinds[0][1] = "X"  # second letter of the document code: letter, digit or '<' in practice
    checked = [("document_number", "number_check", "X"), ("birth_date", "birth_check", "N"),
               ("expiry_date", "expiry_check", "N")]
    if "personal_check" in fields:
        checked.append(("optional", "personal_check", "X"))
    if name == "TD1" and lines[0][2:5] == "VNM":
        # Vietnamese ID: positions 16-27 hold the 12-digit number, 30 its check digit (inferred
        # from public samples, verified on every one seen)
        fields = {**fields, "vn_number": (0, 15, 27), "vn_check": (0, 29, 30)}
        for i in list(range(15, 27)) + [29]:
            kinds[0][i] = "N"
        checked.append(("vn_number", "vn_check", "N"))
    return Layout(name, fields, _COMPOSITE.get(name, []), ["".join(k) for k in kinds], checked)

_VALUES = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(s: str) -> str:
    """The ICAO check digit of ``s`` (0-9 as is, A=10..Z=35, '<'=0; weights 7,3,1)."""
    total = 0
    for i, ch in enumerate(s):
        if ch not in _VALUES:
            raise ValueError(f"not an MRZ character: {ch!r}")
        total += _VALUES[ch] * (7, 3, 1)[i % 3]
    return str(total % 10)


def _check_ok(data: str, digit: str) -> bool:
    if digit == "<":  # an empty optional field may carry '<' as its check digit
        return set(data) <= {"<"}
    try:
        return check_digit(data) == digit
    except ValueError:
        return False


@dataclass
class ParsedMrz:
    format: str                      # TD1 | TD2 | TD3 | MRVA | MRVB
    document_code: str
    issuing_state: str
    document_number: str
    optional_data: str
    optional_data_2: str
    birth_date: str                  # YYMMDD as printed
    sex: str
    expiry_date: str
    nationality: str
    surname: str
    given_names: str
    checks: dict[str, bool] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list)

    @property
    def checks_ok(self) -> bool:
        return bool(self.checks) and all(self.checks.values())


def _fix_long_number(number: str, check: str, optional: str) -> tuple[str, str, str]:
    """TD1/TD2: a number longer than 9 goes on in the optional field ('<' as check)."""
    if check != "<" or not optional.strip("<"):
        return number, check, optional
    head = optional.split("<", 1)[0]
    if len(head) < 2:
        return number, check, optional
    return number + head[:-1], head[-1], optional[len(head):]


def parse_mrz(lines: list[str]) -> ParsedMrz:
    """Splits the lines into fields and verifies every check digit."""
    lay = layout_for(lines)
    f = {name: lines[li][a:b] for name, (li, a, b) in lay.fields.items()}
    checks = {}
    number, num_check, opt = f["document_number"], f["number_check"], f.get("optional", "")
    if lay.name in ("TD1", "TD2", "MRVB"):
        number, num_check, opt = _fix_long_number(number, num_check, opt)
    checks["document_number"] = _check_ok(number, num_check)
    checks["birth_date"] = _check_ok(f["birth_date"], f["birth_check"])
    checks["expiry_date"] = _check_ok(f["expiry_date"], f["expiry_check"])
    if "personal_check" in f:
        checks["personal_number"] = _check_ok(f["optional"], f["personal_check"])
    if "vn_number" in f and f["vn_number"].isdigit():
        checks["personal_number"] = _check_ok(f["vn_number"], f["vn_check"])
    if lay.composite:
        data = "".join(lines[li][a:b] for li, a, b in lay.composite)
        checks["composite"] = _check_ok(data, f["composite_check"])
    surname, _, given = f["name"].partition("<<")
    return ParsedMrz(
        format=lay.name, document_code=f["document_code"].rstrip("<"),
        issuing_state=f["issuing_state"], document_number=number.rstrip("<"),
        optional_data=opt, optional_data_2=f.get("optional_2", ""),
        birth_date=f["birth_date"], sex=f["sex"], expiry_date=f["expiry_date"],
        nationality=f["nationality"], surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(), checks=checks, lines=list(lines))


# ---------------------------------------------------------------- repair

def _retype(ch: str, kind: str, alts: dict[str, float] | None) -> str:
    """Forces one character into its field's alphabet, preferring the recognizer's alternatives."""
    ok = {"A": str.isalpha, "N": str.isdigit}.get(kind)
    if ok is None or ch == "<" or ok(ch):
        return ch
    if alts:
        good = [(p, c) for c, p in alts.items() if c == "<" or ok(c)]
        if good and max(good)[0] > 0.02:
            return max(good)[1]
    if kind == "A":  # a digit where a letter belongs: only 0/O is a safe guess
        return "O" if ch == "0" else ch
    return TO_DIGIT.get(ch, ch)


_SWAP_COST = {frozenset(p): c for p, c in [("O0", 0.2), ("D0", 0.6), ("Q0", 0.8), ("I1", 0.3),
              ("B8", 0.5), ("S5", 0.5), ("Z2", 0.5), ("G6", 0.6), ("A4", 0.9), ("T7", 0.9)]}


def _options(ch: str, kind: str, alts: dict[str, float] | None) -> list[tuple[str, float]]:
    """Other readings of one character, with a cost (lower = more plausible)."""
    opts = {}
    for pair, cost in _SWAP_COST.items():
        if ch in pair:
            other = next(iter(pair - {ch}))
            opts[other] = cost
    if alts:
        cur = max(alts.get(ch, 0.0), 1e-3)
        for c, p in alts.items():
            if c != ch:
                opts[c] = min(opts.get(c, 9.0), max(0.05, math.log(cur / max(p, 1e-4)) / 3))
    allowed = str.isdigit if kind == "N" else (lambda c: c.isalnum() or c == "<")
    return [(c, k) for c, k in opts.items() if allowed(c)]


def _type_penalty(text: str, i: int, new: str) -> float:
    """Swapping a character into the other type (letter/digit) than both neighbours costs more."""
    near = [text[j] for j in (i - 1, i + 1) if 0 <= j < len(text) and text[j] != "<"]
    return 1.0 if near and all(c.isdigit() != new.isdigit() for c in near) else 0.0


def _best_fix(text: str, kind: str, verify, alts: list | None, max_changes: int = 2,
              max_cost: float = 1.2) -> str | None:
    """The cheapest variant of ``text`` (up to ``max_changes`` swaps) that ``verify`` accepts."""
    spots = [(i, [(c, k + _type_penalty(text, i, c)) for c, k in o]) for i, ch in enumerate(text)
             for o in [_options(ch, kind, alts[i] if alts and i < len(alts) else None)] if o]
    best: tuple[float, str] | None = (max_cost, "")
    for k in range(1, min(max_changes, len(spots)) + 1):
        for combo in itertools.combinations(spots, k):
            for choice in itertools.product(*[o for _, o in combo]):
                cost = sum(c for _, c in choice)
                if best is not None and cost >= best[0]:
                    continue
                chars = list(text)
                for (i, _), (c, _) in zip(combo, choice):
                    chars[i] = c
                cand = "".join(chars)
                if verify(cand):
                    best = (cost, cand)
    return best[1] or None


def _repair_checked(lines: list[str], lay: Layout, probs=None) -> list[str]:
    """Swaps look-alikes inside checked fields until their check digit verifies."""
    rows = [list(line) for line in lines]
    for data_key, check_key, kind in lay.checked:
        li, a, b = lay.fields[data_key]
        ci, ca, _ = lay.fields[check_key]
        data, digit = "".join(rows[li][a:b]), rows[ci][ca]
        if _check_ok(data, digit):
            continue
        alts = probs[li][a:b] if probs and li < len(probs) else None
        fixed = _best_fix(data, kind, lambda cand: _check_ok(cand, digit), alts)
        if fixed is not None:
            rows[li][a:b] = list(fixed)
    return ["".join(r) for r in rows]


def _clear_name_tail(line: str, start: int) -> str:
    """After the first '<<<' of a name, only fillers can follow (K and '<' look alike)."""
    cut = line.find("<<<", start)
    return line if cut < 0 else line[:cut] + "<" * (len(line) - cut)


def _alpha_code(code: str) -> str:
    """A country code read with look-alike digits (UT0, S1<) when every digit has a letter twin."""
    if all(c.isalpha() or c == "<" or c in TO_ALPHA for c in code):
        return "".join(TO_ALPHA.get(c, c) for c in code)
    return code


def _clear_filler_runs(lines: list[str], lay: Layout) -> list[str]:
    """In optional data, runs like '<4<44<' are misread fillers ('<' read as 4, K or C)."""
    rows = [list(line) for line in lines]
    for key in ("optional", "optional_2"):
        if key not in lay.fields:
            continue
        li, a, b = lay.fields[key]
        for m in re.finditer(r"[<4KC]{4,}", lines[li][a:b]):
            if m.group().count("<") >= 2:
                rows[li][a + m.start():a + m.end()] = "<" * len(m.group())
    return ["".join(r) for r in rows]


def _ascii(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def repair_mrz(lines: list[str], probabilities: list[list[dict[str, float]]] | None = None) -> list[str]:
    """Pads/cuts to the fixed length, forces each field's alphabet, then fixes
    confusables (O/0, I/1, B/8, S/5, Z/2, G/6 ...) with the check digits."""
    lines = ["".join(c if c in _VALUES else "<" for c in _ascii(ln).upper().replace(" ", ""))
             for ln in lines]
    n = LENGTHS.get(len(lines), 30)
    if len(lines) == 2:
        n = min((36, 44), key=lambda k: abs(k - max(len(ln) for ln in lines)))
    lines = [(ln + "<" * n)[:n] for ln in lines]
    lay = layout_for(lines)
    out = []
    for li, line in enumerate(lines):
        kinds = lay.kinds[li]
        alts = probabilities[li] if probabilities and li < len(probabilities) else None
        chars = [_retype(c, kinds[i], alts[i] if alts and i < len(alts) else None)
                 for i, c in enumerate(line)]
        out.append("".join(chars))
    for key in ("issuing_state", "nationality"):
        li, a, b = lay.fields[key]
        out[li] = out[li][:a] + _alpha_code(out[li][a:b]) + out[li][b:]
    li, a, _ = lay.fields["name"]
    out[li] = _clear_name_tail(out[li], a)
    out = _clear_filler_runs(out, lay)
    return _repair_checked(out, lay, probabilities)


# ---------------------------------------------------------------- contract fields

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
