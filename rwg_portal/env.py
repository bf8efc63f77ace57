"""Typed readers for settings taken from the environment (12-factor).

Every variable may also be given as ``NAME_FILE``: the path of a file that holds the
value, which is how Docker and most secret stores hand over secrets.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit


def env_str(name: str, default: str = "") -> str:
    """Return the variable ``name``, or the content of the file named by ``name_FILE``."""
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = env_str(name, "")
    if value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ValueError(f"{name} must be a boolean (true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = env_str(name, "")
    if value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from exc


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = env_str(name, "")
    if value == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


def xdist_process_number() -> int | None:
    """The number of this pytest-xdist test process (``PYTEST_XDIST_WORKER=gw3`` gives 3), or None.

    pytest-xdist sets the variable in each process it starts for a parallel test run, and a Celery
    worker started by such a process inherits it; nothing sets it outside the tests.
    """
    name = os.environ.get("PYTEST_XDIST_WORKER", "")
    return int(name.removeprefix("gw")) if name.startswith("gw") and name[2:].isdigit() else None


def redis_database_further(url: str, steps: int) -> str:
    """The same Redis URL naming the database ``steps`` further on (of Redis's 16, wrapping round).

    ``redis://host:6379/2`` with 3 steps gives ``redis://host:6379/5``; a URL without a database
    number means database 0.
    """
    if not url or not steps:
        return url
    parts = urlsplit(url)
    current = parts.path.strip("/")
    number = int(current) if current.isdigit() else 0
    return urlunsplit(parts._replace(path=f"/{(number + steps) % 16}"))
