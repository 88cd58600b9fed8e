"""Born-digital PDF (real text layer) from Page ops, via fpdf2 with embedded Liberation fonts."""
from __future__ import annotations

import datetime as dt

from fpdf import FPDF

from .canvas import FONTS, PT, Page

_FAMILIES = {"serif": ("LibSerif", ""), "serif-b": ("LibSerif", "B"), "serif-i": ("LibSerif", "I"),
             "serif-bi": ("LibSerif", "BI"), "sans": ("LibSans", ""), "sans-b": ("LibSans", "B"),
             "sans-i": ("LibSans", "I")}


def _setup(pdf: FPDF) -> None:
    for key, (fam, style) in _FAMILIES.items():
        pdf.add_font(fam, style, FONTS[key])


def write_pdf(pages: list[Page], path: str, when: dt.datetime) -> None:
    pdf = FPDF(unit="mm", format="A4")
    pdf.set_creation_date(when.replace(tzinfo=dt.timezone.utc))
    pdf.set_creator("sohoa sample generator")
    pdf.set_auto_page_break(False)
    _setup(pdf)
    for page in pages:
        pdf.add_page(format=(page.w, page.h))
        for op in page.ops:
            _draw(pdf, op)
    pdf.output(path)


def _draw(pdf: FPDF, op: tuple) -> None:
    kind = op[0]
    if kind == "text":
        _, x, y, s, key, size, color, align = op
        fam, style = _FAMILIES.get(key, ("LibSerif", ""))
        pdf.set_font(fam, style, size)
        pdf.set_text_color(*color)
        w = pdf.get_string_width(s)
        x = x - w / 2 if align == "c" else x - w if align == "r" else x
        pdf.text(x, y + size * PT * 0.89, s)
    elif kind == "line":
        _, x1, y1, x2, y2, width, color = op
        pdf.set_draw_color(*color)
        pdf.set_line_width(width)
        pdf.line(x1, y1, x2, y2)
    elif kind == "rect":
        _, x, y, w, h, outline, fill, width = op
        pdf.set_draw_color(*(outline or (0, 0, 0)))
        pdf.set_line_width(width)
        if fill:
            pdf.set_fill_color(*fill)
        pdf.rect(x, y, w, h, style="DF" if fill else "D")
    elif kind == "dots":
        _, x1, x2, y, color = op
        pdf.set_fill_color(*color)
        x = x1
        while x < x2:
            pdf.circle(x, y, 0.12, style="F")
            x += 1.2
    elif kind == "image":
        _, x, y, w, h, img = op
        pdf.image(img, x=x, y=y, w=w, h=h)
