"""A batch goes on when one document crashes the pipeline; the crash is reported with a code."""
from pathlib import Path

from sohoa.api.batch import run_batch
from sohoa.pipeline import runner
from tests.core.pages import a4_page, png_bytes


def test_crash_on_one_document_fails_it_and_the_batch_goes_on(settings, tmp_path, monkeypatch):
    good, bad, empty = tmp_path / "good.png", tmp_path / "crash.png", tmp_path / "empty.jpg"
    good.write_bytes(png_bytes(a4_page(lines=["Giấy xác nhận", "Số: 12/GXN"])))
    bad.write_bytes(png_bytes(a4_page(lines=["Trang gây lỗi"])))
    empty.write_bytes(b"")
    original = runner.Pipeline.analyse

    def analyse_or_crash(self, data, **kw):
        if data == bad.read_bytes():
            raise RuntimeError("engine crashed")  # fault injection: an OCR engine bug
        return original(self, data, **kw)

    monkeypatch.setattr(runner.Pipeline, "analyse", analyse_or_crash)
    settings.signing.enabled = False
    outcomes = run_batch([bad, empty, good], settings, tmp_path / "out", jobs=1, on_done=lambda o: None)
    by_name = {Path(o.path).name: o for o in outcomes}
    assert by_name["crash.png"].status == "failed" and by_name["crash.png"].code == "internal_error"
    assert by_name["empty.jpg"].status == "failed" and by_name["empty.jpg"].code == "empty_file"
    assert by_name["good.png"].status == "done"
    assert (tmp_path / "out" / "good.json").is_file() and not (tmp_path / "out" / "crash.json").exists()
