"""A call in the deployment: two people who joined through nginx hear each other, and their
browsers, allowed nothing but relayed candidates, connect through coturn (deploy/smoke.sh
starts it from deploy/turnserver.conf and gives the app processes its secret)."""

from __future__ import annotations

from tests.browser.calls import SELECTED, browser, calling, hears  # noqa: F401 (fixture)
from tests.deploy.smoke.conftest import Deployment, Open


async def test_a_call_relays_through_coturn(deployment: Deployment, open_person: Open) -> None:
    ann, bob = await calling(open_person, "Ann"), await calling(open_person, "Bob")
    await deployment.until_connections(lambda counts: sum(counts) == 2)
    for person in (ann, bob):
        await hears(person.page, 1, within=30)
        policies = await person.page.evaluate(
            "() => window.__pcs.map((pc) => pc.getConfiguration().iceTransportPolicy)"
        )
        assert set(policies) == {"relay"}
        assert await person.page.evaluate(SELECTED) == ["relay"]
