"""The portal's WSGI application plus one bare view, for the load test only (benchmarks/load_test.py).

The bare view renders a 50-row table from PostgreSQL through the same middleware, so that the
portal's pages can be compared with "Django doing almost nothing" on the same server in the same
run. It is mounted here, never in rwg_portal/urls.py: production never serves it.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rwg_portal.settings")

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

from django.http import HttpResponse  # noqa: E402
from django.template import engines  # noqa: E402
from django.urls import clear_url_caches, path  # noqa: E402

import rwg_portal.urls  # noqa: E402

_TABLE = engines["django"].from_string(
    "<!doctype html><html lang=\"en\"><head><title>Bare table</title></head><body><main><table>"
    "<caption>Observations</caption><thead><tr><th>id</th><th>year</th><th>sex</th><th>value</th></tr></thead>"
    "<tbody>{% for o in rows %}<tr><td>{{ o.pk }}</td><td>{{ o.year }}</td><td>{{ o.sex }}</td>"
    "<td>{{ o.value }}</td></tr>{% endfor %}</tbody></table></main></body></html>"
)


def bare_table(request):
    """50 rows from PostgreSQL rendered by a Django template: the baseline of the load test."""
    from data_hub.models import Observation

    rows = list(Observation.objects.only("pk", "year", "sex", "value").order_by("pk")[:50])
    return HttpResponse(_TABLE.render({"rows": rows}, request))


rwg_portal.urls.urlpatterns.insert(0, path("benchmark/bare-table/", bare_table))
clear_url_caches()
