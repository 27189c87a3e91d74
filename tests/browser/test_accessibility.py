"""axe-core on the venue view: map mode, list mode and a phone, 0 violations each."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.axe import axe_violations
from tests.browser.conftest import Open

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


async def test_map_mode_has_no_axe_violations(open_person: Open) -> None:
    await open_person("Bernd")
    anna = await open_person("Anna", bypass_csp=True)
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd")
    assert await axe_violations(anna.page) == []


async def test_list_mode_has_no_axe_violations(open_person: Open) -> None:
    await open_person("Bernd")
    anna = await open_person("Anna", lang="en", bypass_csp=True)
    await anna.page.click("#view-list")
    await expect(anna.page.locator("#map-section")).to_be_hidden()
    await expect(anna.page.locator("#roster")).to_contain_text("Bernd")
    assert await axe_violations(anna.page) == []


async def test_phone_layout_has_no_axe_violations(open_person: Open) -> None:
    anna = await open_person("Anna", bypass_csp=True, **PHONE)
    await expect(anna.page.locator("#map[data-space='lobby'] canvas")).to_be_visible()
    assert await axe_violations(anna.page) == []
    await anna.page.get_by_role("button", name="Leute").tap()  # the roster and the look picker
    await expect(anna.page.locator("#look")).to_be_visible()
    await anna.page.get_by_role("button", name="Menü").tap()
    assert await axe_violations(anna.page) == []
