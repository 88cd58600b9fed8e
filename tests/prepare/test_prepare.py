import cv2
import numpy as np
import pytest

from sohoa.pipeline.prepare import PreparedPage, prepare_page
from sohoa.pipeline.prepare import clean, geometry
from tests.prepare import synth


@pytest.fixture(scope="module")
def page():
    return synth.page()


@pytest.mark.parametrize("turn", [90, 180, 270])
def test_turned_page_comes_out_upright(page, turn):
    prepared = prepare_page(geometry.rot90(page, turn), 300)
    assert isinstance(prepared, PreparedPage)
    assert (turn + prepared.rotation) % 360 == 0
    assert prepared.upright.shape[:2] == page.shape[:2]


def test_upright_page_is_left_alone(page):
    prepared = prepare_page(page, 300)
    assert prepared.rotation == 0
    assert abs(prepared.skew) < 0.3
    assert not prepared.is_card
    assert prepared.grey.dtype == np.uint8 and prepared.grey.ndim == 2


@pytest.mark.parametrize("angle", [4.0, -4.0, 1.5])
def test_skewed_page_comes_out_straight(page, angle):
    tilted = geometry.rotate(page, angle)
    ink, _ = geometry.analysis_image(clean.to_grey(tilted), 300)
    measured = geometry.skew_angle(ink)
    prepared = prepare_page(tilted, 300)
    assert abs(measured + angle) < 0.3  # the correction is the opposite turn
    # after correction the text lines are level
    ink2, _ = geometry.analysis_image(prepared.grey, 300)
    assert abs(geometry.skew_angle(ink2)) < 0.3
    assert prepared.rotation == 0
    assert abs(prepared.skew + angle) < 0.3


def test_background_normalization_flattens_shading():
    grey = np.full((600, 800), 230, np.uint8)
    grey = (grey * np.linspace(0.5, 1.0, 800)[None, :]).astype(np.uint8)  # dark to light
    cv2.putText(grey, "TEXT", (100, 300), cv2.FONT_HERSHEY_SIMPLEX, 3, 0, 8)
    norm = clean.normalize_background(grey, 300)
    assert norm[50, 20] > 240 and norm[50, 780] > 240
    assert norm[grey < 30].mean() < 60


def test_card_on_table_is_found_and_cropped():
    card = synth.card()
    photo = synth.on_table(card, angle=8.0)
    prepared = prepare_page(photo, 300)
    assert prepared.is_card
    h, w = prepared.upright.shape[:2]
    assert 1.5 < w / h < 1.66
    # the dark table is gone: the border of the crop is card-coloured
    border = np.concatenate([prepared.upright[3], prepared.upright[-4]])
    assert border.mean() > 180
    assert abs(prepared.skew) < 0.5


def test_photo_and_dotted_leaders_are_masked():
    card = synth.card()
    prepared = prepare_page(card, 300)
    assert prepared.is_card
    # the dark photo box does not reach the OCR image
    f = prepared.dpi / 300
    photo = prepared.grey[int(140 * f):int(330 * f), int(60 * f):int(200 * f)]
    assert photo.min() > 200
    leaders = synth.page(lines=synth.LINES[2:4], leaders=True)
    prepared = prepare_page(leaders, 300)
    right = prepared.grey[:, int(7.3 * 300):]  # where only the dots were
    assert right.min() > 200


def test_qr_code_and_barcode_are_masked():
    import qrcode

    page = synth.page(lines=synth.LINES[:3])
    qr = np.array(qrcode.make("068075638081|Lê Văn Hùng|02031988").convert("L").resize((360, 360)))
    page[900:1260, 1500:1860] = qr[..., None]
    for i in range(40):  # a barcode: bars of varied width
        x = 300 + i * 14
        page[1000:1250, x:x + (3 + i % 3 * 3)] = 0
    prepared = prepare_page(page, 300)
    assert prepared.grey[900:1260, 1500:1860].min() > 200
    assert prepared.grey[1000:1250, 300:860].min() > 200
    assert prepared.grey[240:300, 270:1500].min() < 100  # the text stays


def test_card_turned_on_table_comes_out_upright():
    card = geometry.rot90(synth.card(), 90)
    prepared = prepare_page(synth.on_table(card, angle=-5.0), 300)
    assert prepared.is_card
    assert prepared.rotation in (90, 270)
    h, w = prepared.upright.shape[:2]
    assert w > h


def test_card_scanned_small_on_a4_flatbed_is_cropped():
    a4 = np.full((3508, 2480, 3), 250, np.uint8)
    card = synth.card()
    a4[400:400 + card.shape[0], 300:300 + card.shape[1]] = card
    prepared = prepare_page(a4, 300)
    assert prepared.is_card
    h, w = prepared.upright.shape[:2]
    assert w / prepared.dpi * 25.4 < 100 and h / prepared.dpi * 25.4 < 70  # card-sized crop
