"""Repairing an OCR reading of an MRZ: fixed lengths, each field's alphabet,
look-alike characters (O/0, I/1, B/8, S/5, Z/2, G/6 ...) chosen by the check digits.
"""
from __future__ import annotations

import itertools
import math
import re
import unicodedata

from sohoa.extractors.mrz import CHAR_VALUES, LENGTHS, TO_ALPHA, TO_DIGIT, Layout, check_ok, layout_for


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
        if check_ok(data, digit):
            continue
        alts = probs[li][a:b] if probs and li < len(probs) else None
        fixed = _best_fix(data, kind, lambda cand: check_ok(cand, digit), alts)
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
    lines = ["".join(c if c in CHAR_VALUES else "<" for c in _ascii(ln).upper().replace(" ", ""))
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
