"""Every write of the disclosure app (DESIGN.md rule 2)."""

from .disclosures import correct_disclosure, publish_disclosure, withdraw_disclosure
from .follows import follow_disclosures, notify_followers, unfollow_disclosures
from .forms import record_form
from .quarterly import publish_quarter_list, quarter_table

__all__ = [
    "correct_disclosure",
    "publish_quarter_list",
    "quarter_table",
    "follow_disclosures",
    "notify_followers",
    "publish_disclosure",
    "record_form",
    "unfollow_disclosures",
    "withdraw_disclosure",
]
