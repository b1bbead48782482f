"""The image and the compose file, read as text and YAML: Docker is not needed to check them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("migrate", "web", "worker")


@pytest.fixture(scope="module")
def services() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["services"]


@pytest.fixture(scope="module")
def dockerfile() -> str:
    return (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_postgres_and_redis_report_their_health(services) -> None:
    assert re.fullmatch(r"postgres:1[56](-alpine)?", services["db"]["image"])
    assert re.fullmatch(r"redis:7(-alpine)?", services["redis"]["image"])
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert services["redis"]["healthcheck"]["test"] == ["CMD", "redis-cli", "ping"]
    assert any(volume.endswith(":/var/lib/postgresql/data") for volume in services["db"]["volumes"])


@pytest.mark.parametrize("name", ["web", "worker"])
def test_servers_and_workers_wait_for_healthy_backends_and_migrations(services, name) -> None:
    assert services[name]["depends_on"] == {
        "db": {"condition": "service_healthy"},
        "redis": {"condition": "service_healthy"},
        "migrate": {"condition": "service_completed_successfully"},
    }


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_share_one_image_wired_to_postgres_and_redis(services, name) -> None:
    service = services[name]
    environment = service["environment"]

    assert service["build"] == "."
    assert service["env_file"] == ".env"
    assert environment["DATABASE_URL"].startswith("postgres://")
    assert "@db:5432/" in environment["DATABASE_URL"]
    assert environment["REDIS_URL"] == "redis://redis:6379/0"
    assert environment["REQUIRE_SECRET_KEY"] == "true"


def test_each_process_runs_its_command(services) -> None:
    assert services["migrate"]["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert services["web"]["command"][0] == "daphne"
    assert services["worker"]["command"] == ["python", "manage.py", "sync_calendar", "--loop"]
    # No HTTP server in these two: the image's /health probe would call them unhealthy.
    assert services["worker"]["healthcheck"] == {"disable": True}
    assert services["migrate"]["healthcheck"] == {"disable": True}


def test_the_image_is_multi_stage_non_root_and_checks_its_health(dockerfile) -> None:
    stages = re.findall(r"^FROM\s+(\S+)(?:\s+AS\s+(\w+))?", dockerfile, re.MULTILINE)
    users = re.findall(r"^USER\s+(\S+)", dockerfile, re.MULTILINE)

    assert len(stages) >= 2
    assert "COPY --from=build /venv /venv" in dockerfile
    assert users[-1] not in ("root", "0")
    assert re.search(r"^HEALTHCHECK .*\n?.*/health", dockerfile, re.MULTILINE)
    assert re.search(r"^RUN .*manage\.py collectstatic --noinput", dockerfile, re.MULTILINE)
    assert not re.search(r"^(RUN|COPY) .*requirements-dev", dockerfile, re.MULTILINE)
    assert re.search(
        r"^CMD .*manage\.py migrate --noinput && exec daphne", dockerfile, re.MULTILINE
    )


def test_the_build_context_leaves_the_developers_machine_out() -> None:
    lines = (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    ignored = {line.strip() for line in lines if line.strip() and not line.startswith("#")}
    wanted = [".venv", ".git", ".env", "db.sqlite3", "staticfiles", "tests/e2e/artifacts"]

    def covered(path: str) -> bool:
        parts = path.split("/")
        return any("/".join(parts[:n]) in ignored for n in range(1, len(parts) + 1))

    assert [path for path in wanted if not covered(path)] == []
    assert "**/__pycache__" in ignored
