import json
import pathlib

import pytest

from samples.generator import generate


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory) -> pathlib.Path:
    out = tmp_path_factory.mktemp("samples")
    generate(str(out), seed=11, count=1)
    return out


@pytest.fixture(scope="session")
def truths(sample_dir) -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(sample_dir.glob("*.truth.json"))]
