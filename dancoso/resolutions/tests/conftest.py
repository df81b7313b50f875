"""Fixtures of the resolutions tests: throw-away indicators registered here (never another
app's), the sample file of this folder, and an imported resolution of Xã Cao Lộc."""

from pathlib import Path

import pytest

from dancoso.core import indicators
from dancoso.core.indicators import Figure
from dancoso.resolutions import services

SAMPLE = Path(__file__).with_name("sample.yaml")
# What the throw-away indicator answers, per (level, unit id); tests change it.
SHARES: dict[tuple[str, int], Figure] = {}


@indicators.register(
    "resolutions_test.share",
    title="Chỉ số thử nghiệm",
    description="Tỷ lệ thử nghiệm, dùng trong kiểm thử.",
    levels=["commune", "village", "province", "agency"],
)
def share(level, unit_ids, start, end):
    return {pk: SHARES[(level, pk)] for pk in unit_ids if (level, pk) in SHARES}


@pytest.fixture
def shares():
    SHARES.clear()
    yield SHARES
    SHARES.clear()


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def resolution(world, commune_officer, sample_bytes):
    return services.import_file(commune_officer, sample_bytes, "sample.yaml")
