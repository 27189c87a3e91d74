"""setup.py's build step refuses to make a wheel whose browser would lack its libraries."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from venue.settings import ROOT


def build_step() -> ModuleType:
    spec = importlib.util.spec_from_file_location("venue_build_step", ROOT / "setup.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_browser_libraries_are_package_json_dependencies_at_their_locked_versions() -> None:
    libraries = build_step().browser_libraries()
    # not the socket.io server (bench)
    assert set(libraries) == {"chart.js", "phaser", "socket.io-client"}
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    assert libraries["phaser"] == lock["node_modules/phaser"]["version"]


def test_missing_or_other_libraries_stop_the_build(tmp_path: Path) -> None:
    step = build_step()
    libraries = {"phaser": "4.2.1"}
    with pytest.raises(SystemExit, match=r"phaser/dist is missing: run `npm ci`"):
        step.check_installed(tmp_path, libraries)
    (tmp_path / "phaser" / "dist").mkdir(parents=True)
    (tmp_path / "phaser" / "package.json").write_text('{"version": "3.90.0"}')
    with pytest.raises(SystemExit, match=r"holds phaser 3\.90\.0, package-lock\.json pins 4\.2\.1"):
        step.check_installed(tmp_path, libraries)
    installed = ROOT / "node_modules" / "phaser" / "package.json"
    shutil.copyfile(installed, tmp_path / "phaser" / "package.json")
    step.check_installed(tmp_path, {"phaser": step.browser_libraries()["phaser"]})
