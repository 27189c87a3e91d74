"""The wheel's build step: the browser client, its npm libraries and the seed venue go in too.

Everything else is declared in pyproject.toml. `venue serve` from an installed wheel finds these
in venue/bundled/ (venue/settings.py, `shipped`); a checkout serves its own folders instead, so
an editable install copies nothing. The browser libraries are the `dependencies` of
package.json, taken from node_modules with their licences: `make wheel` runs `npm ci` first,
and the build fails when they are missing or differ from package-lock.json.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SEED = "maps/lausitz-2021"
# what a browser library ships besides its dist/ folder and must travel with it
LIBRARY_FILES = ("package.json", "LICENSE", "LICENSE.md", "LICENSE.txt")


class BuildError(SystemExit):
    """A build that cannot make a working wheel stops with this message."""


def browser_libraries() -> dict[str, str]:
    """package.json's dependencies (not devDependencies) at the versions the lockfile pins."""
    wanted = json.loads((HERE / "package.json").read_text(encoding="utf-8"))["dependencies"]
    locked = json.loads((HERE / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    return {name: locked[f"node_modules/{name}"]["version"] for name in wanted}


def check_installed(modules: Path, libraries: dict[str, str]) -> None:
    """Refuse to build a wheel whose browser would find no Phaser or socket.io-client."""
    for name, version in libraries.items():
        manifest = modules / name / "package.json"
        if not (modules / name / "dist").is_dir() or not manifest.is_file():
            raise BuildError(
                f"error: {modules / name}/dist is missing: run `npm ci` before building the "
                "wheel (`make wheel` does both)"
            )
        found = json.loads(manifest.read_text(encoding="utf-8"))["version"]
        if found != version:
            raise BuildError(
                f"error: node_modules holds {name} {found}, package-lock.json pins {version}: "
                "run `npm ci`"
            )


class BuildWithClient(build_py):
    """build_py, then the client, its libraries and the seed venue into venue/bundled/."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:  # the checkout's own folders are used in place
            return
        bundled = Path(self.build_lib) / "venue" / "bundled"
        shutil.rmtree(bundled, ignore_errors=True)  # nothing stale from an earlier build
        libraries = browser_libraries()
        check_installed(HERE / "node_modules", libraries)
        ignore = shutil.ignore_patterns("__pycache__", "*.pyc", ".*")
        shutil.copytree(HERE / "static", bundled / "static", ignore=ignore)
        shutil.copytree(HERE / SEED, bundled / SEED, ignore=ignore)
        for name in libraries:
            source, target = HERE / "node_modules" / name, bundled / "node_modules" / name
            shutil.copytree(source / "dist", target / "dist", ignore=ignore)
            for extra in LIBRARY_FILES:
                if (source / extra).is_file():
                    shutil.copyfile(source / extra, target / extra)


if __name__ == "__main__":  # as setuptools runs it; tests import the checks above
    setup(cmdclass={"build_py": BuildWithClient})
