"""Server-rendered bar charts: plain SVG numbers, no script, no inline style (the CSP forbids
both), readable without colour (each bar is labelled with its value and state in words)."""

WIDTH = 300
STATE_WORDS = {"green": "đạt", "amber": "gần đạt", "red": "chưa đạt", "none": "chưa có số liệu"}


def bar(label: str, percent: float | None, state: str) -> dict:
    """One bar: its label, pixel width on a 0–100% scale, state and the text a screen reader
    hears."""
    width = 0 if percent is None else round(WIDTH * percent / 100)
    value = "—" if percent is None else f"{percent:.1f}%"
    return {
        "label": label,
        "width": width,
        "state": state,
        "value": value,
        "words": f"{label}: {value}, {STATE_WORDS[state]}",
    }


def bars(row: dict) -> dict:
    """The quarter trend and the units of one target's dashboard row, as bars, with the
    threshold line's position."""
    return {
        "threshold_x": round(WIDTH * row["threshold"] / 100),
        "quarters": [bar(q["quarter"], q["percent"], q["state"]) for q in row["quarters"]],
        "units": [bar(u["name"], u["percent"], u["state"]) for u in row["units"]],
    }
