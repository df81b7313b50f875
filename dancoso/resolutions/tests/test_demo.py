from pathlib import Path

from dancoso.demo.resolutions import load_seeds, run_plan
from dancoso.resolutions.models import ManualFigure, Snapshot


def test_demo_loads_seeds_and_runs_the_plan(world, tmp_path):
    (tmp_path / "a.yaml").write_bytes(Path(__file__).with_name("sample.yaml").read_bytes())
    (tmp_path / "b.yaml").write_text("format: sai\n", encoding="utf-8")
    messages = []
    [resolution] = load_seeds(tmp_path, write=messages.append)
    assert messages and messages[0].startswith("Bỏ qua b.yaml")
    run_plan(resolution, [world.village, world.other_village], [])
    assert resolution.plans.get().tasks.count() == 2
    assert ManualFigure.objects.count() == 2
    assert Snapshot.objects.filter(resolution=resolution).exists()
    assert load_seeds(tmp_path, write=messages.append) == []  # a second run adds nothing
