"""Who django-axes counts sign-in failures against (SECURITY.md test 14).

Officials are counted by the username they typed. Residents signing in with a one-time code
type no username: their failures count against the phone number or e-mail address the code
was sent to, so five wrong codes lock that destination from any address — and never lock out
every other resident, as one shared "no username" count would. An attempt that names no one
(an OpenID Connect callback: the provider has already checked the person) is not counted.
"""

from .codes import parse_destination

DESTINATION_PREFIX = "ma:"  # usernames cannot contain ":", so the two never collide


def axes_username(request, credentials=None) -> str | None:
    """The name failures are counted against: the username, else ``ma:<destination>``."""
    data = credentials if credentials else getattr(request, "POST", {})
    if data.get("username"):
        return data["username"]
    target = parse_destination(data.get("destination") or "")
    return DESTINATION_PREFIX + target.value if target else None


def names_no_one(request, credentials=None) -> bool:
    """True for an attempt with neither username nor destination: axes leaves it alone."""
    return axes_username(request, credentials) is None
