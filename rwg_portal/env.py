"""Typed readers for settings taken from the environment (12-factor).

Every variable may also be given as ``NAME_FILE``: the path of a file that holds the
value, which is how Docker and most secret stores hand over secrets.
"""

import os
from pathlib import Path


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
