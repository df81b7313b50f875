"""Settings for the benchmark server: the product's settings, with a URL map that adds the bare
reference view (``bench/urls_bench.py``). Nothing else changes, so the pages measured run with
the production middleware, templates and database settings."""

from dancoso.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls_bench"
