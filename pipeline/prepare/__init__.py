"""Page preparation: card crop, orientation, deskew, background, non-text masking."""
from sohoa.pipeline.prepare.page import PreparedPage, prepare_page

__all__ = ["PreparedPage", "prepare_page"]
