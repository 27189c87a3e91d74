"""What deploy/smoke.sh runs is what deploy/compose.yaml describes: settings, commands, nginx."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.deploy.smoke.conftest import Deployment
from venue.settings import ROOT, Settings

DEPLOY = ROOT / "deploy"
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
# what this machine sets and compose gets elsewhere: from deploy/.env (VENUE_PUBLIC_URL), the
# image (VENUE_DATA_DIR), and a channel of its own on a Redis others may share
SMOKE_ONLY = {"VENUE_PUBLIC_URL", "VENUE_DATA_DIR", "VENUE_REDIS_CHANNEL"}
# TURN is set per installation in deploy/.env (deploy/env.example); the check sets it itself
SMOKE_ONLY |= {"VENUE_AV_TURN_SECRET", "VENUE_AV_TURN_URLS", "VENUE_AV_RELAY_ONLY"}
# the lines each environment's nginx files may hold (nginx.conf includes them)
ENVIRONMENT_FILES = {
    "upstream.conf": ("server ", "resolver "),
    "listen.conf": ("listen ", "client_body_temp_path ", "proxy_temp_path "),
}


def env_file(path: Path) -> dict[str, str]:
    """KEY=value lines, as compose's env_file and the shell's `set -a; .` read them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    pairs = (line.split("=", 1) for line in lines if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def command_line(pid: int) -> list[str]:
    """A running process's arguments."""
    return Path(f"/proc/{pid}/cmdline").read_bytes().decode().rstrip("\0").split("\0")


def environment(pid: int) -> dict[str, str]:
    """A running process's environment, as it was given at its start."""
    entries = Path(f"/proc/{pid}/environ").read_bytes().decode().rstrip("\0").split("\0")
    return dict(entry.split("=", 1) for entry in entries)


def shape(args: list[str]) -> list[str]:
    """A command line with the values of its options left out."""
    return [arg if i == 0 or arg.startswith("--") else "…" for i, arg in enumerate(args)]


def settings_of(environ: dict[str, str]) -> dict[str, str]:
    fields = {f"VENUE_{name.upper()}" for name in Settings.model_fields}
    return {key: value for key, value in environ.items() if key in fields}


def test_the_app_processes_get_compose_settings_and_command(deployment: Deployment) -> None:
    shared = env_file(DEPLOY / "venue.env")
    for name in ("app1", "app2"):
        assert SERVICES[name]["env_file"] == ["venue.env", ".env"]
    composed = set(SERVICES["app1"]["environment"]) | set(shared)
    command = SERVICES["app1"]["command"]
    assert SERVICES["app2"]["command"] == command
    for pid in deployment.pids:
        argv, settings = command_line(pid), settings_of(environment(pid))
        assert set(settings) - SMOKE_ONLY == composed
        assert {key: settings[key] for key in shared} == shared
        assert settings["VENUE_REDIS_URL"] and settings["VENUE_DATABASE_URL"].startswith("postgres")
        # `venue serve --host H --port P`: the same command and options, other values
        assert Path(argv[1]).name == command[0]
        assert shape(argv[2:]) == shape(command[1:])


def test_migrations_run_once_before_the_processes_as_in_compose() -> None:
    assert SERVICES["migrate"]["command"] == ["venue", "db", "upgrade"]
    for name in ("app1", "app2"):
        migrate = SERVICES[name]["depends_on"]["migrate"]
        assert migrate == {"condition": "service_completed_successfully"}
    script = (DEPLOY / "smoke.sh").read_text(encoding="utf-8")
    assert script.index('"$VENUE" db upgrade') < script.index('"$VENUE" serve')


def test_nginx_runs_the_composed_configuration(deployment: Deployment) -> None:
    volumes = SERVICES["nginx"]["volumes"]
    assert volumes == [
        "./nginx.conf:/etc/nginx/nginx.conf:ro",
        "./nginx.compose.d:/etc/nginx/venue.d:ro",
    ]
    # nginx writes its title over its command line: "nginx: master process nginx -c …"
    argv = " ".join(command_line(deployment.nginx_pid)).split()
    config = Path(argv[argv.index("-c") + 1])
    assert config.resolve() == DEPLOY / "nginx.conf"  # the file itself, not a copy
    text = config.read_text(encoding="utf-8")
    for name in ENVIRONMENT_FILES:
        assert f"include venue.d/{name};" in text
    for folder in (DEPLOY / "nginx.compose.d", config.parent / "venue.d"):
        assert sorted(p.name for p in folder.iterdir()) == sorted(ENVIRONMENT_FILES)
        for name, allowed in ENVIRONMENT_FILES.items():
            for line in (folder / name).read_text(encoding="utf-8").splitlines():
                assert not line.strip() or line.startswith("#") or line.startswith(allowed), (
                    f"{folder / name}: {line!r} belongs in nginx.conf, shared by every deployment"
                )
