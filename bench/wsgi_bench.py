"""WSGI entry point of the benchmark server: ``gunicorn bench.wsgi_bench:application``.

The product's WSGI application with ``bench.settings_bench`` (the product's settings plus the
bare reference view). Run from the repository root."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_bench"
application = get_wsgi_application()
