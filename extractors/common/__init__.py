"""Shared extraction engine: normalization, label/value reading, validators."""
