"""Following disclosures: a signed-in person follows a commune, one of its villages or one
category there, and is told through the messaging interface when something new is published."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse

from dancoso.accounts.messaging import sender
from dancoso.audit.services import record
from dancoso.core.errors import DomainError
from dancoso.places.models import Commune, Village

from .. import law
from ..models import Disclosure, Subscription
from .common import require

VILLAGE_OF_OTHER_COMMUNE = "Thôn được chọn không thuộc xã này."
NO_CHANNEL = "Tài khoản của bạn chưa có số điện thoại hoặc địa chỉ thư điện tử để nhận thông báo."


@transaction.atomic
def follow_disclosures(
    user, commune: Commune, *, village: Village | None = None, category: str = ""
) -> Subscription:
    """Theo dõi: any signed-in person with a phone or e-mail follows new public disclosures of
    a commune (or one village, or one category). Following twice keeps one subscription."""
    require(user, "follow_disclosures", commune)
    if village is not None and village.commune_id != commune.pk:
        raise DomainError("village_of_other_commune", VILLAGE_OF_OTHER_COMMUNE)
    if category:
        try:
            law.category(category, law.Scope.COMMUNE)
        except law.LawViolation as exc:
            raise DomainError(exc.code, exc.message) from exc
    if not (user.email or user.phone):
        raise DomainError("no_channel", NO_CHANNEL)
    existing = Subscription.objects.filter(
        user=user, commune=commune, village=village, category=category
    ).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            sub = Subscription.objects.create(
                user=user, commune=commune, village=village, category=category
            )
    except IntegrityError:
        return Subscription.objects.get(
            user=user, commune=commune, village=village, category=category
        )
    _audit("follow_disclosures", sub, user)
    return sub


@transaction.atomic
def unfollow_disclosures(user, subscription: Subscription) -> None:
    """Bỏ theo dõi: a person ends one of their own subscriptions."""
    if subscription.user_id != user.pk:
        raise DomainError("permission_denied", "Bạn không có quyền thực hiện thao tác này.")
    _audit("unfollow_disclosures", subscription, user)
    subscription.delete()


def _audit(action: str, sub: Subscription, user) -> None:
    record(
        f"disclosure.{action}",
        actor=user,
        obj=sub,
        summary={"commune": sub.commune_id, "village": sub.village_id, "category": sub.category},
        commune_code=sub.commune.code,
    )


def followers_of(disclosure: Disclosure):
    """The subscriptions a new public disclosure concerns (its commune; its village or the
    whole commune; its category or every category), with their users."""
    from django.db.models import Q

    subs = Subscription.objects.filter(commune_id=disclosure.commune_id)
    if disclosure.village_id:  # a commune-wide disclosure concerns every village's followers
        subs = subs.filter(Q(village__isnull=True) | Q(village_id=disclosure.village_id))
    subs = subs.filter(Q(category="") | Q(category=disclosure.category))
    return subs.select_related("user").order_by("user_id")


def notify_followers(disclosure_id: int) -> int:
    """Tell each follower once about a newly published public disclosure (e-mail when they
    have one, else SMS) and return how many were told. Called by the background task."""
    disclosure = Disclosure.objects.select_related("commune", "village").get(pk=disclosure_id)
    if disclosure.is_internal or disclosure.is_withdrawn:
        return 0
    link = settings.DANCOSO_SITE_URL + reverse(
        "disclosure:detail", args=[disclosure.commune.code, disclosure.public_id]
    )
    place = disclosure.village.name if disclosure.village_id else disclosure.commune.name
    subject = f"Thông tin công khai mới: {disclosure.title}"[:150]
    text = f"{place} vừa công khai “{disclosure.title}”. Xem tại {link}"
    told = set()
    out = sender()
    for sub in followers_of(disclosure):
        if sub.user_id in told or not sub.user.is_active:
            continue
        told.add(sub.user_id)
        if sub.user.email:
            out.send_email(sub.user.email, subject, text)
        elif sub.user.phone:
            out.send_sms(sub.user.phone, text[:300])
    return len(told)
