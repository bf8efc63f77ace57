import pytest

from members import ratelimit


@pytest.fixture(autouse=True)
def _fresh_join_rate_limit():
    """The rate limit lives in the shared cache (Redis in CI): start every test with a clean count."""
    ratelimit.reset("127.0.0.1", "join")
    yield
    ratelimit.reset("127.0.0.1", "join")
