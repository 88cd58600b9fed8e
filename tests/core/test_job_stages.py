"""A job re-run after a crash between stages redoes only what is missing."""
from sohoa.ingest.intake import intake_file
from sohoa.ingest.storage import LocalStorage, keys
from sohoa.models.db import DocumentRecord, session_factory
from sohoa.pipeline import runner
from sohoa.pipeline.jobs import process_document
from tests.core.pages import a4_page, png_bytes


def test_rerun_rebuilds_the_pdf_from_stored_pages_without_new_ocr(settings, monkeypatch):
    storage = LocalStorage(settings.storage_root)
    sessions = session_factory(settings.database_url)
    with sessions() as session:
        doc_id = intake_file(session, storage, png_bytes(a4_page()), "page.png").record.id
    assert process_document(doc_id, settings) == "done"
    first_body = storage.get(keys.extraction(doc_id))
    for key in (keys.unsigned_pdf(doc_id), keys.result_pdf(doc_id)):  # as if the worker died after OCR
        storage.delete(key)
    with sessions() as session:
        session.get(DocumentRecord, doc_id).status = "processing"
        session.commit()

    def no_ocr(*_args, **_kw):
        raise AssertionError("the analysis stage must not run again")

    monkeypatch.setattr(runner.Pipeline, "analyse", no_ocr)
    assert process_document(doc_id, settings) == "done"
    assert storage.get(keys.extraction(doc_id)) == first_body
    assert storage.get(keys.result_pdf(doc_id)).startswith(b"%PDF-")
