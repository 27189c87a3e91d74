"""axe-core (npm, node_modules/axe-core) run inside a page: the venue's accessibility check."""

from __future__ import annotations

from typing import Any

from playwright.async_api import Page

from venue.settings import ROOT

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every WCAG 2.x A/AA violation axe finds on the page as it is now (the context needs
    bypass_csp: the venue's Content-Security-Policy refuses the injected script otherwise)."""
    await page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = await page.evaluate(
        """() => axe.run(document, {
            runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        })"""
    )
    return [
        {
            "id": v["id"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
            "summary": v["nodes"][0].get("failureSummary", ""),
        }
        for v in result["violations"]
    ]
