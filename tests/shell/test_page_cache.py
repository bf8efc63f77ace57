"""Public data pages answer conditional requests (rwg_portal/page_cache.py), and what moves the data version.

Anonymous answers carry an ETag and Last-Modified made from the data version; a request whose
validator still holds gets a 304; changed data changes the ETag. Signed-in answers never carry a
header that lets a shared cache keep them. Only writes that succeed move the data version: a POST
refused by CSRF, by permissions or answered 405 leaves every cached figure where it was; and nothing
a visitor puts in the query string adds entries to the shared cache.
"""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from data_hub import caching
from data_hub.models import Dataset, Indicator, Observation, Place
from rwg_portal.cache import generation, next_generation
from tests.data_hub.factories import ReleaseFactory

pytestmark = pytest.mark.django_db

API = "/data/api/v1/observations.json?indicator=migrant_stock&place=JOR"
PUBLIC_PAGES = ["/data/", "/data/places/", "/data/places/JOR/", "/data/quality/", "/data/releases/",
                "/data/api/v1/indicators.json", "/data/api/v1/places.json", "/data/api/v1/releases.json", API,
                "/data/api/v1/aggregates.json?indicator=migrant_stock&place=ARAB"]


@pytest.fixture
def sample_release(db):
    """A small published release of migrant stock for Jordan (UN DESA dataset)."""
    release = ReleaseFactory(dataset=Dataset.objects.get(code="undesa-stock"), revision="Rev.cache")
    stock, jordan = Indicator.objects.get(code="migrant_stock"), Place.objects.get(code="JOR")
    for year in (2010, 2019):
        for sex, value in (("T", 100), ("M", 60), ("F", 40)):
            Observation.objects.create(release=release, indicator=stock, place=jordan, year=year, sex=sex, value=value)
    return release


def test_an_anonymous_api_answer_can_be_kept_by_a_proxy_and_revalidated(sample_release):
    client = Client()
    response = client.get(API)
    assert response.status_code == 200
    control = response["Cache-Control"]
    assert "public" in control and "max-age=" in control
    assert response["ETag"] and response["Last-Modified"]
    again = client.get(API, headers={"if-none-match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""
    assert again["ETag"] == response["ETag"]
    since = client.get(API, headers={"if-modified-since": response["Last-Modified"]})
    assert since.status_code == 304


def test_changed_data_changes_the_etag(sample_release, people, django_capture_on_commit_callbacks):
    client = Client()
    first = client.get("/data/places/JOR/")
    assert first.status_code == 200
    assert client.get("/data/places/JOR/", headers={"if-none-match": first["ETag"]}).status_code == 304
    writer = Client()
    writer.force_login(people.alternate)
    with django_capture_on_commit_callbacks(execute=True):
        answer = writer.post(reverse("data_hub:group_create"), {
            "code": "levant", "name_en": "Levant", "members": [Place.objects.get(code="JOR").pk]})
    assert answer.status_code == 302
    changed = client.get("/data/places/JOR/", headers={"if-none-match": first["ETag"]})
    assert changed.status_code == 200
    assert changed["ETag"] != first["ETag"]


def test_html_pages_are_private_and_their_etag_follows_the_csrf_cookie(sample_release):
    client = Client()
    first = client.get("/data/places/JOR/")  # a first visit: the answer sets the CSRF cookie its form holds
    assert "csrftoken" in first.cookies
    assert "private" in first["Cache-Control"] and "public" not in first["Cache-Control"]
    assert client.get("/data/places/JOR/", headers={"if-none-match": first["ETag"]}).status_code == 304
    stranger = Client()  # another visitor's cookie: the page (and its token) is not theirs
    stranger.cookies["csrftoken"] = "x" * 32
    assert stranger.get("/data/places/JOR/", headers={"if-none-match": first["ETag"]}).status_code == 200


def _stack_must_not_run(request):
    raise AssertionError("the 304 was not answered before the rest of the middleware")


@pytest.mark.parametrize("url", ["/data/places/JOR/", API])
def test_a_still_valid_validator_is_answered_before_sessions_and_the_view(sample_release, url):
    from django.test import RequestFactory

    from rwg_portal.page_cache import NotModifiedMiddleware

    client = Client()
    full = client.get(url)
    cookies = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
    early = NotModifiedMiddleware(_stack_must_not_run)
    request = RequestFactory().get(url, headers={"if-none-match": full["ETag"], "cookie": cookies})
    answer = early(request)
    assert answer.status_code == 304
    assert answer["ETag"] == full["ETag"] and answer["Cache-Control"] == full["Cache-Control"]
    assert answer["Vary"] == full["Vary"]
    # The same validator through the whole stack (the test client): the same 304.
    assert client.get(url, headers={"if-none-match": full["ETag"]}).status_code == 304


def test_the_early_answer_leaves_everything_else_to_the_stack(sample_release, people):
    from django.test import RequestFactory

    from rwg_portal.page_cache import NotModifiedMiddleware

    reached = []
    early = NotModifiedMiddleware(lambda request: reached.append(request.path) or "stack")
    etag = Client().get(API)["ETag"]
    factory = RequestFactory()
    asked = [
        factory.get(API, headers={"if-none-match": etag, "cookie": "sessionid=abc"}),  # perhaps signed in
        factory.get(API, headers={"if-none-match": etag, "cookie": "messages=abc"}),  # a notice to show
        factory.get(API, headers={"if-none-match": '"stale"'}),  # the data moved on
        factory.get(API, headers={"if-none-match": etag, "cookie": "django_language=fr"}),  # another language
        factory.get("/meetings/", headers={"if-none-match": etag}),  # not a public page
        factory.post(API, headers={"if-none-match": etag}),
    ]
    for request in asked:
        assert early(request) == "stack"
    assert len(reached) == len(asked)


@pytest.mark.parametrize("role", ["focal_point", "secretariat", "no_role"])
def test_a_signed_in_page_never_carries_a_shared_cache_header(sample_release, people, role):
    client = Client()
    client.force_login(people.user(role))
    for url in [*PUBLIC_PAGES, "/", "/meetings/", "/programmes/activities/"]:
        response = client.get(url)
        control = response.get("Cache-Control", "")
        assert "public" not in control and "s-maxage" not in control, url
        if url in PUBLIC_PAGES:
            assert "private" in control, url
            assert not response.has_header("ETag"), url


def test_refused_writes_invalidate_nothing(sample_release, people, django_capture_on_commit_callbacks):
    version = caching.data_version()
    reader = Client()
    etag = reader.get(API)["ETag"]
    anonymous = Client(enforce_csrf_checks=True)
    member = Client(enforce_csrf_checks=True)
    member.force_login(people.no_role)
    group = {"code": "levant", "name_en": "Levant", "members": [Place.objects.get(code="JOR").pk]}
    with django_capture_on_commit_callbacks(execute=True):
        assert anonymous.post(API).status_code == 405
        assert anonymous.post("/data/places/JOR/").status_code == 403  # CSRF, before the 405
        assert anonymous.post(reverse("data_hub:group_create"), group).status_code in (302, 403)
        assert member.post(reverse("data_hub:group_create"), group).status_code == 403  # no CSRF token
        member.get("/data/")  # now with a CSRF cookie and token, but no right to define groups
        token = member.cookies["csrftoken"].value
        assert member.post(reverse("data_hub:group_create"), group, headers={"x-csrftoken": token}).status_code == 403
        assert member.post(reverse("data_hub:release_delete", args=[sample_release.pk]), {},
                           headers={"x-csrftoken": token}).status_code in (403, 404)
    assert caching.data_version() == version
    assert not Place.objects.filter(code="LEVANT").exists()
    # A proxy's or browser's copy stays valid: the same validator is still answered 304.
    assert reader.get(API, headers={"if-none-match": etag}).status_code == 304


def test_junk_parameters_and_large_pages_add_nothing_to_the_shared_cache(sample_release, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "junk-test"}}
    cache.clear()
    client = Client()
    explorer = "/data/?indicator=migrant_stock&places=ARAB&places=JOR&sexes=T"
    aggregates = "/data/api/v1/aggregates.json?indicator=migrant_stock&place=ARAB&years=2019"
    for url in (explorer, API, "/data/places/JOR/", aggregates):
        assert client.get(url).status_code == 200
    filled = len(cache._cache)
    for n in range(20):
        assert client.get(f"{explorer}&junk{n}=x{n}").status_code == 200
        assert client.get(f"{API}&limit={10000 - n}&offset={10**12 + n}&junk={n}").status_code == 200
        assert client.get(f"/data/places/JOR/?junk={n}").status_code == 200
        assert client.get(f"{aggregates},{3000 + n}").status_code == 200  # years the release does not have
    assert len(cache._cache) == filled


def test_generation_counters_only_grow_even_when_lost(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                                   "LOCATION": "counter-test"}}
    first = generation("test:counter")
    next_generation("test:counter")
    second = generation("test:counter")
    assert second > first
    cache.delete("test:counter")  # evicted, or Redis restarted empty
    assert generation("test:counter") > second  # never a value an ETag was already made from


def test_the_cache_has_its_own_bounded_redis_that_cannot_evict_the_broker_queues():
    """docker-compose.yml: filling the cache evicts old cache entries (never counters), never queued tasks."""
    import yaml
    from django.conf import settings as django_settings

    compose = yaml.safe_load((django_settings.BASE_DIR / "docker-compose.yml").read_text())
    services, env = compose["services"], compose["x-portal"]["environment"]
    cache_host = env["REDIS_URL"].split("//", 1)[1].split(":", 1)[0]
    broker_host = env["CELERY_BROKER_URL"].split("//", 1)[1].split(":", 1)[0]
    assert cache_host != broker_host and {cache_host, broker_host} <= set(services)

    def option(service: str, name: str) -> str:
        command = services[service]["command"]
        return command[command.index(name) + 1]

    assert option(cache_host, "--maxmemory").endswith("mb")
    assert option(cache_host, "--maxmemory-policy") == "volatile-lru"
    assert option(broker_host, "--maxmemory-policy") == "noeviction"
