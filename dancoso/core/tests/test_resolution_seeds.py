"""The five seed resolutions (``dancoso/resolutions/seeds/*.yaml``) are well-formed
dancoso-resolution/1 files: required keys and no others, unique codes, every target bound to a
registered indicator (computed at the resolution's level) or to a manual figure, thresholds in
range, every item's targets present, a real place. The resolutions app's importer validates
them in full; this check needs only PyYAML and the indicator registry."""

import copy
from datetime import date
from pathlib import Path

import pytest
import yaml

from dancoso.core import indicators
from dancoso.places.official import official_communes, official_provinces

SEEDS = Path(__file__).resolve().parents[2] / "resolutions" / "seeds"
TOP = {
    "format", "number", "title", "issued_on", "council", "scope", "effective_from",
    "effective_until", "implementer", "supervisors", "reporting", "source", "targets",
    "measures",
}  # fmt: skip
COUNCIL = {"level", "name", "term", "session"}
SCOPE = {"level", "place_code", "place_name"}
TARGET = {"code", "text", "source", "threshold", "amber_from", "due", "indicator", "manual"}
TARGET_REQUIRED = {"code", "text", "source", "threshold"}
GROUP = {"code", "title", "source", "items"}
ITEM = {"code", "text", "source", "targets"}
ITEM_REQUIRED = {"code", "text", "source"}
MANUAL = {"reported_by": {"agency", "commune", "village", "province"}, "unit": {"percent"}}
LEVELS = {"province", "commune"}
# Provinces merged on 01/07/2025 (Resolution 202/2025/QH15) that a seed names by its old name.
MERGED_INTO = {"Tỉnh Sóc Trăng": 92, "Tỉnh Bình Dương": 79}
PREFIXES = ("Tỉnh ", "Thành phố ")


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.yaml"))


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def keys(where: str, found: dict, allowed: set, required: set) -> list[str]:
    problems = [f"{where}: thiếu khóa {k}" for k in sorted(required - set(found))]
    return problems + [f"{where}: khóa lạ {k}" for k in sorted(set(found) - allowed)]


def place_problems(scope: dict) -> list[str]:
    code, name = scope.get("place_code"), scope.get("place_name", "")
    places = official_provinces() if scope.get("level") == "province" else official_communes()
    official = {p["code"]: p["name"] for p in places}
    if code not in official:
        return [f"scope: mã {code} không phải {scope.get('level')} trong dữ liệu địa bàn"]
    bare = name.removeprefix(PREFIXES[0]).removeprefix(PREFIXES[1])
    if name in (official[code], f"{PREFIXES[0]}{official[code]}") or bare == official[code]:
        return []
    if MERGED_INTO.get(name) == code:
        return []
    return [f"scope: tên {name!r} không khớp mã {code} ({official[code]})"]


def target_problems(resolution: dict, target: dict) -> list[str]:
    where = f"mục tiêu {target.get('code')}"
    problems = keys(where, target, TARGET, TARGET_REQUIRED)
    if ("indicator" in target) == ("manual" in target):
        problems.append(f"{where}: cần đúng một trong indicator hoặc manual")
    if "indicator" in target:
        try:
            indicator = indicators.get(target["indicator"])
        except indicators.UnknownIndicator:
            problems.append(f"{where}: chỉ số {target['indicator']} chưa được đăng ký")
        else:
            if resolution["scope"]["level"] not in indicator.levels:
                problems.append(f"{where}: {indicator.code} không tính ở cấp của nghị quyết")
    for key, allowed in MANUAL.items():
        if "manual" in target and target["manual"].get(key) not in allowed:
            problems.append(f"{where}: manual.{key} phải là một trong {sorted(allowed)}")
    threshold, amber = target.get("threshold"), target.get("amber_from")
    if not isinstance(threshold, int | float) or not 0 <= threshold <= 100:
        problems.append(f"{where}: threshold phải từ 0 đến 100")
    elif amber is not None and not (isinstance(amber, int | float) and 0 <= amber < threshold):
        problems.append(f"{where}: amber_from phải từ 0 đến dưới threshold")
    due = target.get("due")
    if due is not None and not (isinstance(due, date) and due >= resolution["effective_from"]):
        problems.append(f"{where}: due phải là ngày từ effective_from trở đi")
    return problems


def problems(resolution: dict) -> list[str]:
    """What is wrong with a parsed resolution file, in Vietnamese; empty when it is sound."""
    found = keys("nghị quyết", resolution, TOP, TOP)
    if found:
        return found
    found += keys("council", resolution["council"], COUNCIL, COUNCIL)
    found += keys("scope", resolution["scope"], SCOPE, SCOPE)
    if resolution["format"] != "dancoso-resolution/1":
        found.append("format phải là dancoso-resolution/1")
    for part in ("council", "scope"):
        if resolution[part].get("level") not in LEVELS:
            found.append(f"{part}.level phải là province hoặc commune")
    found += place_problems(resolution["scope"])
    issued, start, until = (
        resolution[k] for k in ("issued_on", "effective_from", "effective_until")
    )
    if not isinstance(issued, date) or not isinstance(start, date) or start < issued:
        found.append("issued_on, effective_from phải là ngày, hiệu lực không trước ngày ban hành")
    elif until is not None and until < start:
        found.append("effective_until không được trước effective_from")
    targets = resolution["targets"] or []
    for target in targets:
        found += target_problems(resolution, target)
    codes = [t.get("code") for t in targets]
    for group in resolution["measures"]:
        found += keys(f"nhóm {group.get('code')}", group, GROUP, GROUP)
        codes.append(group.get("code"))
        for item in group.get("items") or []:
            found += keys(f"biện pháp {item.get('code')}", item, ITEM, ITEM_REQUIRED)
            codes.append(item.get("code"))
            unknown = set(item.get("targets", [])) - {t.get("code") for t in targets}
            found += [f"biện pháp {item.get('code')}: không có mục tiêu {c}" for c in unknown]
    found += [f"mã {c} bị trùng" for c in sorted({c for c in codes if codes.count(c) > 1})]
    return found


def test_there_are_the_five_seed_resolutions():
    assert [p.stem for p in seed_files()] == [
        "binh-duong-2024",
        "cao-loc-2025",
        "soc-trang-05-2025",
        "thach-khoi-2025",
        "thanh-hoa-53-2024",
    ]


@pytest.mark.parametrize("path", seed_files(), ids=lambda p: p.stem)
def test_a_seed_is_a_sound_resolution_file(path):
    resolution = load(path)

    assert problems(resolution) == []
    assert resolution["targets"], "every seed has targets"
    assert all(group["items"] for group in resolution["measures"])
    for part in (*resolution["targets"], *resolution["measures"]):
        assert str(part["source"]).startswith("Điều"), part["code"]


def _mutate(resolution: dict, change) -> dict:
    broken = copy.deepcopy(resolution)
    change(broken)
    return broken


BREAKAGES = {
    "no binding": lambda r: r["targets"][0].pop("indicator", None) or r["targets"][0].pop("manual"),
    "both bindings": lambda r: r["targets"][0].update(
        indicator="feedback.answered_on_time", manual={"reported_by": "agency", "unit": "percent"}
    ),
    "unregistered indicator": lambda r: r["targets"][1].update(indicator="nowhere.nothing"),
    "threshold above 100": lambda r: r["targets"][0].update(threshold=101),
    "amber above threshold": lambda r: r["targets"][0].update(threshold=80, amber_from=90),
    "duplicate code": lambda r: r["targets"].append(dict(r["targets"][0])),
    "item names a missing target": lambda r: r["measures"][0]["items"][0].update(targets=["T404"]),
    "typo in a key": lambda r: r["targets"][0].update(thresold=100),
    "unknown place": lambda r: r["scope"].update(place_code=999_999),
    "name of another place": lambda r: r["scope"].update(place_name="Tỉnh Cao Bằng"),
    "due before the resolution": lambda r: r["targets"][0].update(due=date(2000, 1, 1)),
    "missing key": lambda r: r.pop("reporting"),
    "no signing date": lambda r: r.update(issued_on=None),
    "in force before it was issued": lambda r: r.update(effective_from=date(2024, 12, 1)),
    "ends before it starts": lambda r: r.update(effective_until=date(2024, 12, 1)),
}


@pytest.mark.parametrize("breakage", BREAKAGES, ids=str)
def test_the_check_finds_each_kind_of_mistake(breakage):
    resolution = load(SEEDS / "thanh-hoa-53-2024.yaml")
    assert problems(_mutate(resolution, BREAKAGES[breakage])) != []


def _village_only(level, unit_ids, start, end):
    return {}


def test_an_indicator_not_computed_at_the_resolution_level_is_refused():
    indicators.register(
        "tests.village_only", title="Chỉ tính ở thôn", description="Thử.", levels=["village"]
    )(_village_only)
    resolution = load(SEEDS / "thanh-hoa-53-2024.yaml")
    assert resolution["targets"][1]["indicator"] == "disclosure.published_on_time"

    resolution["targets"][1]["indicator"] = "tests.village_only"

    assert problems(resolution) == [
        "mục tiêu T2: tests.village_only không tính ở cấp của nghị quyết"
    ]
