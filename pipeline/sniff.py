"""What a file really is, from its first bytes, whatever its name says."""
from __future__ import annotations

from sohoa.models.errors import EmptyFile, UnsupportedType

MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)

SUPPORTED = {mt for _, mt in MAGIC}


def sniff_media_type(head: bytes) -> str:
    """Returns the media type of a file from its first bytes or raises a coded error."""
    if not head:
        raise EmptyFile("the file is empty (0 bytes)")
    for magic, media_type in MAGIC:
        if head.startswith(magic):
            return media_type
    # A PDF may carry a few bytes of junk before its header (allowed by readers).
    if b"%PDF-" in head[:1024]:
        return "application/pdf"
    raise UnsupportedType("unsupported file type: expected PDF, JPEG, PNG or TIFF")
