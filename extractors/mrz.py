"""ICAO 9303 machine-readable zones: layouts, check digits, parsing.

Pure functions (no OCR). Layouts: TD1 (3 x 30), TD2 (2 x 36), TD3 (2 x 44)
and the machine-readable visas MRV-B (2 x 36) / MRV-A (2 x 44), told apart
from TD2/TD3 by the document code ``V``. Repairing OCR output is in
``mrz_repair``, the contract fields in ``mrz_fields``.
"""
from __future__ import annotations

from dataclasses import dataclass, field

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

CHAR_VALUES = {**{str(d): d for d in range(10)}, **{chr(65 + i): 10 + i for i in range(26)}, "<": 0}


def check_digit(s: str) -> str:
    """The ICAO check digit of ``s`` (0-9 as is, A=10..Z=35, '<'=0; weights 7,3,1)."""
    total = 0
    for i, ch in enumerate(s):
        if ch not in CHAR_VALUES:
            raise ValueError(f"not an MRZ character: {ch!r}")
        total += CHAR_VALUES[ch] * (7, 3, 1)[i % 3]
    return str(total % 10)


def check_ok(data: str, digit: str) -> bool:
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
    checks["document_number"] = check_ok(number, num_check)
    checks["birth_date"] = check_ok(f["birth_date"], f["birth_check"])
    checks["expiry_date"] = check_ok(f["expiry_date"], f["expiry_check"])
    if "personal_check" in f:
        checks["personal_number"] = check_ok(f["optional"], f["personal_check"])
    if "vn_number" in f and f["vn_number"].isdigit():
        checks["personal_number"] = check_ok(f["vn_number"], f["vn_check"])
    if lay.composite:
        data = "".join(lines[li][a:b] for li, a, b in lay.composite)
        checks["composite"] = check_ok(data, f["composite_check"])
    surname, _, given = f["name"].partition("<<")
    return ParsedMrz(
        format=lay.name, document_code=f["document_code"].rstrip("<"),
        issuing_state=f["issuing_state"], document_number=number.rstrip("<"),
        optional_data=opt, optional_data_2=f.get("optional_2", ""),
        birth_date=f["birth_date"], sex=f["sex"], expiry_date=f["expiry_date"],
        nationality=f["nationality"], surname=surname.replace("<", " ").strip(),
        given_names=given.replace("<", " ").strip(), checks=checks, lines=list(lines))
