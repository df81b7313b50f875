"""The product's WSGI application with ``bench.settings_consultation`` (see there)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings_consultation"
application = get_wsgi_application()
