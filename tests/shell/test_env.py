"""The environment readers behind the settings (rwg_portal/env.py): the parallel test processes' Redis databases."""

import os

import pytest
from django.conf import settings

from rwg_portal.env import redis_database_further, xdist_process_number


@pytest.mark.parametrize(("url", "steps", "expected"), [
    ("redis://127.0.0.1:6379/2", 3, "redis://127.0.0.1:6379/5"),
    ("redis://127.0.0.1:6379/14", 3, "redis://127.0.0.1:6379/1"),  # Redis has 16 databases: round again
    ("redis://127.0.0.1:6379", 1, "redis://127.0.0.1:6379/1"),  # no number is database 0
    ("redis://:secret@cache:6380/1?socket_timeout=1", 2, "redis://:secret@cache:6380/3?socket_timeout=1"),
    ("redis://127.0.0.1:6379/2", 0, "redis://127.0.0.1:6379/2"),
    ("", 2, ""),
])
def test_a_redis_url_moves_to_the_database_further_on(url, steps, expected):
    assert redis_database_further(url, steps) == expected


@pytest.mark.parametrize(("name", "expected"), [("gw0", 0), ("gw11", 11), ("", None), ("master", None)])
def test_the_xdist_process_number_comes_from_pytest_xdist(monkeypatch, name, expected):
    monkeypatch.setenv("PYTEST_XDIST_WORKER", name)
    assert xdist_process_number() == expected


def test_each_parallel_test_process_has_its_own_cache_broker_and_media(worker_id):
    """Tests clear the cache: under pytest-xdist each process (gw0, gw1, ...) clears only its own Redis database."""
    number = xdist_process_number()
    assert (number is None) == (worker_id == "master")
    steps = number or 0
    assert redis_database_further(os.environ.get("REDIS_URL", ""), steps) == settings.REDIS_URL
    if number is not None and os.environ.get("RWG_TEST_BROKER_BASE"):
        # Celery reads the environment's broker before its settings: both name this process's database.
        assert redis_database_further(os.environ["RWG_TEST_BROKER_BASE"], steps) == settings.CELERY_BROKER_URL
        assert os.environ["CELERY_BROKER_URL"] == settings.CELERY_BROKER_URL
    elif os.environ.get("CELERY_BROKER_URL"):
        assert os.environ["CELERY_BROKER_URL"] == settings.CELERY_BROKER_URL
    assert settings.MEDIA_ROOT.name == ("media" if number is None else f"media-gw{number}")
