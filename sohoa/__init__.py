"""sohoa: scanned Vietnamese administrative documents in, signed structured data out."""
__version__ = "0.2.0"
