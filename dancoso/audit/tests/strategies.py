"""Hypothesis strategies for audit events (shared by the chain and database tests)."""

from hypothesis import strategies as st

from dancoso.audit.chain import normalise

TEXT = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(TEXT, max_size=12),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(TEXT, max_size=6), inner, max_size=3)
    ),  # fmt: skip
    max_leaves=8,
)
summaries = st.dictionaries(st.text(TEXT, min_size=1, max_size=12), json_values, max_size=4).map(
    normalise
)
labels = st.text(TEXT, min_size=1, max_size=20)

event_contents = st.fixed_dictionaries({
    "occurred_at": st.datetimes().map(lambda d: d.isoformat(timespec="microseconds") + "+00:00"),
    "actor_id": st.none() | st.integers(min_value=1, max_value=2**62),
    "actor_label": labels,
    "actor_role": st.sampled_from(["", "commune_officer", "village_head", "system"]),
    "action": st.sampled_from(["households.create_household", "places.rename_village",
                               "households.update_member"]),
    "object_type": st.sampled_from(["households.household", "places.village"]),
    "object_id": st.integers(min_value=1, max_value=10**9).map(str),
    "summary": summaries,
})  # fmt: skip
