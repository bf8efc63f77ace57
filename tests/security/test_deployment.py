"""The production compose file (docker-compose.yml): services, ports, Redis settings."""

import shutil
import subprocess

import pytest
import yaml

from tests.conftest import ROOT, skip_missing_outside_project

COMPOSE = ROOT / "docker-compose.yml"


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


def test_the_services_are_there(compose):
    assert {"db", "redis", "web", "worker", "reports-worker", "beat"} <= set(compose["services"])


def test_only_the_web_service_publishes_a_port_and_only_on_the_loopback(compose):
    """The portal trusts the proxy's forwarded headers: only the proxy on this host may reach it."""
    published = {name: service.get("ports", []) for name, service in compose["services"].items()}
    assert {name for name, ports in published.items() if ports} == {"web"}
    for port in published["web"]:
        assert str(port).startswith("127.0.0.1:"), f"{port} is published on every interface"


def test_redis_keeps_its_data_and_is_not_published(compose):
    redis = compose["services"]["redis"]
    assert "ports" not in redis
    assert "--appendonly" in redis["command"]
    assert redis["healthcheck"]["test"][-1] == "ping"


def test_the_readme_says_where_the_port_is_bound():
    readme = (ROOT / "README.md").read_text()
    assert "127.0.0.1:8000" in readme and "proxy" in readme.split("## Production", 1)[1].split("##", 1)[0]


def test_docker_compose_accepts_the_file(tmp_path):
    """``docker compose config`` validates the file where docker's compose plugin is installed."""
    docker = shutil.which("docker")
    if docker is None or subprocess.run([docker, "compose", "version"], capture_output=True).returncode != 0:
        # Docker's compose plugin comes from Docker's own repository, not from the registries the set-up uses.
        skip_missing_outside_project("docker's compose plugin (`docker compose version` fails); the YAML checks above "
                                     "still ran")
    shutil.copy(COMPOSE, tmp_path / "docker-compose.yml")
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    result = subprocess.run([docker, "compose", "config", "--quiet"], cwd=tmp_path, capture_output=True, text=True,
                            env={"POSTGRES_PASSWORD": "x", "PATH": "/usr/bin:/bin"})
    assert result.returncode == 0, result.stderr
