"""sohoa's own sample-scan generator: `python -m samples.generator --out DIR --seed N`."""
from .cli import TYPES, generate, main  # noqa: F401
