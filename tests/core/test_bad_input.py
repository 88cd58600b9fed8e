"""Every kind of bad input gets its own stable error code, from the loader and from the CLI."""
import json
import subprocess
import sys

import pytest

from sohoa.models.errors import InputError
from sohoa.models.settings import InputSettings
from sohoa.pipeline.loader import load_pages
from tests.core import badfiles

CASES = [
    ("empty", b"", "empty_file"),
    ("truncated_jpeg", badfiles.truncated_jpeg(), "corrupt_image"),
    ("corrupt_pdf", badfiles.corrupt_pdf(), "corrupt_pdf"),
    ("encrypted_pdf", badfiles.encrypted_pdf(), "encrypted_pdf"),
    ("bomb", badfiles.png_bomb(), "too_many_pixels"),
    ("zip_as_jpg", badfiles.zip_named_jpg(), "unsupported_type"),
]


@pytest.mark.parametrize("name,data,code", CASES, ids=[c[0] for c in CASES])
def test_loader_gives_each_bad_input_its_code(name, data, code):
    with pytest.raises(InputError) as info:
        load_pages(data)
    assert info.value.code == code


def test_too_many_pages_is_configurable():
    limits = InputSettings(max_pages=2)
    assert len(load_pages(badfiles.multipage_tiff(2), limits)) == 2
    for data in (badfiles.multipage_tiff(3), badfiles.pdf_bytes(3)):
        with pytest.raises(InputError) as info:
            load_pages(data, limits)
        assert info.value.code == "too_many_pages"


def test_group4_tiff_pages_load_as_grey():
    pages = load_pages(badfiles.multipage_tiff(2))
    assert [p.number for p in pages] == [1, 2]
    assert pages[0].image.ndim == 2 and pages[0].image.max() == 255


@pytest.mark.parametrize("name,data,code", [CASES[0], CASES[3], CASES[5]], ids=["empty", "encrypted", "zip"])
def test_cli_prints_the_error_code_and_exits_2(tmp_path, name, data, code):
    path = tmp_path / f"{name}.jpg"
    path.write_bytes(data)
    run = subprocess.run([sys.executable, "-m", "sohoa.api.cli", "extract", str(path)],
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert json.loads(run.stdout)["error"]["code"] == code
