"""One error family with stable codes (OCRmyPDF's exit-code idea, HTTP flavoured).

Subclasses only set attributes.  They are mapped to responses in exactly two
places: the API exception handler and the worker wrapper.
"""
from __future__ import annotations


class ServiceError(Exception):
    code = "internal_error"
    http_status = 500
    retryable = False

    def __init__(self, message: str = "", **detail):
        super().__init__(message or self.code)
        self.message = message or self.code
        self.detail = detail

    def to_dict(self) -> dict:
        return {"code": self.code, "message": self.message}


class InputError(ServiceError):
    code = "bad_input"
    http_status = 422


class EmptyFile(InputError):
    code = "empty_file"


class UnsupportedType(InputError):
    code = "unsupported_type"
    http_status = 415


class CorruptImage(InputError):
    code = "corrupt_image"


class CorruptPdf(InputError):
    code = "corrupt_pdf"


class EncryptedPdf(InputError):
    code = "encrypted_pdf"


class DecompressionBomb(InputError):
    code = "too_many_pixels"
    http_status = 413


class TooManyPages(InputError):
    code = "too_many_pages"
    http_status = 413


class FileTooLarge(InputError):
    code = "file_too_large"
    http_status = 413


class OcrError(ServiceError):
    code = "ocr_failed"
    retryable = True


class PdfOutputError(ServiceError):
    code = "pdf_output_failed"


class SigningError(ServiceError):
    code = "signing_failed"


class SigningKeyError(SigningError):
    code = "signing_key_invalid"


class StorageError(ServiceError):
    code = "storage_unavailable"
    http_status = 503
    retryable = True


class DatabaseUnavailable(ServiceError):
    code = "database_unavailable"
    http_status = 503
    retryable = True


class NotFound(ServiceError):
    code = "not_found"
    http_status = 404


class JobTimeout(ServiceError):
    code = "job_timeout"
    retryable = True
