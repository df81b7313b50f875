"""The bench settings with the per-account and per-address write limits switched off: the
comment-posting benchmark sends hundreds of comments a second from one account on loopback,
which the limits (20 an hour per account) exist to refuse. Used only by
``bench/consultation.py``; everything else is the product's configuration."""

from bench.settings_bench import *  # noqa: F403

RATELIMIT_ENABLE = False
