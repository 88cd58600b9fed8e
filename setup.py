"""Maps the design card's top-level folders onto the ``sohoa`` package.

``models/`` becomes ``sohoa.models``, ``pipeline/prepare/`` becomes
``sohoa.pipeline.prepare`` and so on.  The package list is computed from the
folders, so a new sub-package cannot be forgotten.
"""
from pathlib import Path

from setuptools import setup

ROOT = Path(__file__).parent
TOP_LEVEL = ["models", "ingest", "pipeline", "extractors", "signing", "api", "samples"]


def _packages():
    package_dir = {"sohoa": "sohoa"}
    for top in TOP_LEVEL:
        for init in sorted((ROOT / top).rglob("__init__.py")):
            folder = init.parent.relative_to(ROOT)
            name = "sohoa." + ".".join(folder.parts)
            package_dir[name] = folder.as_posix()
    return package_dir


PACKAGE_DIR = _packages()
setup(package_dir=PACKAGE_DIR, packages=sorted(PACKAGE_DIR))
