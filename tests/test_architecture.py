"""The house keeps its shape: the import contracts of pyproject.toml hold, and no cycle."""

from __future__ import annotations

import logging

import grimp
from importlinter.cli import lint_imports

from venue.settings import ROOT


def test_the_import_contracts_hold() -> None:
    """The domain imports nothing of venue; layers point down (pyproject [tool.importlinter])."""
    enabled = [
        logger
        for logger in logging.root.manager.loggerDict.values()
        if isinstance(logger, logging.Logger) and not logger.disabled
    ]
    try:
        assert lint_imports(config_filename=str(ROOT / "pyproject.toml")) == 0
    finally:
        # lint_imports configures logging with dictConfig, which disables every logger that
        # exists: later tests would find venue's log records gone (caplog saw nothing)
        for logger in enabled:
            logger.disabled = False


def test_no_two_modules_import_each_other_even_indirectly() -> None:
    graph = grimp.build_graph("venue")
    cycles = [
        (module, imported)
        for module in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(module))
        if graph.find_shortest_chain(importer=imported, imported=module)
    ]
    assert cycles == []
