"""Shared A4 layout pieces: motto, agency block, labelled rows with dotted leaders, signature."""
from __future__ import annotations

from .art import seal
from .canvas import Page, text_width_mm, wrap

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
A4 = (210.0, 297.0)


class Flow:
    """Top-to-bottom writer on an A4 page with left/right margins."""

    def __init__(self, page: Page, y: float, left=25.0, right=190.0, size=13, key="serif"):
        self.p, self.y, self.left, self.right, self.size, self.key = page, y, left, right, size, key

    @property
    def step(self) -> float:
        return self.size * 0.3528 * 1.55

    def para(self, s: str, key=None, indent=0.0, align="l"):
        key = key or self.key
        for ln in wrap(s, key, self.size, self.right - self.left - indent):
            x = (self.left + self.right) / 2 if align == "c" else self.left + indent
            self.p.text(x, self.y, ln, key, self.size, align=align)
            self.y += self.step

    def field(self, label: str, value: str, leader=True):
        """'Label: value' wrapped to width; dotted leader after the last piece."""
        key, size = self.key, self.size
        lines = wrap(f"{label} {value}".strip(), key, size, self.right - self.left)
        first = True
        for ln in lines:
            if first and ln.startswith(label):
                w = self.p.text(self.left, self.y, label, key, size, record=False)
                rest = ln[len(label):].strip()
                self.p.text(self.left + w + 1.5, self.y, rest, key, size, record=False)
                self.p.lines.append(ln)
                end = self.left + w + 1.5 + text_width_mm(rest, key, size)
            else:
                end = self.left + self.p.text(self.left, self.y, ln, key, size)
            first = False
            self.y += self.step
        if leader and end < self.right - 4:
            self.p.dots(end + 2, self.right, self.y - self.step * 0.42)

    def row(self, parts: list[tuple[str, str]], xs: list[float]):
        """Several 'Label: value' items on one line at given x offsets."""
        segs = []
        for (label, value), x in zip(parts, xs):
            segs.append((self.left + x, f"{label} {value}".strip(), self.key))
        self.p.segments(self.y, segs, self.size)
        self.y += self.step

    def gap(self, mm=3.0):
        self.y += mm


def motto(page: Page, cx: float, y: float, size=12.5) -> float:
    page.text(cx, y, MOTTO[0], "serif-b", size, align="c")
    page.text(cx, y + 6, MOTTO[1], "serif-b", size + 0.5, align="c")
    w = text_width_mm(MOTTO[1], "serif-b", size + 0.5)
    page.line(cx - w / 2, y + 12.3, cx + w / 2, y + 12.3, 0.3)
    return y + 16


def agency(page: Page, cx: float, y: float, lines: list[str], size=12.5) -> float:
    for i, ln in enumerate(lines):
        page.text(cx, y, ln, "serif-b" if i == len(lines) - 1 or len(lines) == 1 else "serif", size, align="c")
        y += 6
    page.line(cx - 12, y + 0.5, cx + 12, y + 0.5, 0.3)
    return y + 3


def signature(page: Page, cx: float, y: float, titles: list[str], name: str, seal_text: str | None,
              note: str | None = None) -> float:
    for t in titles:
        page.text(cx, y, t, "serif-b", 13, align="c")
        y += 6
    if note:
        page.text(cx, y, note, "serif-i", 11, align="c")
        y += 6
    if seal_text:  # the seal covers the left third of the signature, as stamped in practice
        page.image(cx - 36, y - 7, 30, 30, seal(seal_text))
    page.line(cx - 12, y + 14, cx + 10, y + 10, 0.5, (20, 30, 110))  # pen stroke
    page.line(cx + 10, y + 10, cx + 2, y + 18, 0.5, (20, 30, 110))
    y += 26
    page.text(cx, y, name, "serif-b", 13, align="c")
    return y + 7
