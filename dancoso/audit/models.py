"""The append-only audit log (Nhật ký kiểm toán), hash-chained per commune.

Rows are never updated or deleted: a database trigger refuses it (see ``guard.py`` and the
migration), and in production the application's database role is granted only SELECT and INSERT
on ``audit_auditevent`` (``manage.py audit_lockdown``). Actors are stored as id and label, not as
a foreign key, so the log outlives accounts and never cascades.
"""

from django.db import models

from .chain import HASHED_FIELDS


class AuditChainHead(models.Model):
    """The last position and hash of one chain; its row is locked for every append."""

    chain = models.CharField(max_length=40, unique=True)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"{self.chain}@{self.seq}"


class AuditEvent(models.Model):
    """One state change: who (and in which role), what, on which object, when, and a summary."""

    chain = models.CharField(max_length=40)
    seq = models.PositiveBigIntegerField()
    occurred_at = models.CharField(max_length=32)  # ISO 8601 UTC, exactly as hashed
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    actor_role = models.CharField(max_length=40, blank=True)
    action = models.CharField(max_length=80)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    summary = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_chain_seq")]
        indexes = [
            models.Index(fields=["object_type", "object_id", "seq"], name="audit_object"),
            models.Index(fields=["actor_id"], name="audit_actor"),
            models.Index(fields=["chain", "action", "seq"], name="audit_chain_action"),
        ]

    def __str__(self) -> str:
        return f"{self.chain}#{self.seq} {self.action}"

    def as_hashed(self) -> dict:
        return {name: getattr(self, name) for name in (*HASHED_FIELDS, "id", "hash")}
