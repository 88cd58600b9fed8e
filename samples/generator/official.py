"""official_document: Decree 30/2020/NĐ-CP layout (agency + number left, motto + date right, seal)."""
from __future__ import annotations

import datetime as dt
import random

from .canvas import Page, wrap
from .data import PROVINCES, f, rand_date
from .layout import A4, Flow, agency, motto, signature

KINDS = [("QUYẾT ĐỊNH", "Quyết định", "QĐ"), ("THÔNG BÁO", "Thông báo", "TB"), ("KẾ HOẠCH", "Kế hoạch", "KH"),
         ("CÔNG VĂN", "Công văn", "")]
SUBJECTS = ["Kết luận tại cuộc họp về xây dựng nông thôn mới và đô thị văn minh",
            "Triển khai số hóa hồ sơ, kết quả giải quyết thủ tục hành chính năm {y}",
            "Tăng cường công tác phòng, chống thiên tai và tìm kiếm cứu nạn",
            "Đẩy mạnh thanh toán trực tuyến trong giải quyết thủ tục hành chính"]
POINTS = ["Rà soát, cập nhật đầy đủ hồ sơ vào Hệ thống thông tin giải quyết thủ tục hành chính của tỉnh.",
          "Bảo đảm 100% kết quả giải quyết thủ tục hành chính được số hóa và ký số theo quy định.",
          "Tái sử dụng dữ liệu đã số hóa, không yêu cầu người dân cung cấp lại giấy tờ đã có.",
          "Báo cáo kết quả thực hiện về Văn phòng Ủy ban nhân dân tỉnh trước ngày 25 hằng tháng.",
          "Huy động các nguồn lực đầu tư hạ tầng giao thông, thủy lợi, trường học ở nông thôn.",
          "Phân công cán bộ theo dõi, đôn đốc và kịp thời tháo gỡ khó khăn, vướng mắc phát sinh.",
          "Công khai đầy đủ, kịp thời các thủ tục hành chính tại Bộ phận Một cửa các cấp.",
          "Tổ chức tập huấn kỹ năng số hóa, ký số cho cán bộ, công chức làm công tác một cửa.",
          "Bố trí kinh phí, trang thiết bị phục vụ số hóa theo hướng dẫn của Sở Tài chính.",
          "Đánh giá mức độ hài lòng của người dân, doanh nghiệp và công bố kết quả hằng quý."]
SIGNERS = ["Nguyễn Trọng Kiên", "Lê Thị Thu Hà", "Trần Quốc Nam", "Phạm Minh Chính"]
RECIPIENTS = ["Thường trực Tỉnh ủy (để b/c)", "Các sở, ban, ngành tỉnh", "UBND các huyện, thị xã, thành phố",
              "Cổng Thông tin điện tử tỉnh", "Trung tâm Phục vụ hành chính công tỉnh"]


def build(rng: random.Random, paragraphs: int = 4, pages_min: int = 1) -> tuple[dict, list[Page]]:
    prov = PROVINCES[rng.choice(sorted(PROVINCES))][0]
    pkind = "THÀNH PHỐ" if prov in ("Hà Nội", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ") else "TỈNH"
    kind, kind_norm, abbr = rng.choice(KINDS)
    date = rand_date(rng, dt.date(2020, 1, 1), dt.date(2025, 8, 31))
    number = f"{rng.randint(10, 9999)}/{abbr}-UBND" if abbr else f"{rng.randint(10, 9999)}/UBND-HCC"
    if kind == "QUYẾT ĐỊNH":
        number = f"{rng.randint(1, 99):02d}/{date.year}/QĐ-UBND"
    subject = rng.choice(SUBJECTS).format(y=date.year)
    signer, deputy = rng.choice(SIGNERS), rng.random() < 0.5
    titles = ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if deputy else ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
    recips = rng.sample(RECIPIENTS, 3) + ["Lưu: VT, HCC"]
    page = Page(*A4)
    pages = [page]
    agency(page, 52, 15, ["ỦY BAN NHÂN DÂN", f"{pkind} {prov.upper()}"], 12.5)
    motto(page, 138, 15, 12.5)
    page.text(52, 33, f"Số: {number}", "serif", 13, align="c")
    place_date = f"{prov}, ngày {date.day:02d} tháng {date.month:02d} năm {date.year}"
    page.text(138, 33, place_date, "serif-i", 13, align="c")
    fl = Flow(page, 44, left=30, right=190, size=13)
    if kind == "CÔNG VĂN":
        fl.y = 39
        for ln in _wrap_centered(f"V/v {subject}", 70):
            page.text(52, fl.y, ln, "serif", 12, align="c")
            fl.y += 5.5
        fl.y += 4
        page.text(110, fl.y, f"Kính gửi: {recips[1]}", "serif", 13, align="c")
        fl.y += 10
    else:
        page.text(110, fl.y, kind, "serif-b", 14, align="c")
        fl.y += 7
        fl.para(subject, key="serif-b", align="c")
        page.line(95, fl.y, 125, fl.y, 0.3)
        fl.y += 5
    fl.para(f"Thực hiện chỉ đạo của Ủy ban nhân dân {pkind.lower()} về {subject[0].lower() + subject[1:]}, "
            f"{'Chủ tịch' if deputy else 'Ủy ban nhân dân'} {pkind.lower()} yêu cầu các cơ quan, đơn vị:", indent=0)
    for i, pt in enumerate(rng.sample(POINTS, min(paragraphs, len(POINTS)))):
        if fl.y > 250:
            page = _next_page(pages, fl)
        fl.para(f"{i + 1}. {pt}")
    fl.para(f"{kind_norm} này có hiệu lực kể từ ngày ký./." if kind == "QUYẾT ĐỊNH"
            else f"Đề nghị các cơ quan, đơn vị nghiêm túc thực hiện./.")
    if fl.y > 215 or len(pages) < pages_min:
        page = _next_page(pages, fl)
    _footer(page, fl.y + 6, recips, titles, signer, f"UBND {pkind} {prov.upper()}")
    fields = {"issuing_agency": f(f"ỦY BAN NHÂN DÂN {pkind} {prov.upper()}"),
              "document_number": f(number, number), "document_kind": f(kind, kind_norm),
              "place": f(prov), "issue_date": f(place_date.split(", ", 1)[1], date.isoformat()),
              "subject": f(subject), "signer_name": f(signer), "signer_title": f(" ".join(titles)),
              "recipients": f("\n".join(f"- {r}" for r in recips), recips)}
    return fields, pages


def _next_page(pages: list[Page], fl: Flow) -> Page:
    """Decree 30: page numbers centred at the top from page 2."""
    page = Page(*A4)
    pages.append(page)
    page.text(105, 10, str(len(pages)), "serif", 12, align="c")
    fl.p, fl.y = page, 22
    return page


def _wrap_centered(s: str, width: float) -> list[str]:
    return wrap(s, "serif", 12, width)


def _footer(page: Page, y: float, recips, titles, signer, seal_text):
    page.text(30, y, "Nơi nhận:", "serif-bi", 12)
    for i, r in enumerate(recips):
        page.text(30, y + 5.5 * (i + 1), f"- {r}{'.' if i == len(recips) - 1 else ';'}", "serif", 11)
    signature(page, 145, y, titles, signer, seal_text)
