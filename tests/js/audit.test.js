import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, test } from "node:test";

import { setTimeZone } from "../../static/js/clock.js";
import { loadCatalogue } from "../../static/js/i18n.js";
import { actionText, DELETED, detailText, personName } from "../../static/js/ui/console/audit.js";

const realFetch = globalThis.fetch;
before(async () => {
  globalThis.fetch = async () => new Response(await readFile(new URL("../../static/locales/de.json", import.meta.url)));
  await loadCatalogue("de");
  setTimeZone("Europe/Berlin");
});
after(() => {
  globalThis.fetch = realFetch;
  setTimeZone(undefined);
});

const names = {
  spaceName: (id) => ({ bar: "Bar", plenary: "Plenum" })[id] ?? id,
  blockStart: (index) => (index === 2 ? "2021-11-30T12:30:00Z" : null),
};

test("the log shows names, spaces and block times in German, never raw ids", () => {
  assert.equal(personName("Ann Beispiel [1f2e3d4c]"), "Ann Beispiel");
  assert.equal(personName(DELETED), "gelöschte Person");
  assert.equal(actionText("delay 5 min"), "verschoben um 5 Minuten");
  assert.equal(actionText("mute"), "stummgeschaltet");
  assert.equal(actionText("chat.delete"), "Nachricht gelöscht");
  assert.equal(detailText({ action: "mute", detail: "Ann [1f2e3d4c]" }, names), "Ann");
  assert.equal(detailText({ action: "space.close", detail: "bar" }, names), "Bar");
  assert.equal(detailText({ action: "delay 5 min", detail: "block 2" }, names), "Block um 13:30 Uhr");
  assert.equal(detailText({ action: "call", detail: "everyone → bar (3 moved)" }, names), "Alle → Bar (3 Personen)");
  assert.equal(detailText({ action: "announce", detail: "plenary: Kaffee" }, names), "Plenum: Kaffee");
  assert.equal(detailText({ action: "remove", detail: `${DELETED}` }, names), "gelöschte Person");
});
