import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { minutesSeconds, setTimeZone, timeOfDay, timeWithSeconds } from "../../static/js/clock.js";
import { loadCatalogue } from "../../static/js/i18n.js";

const realFetch = globalThis.fetch;
afterEach(async () => {
  globalThis.fetch = async () => new Response("{}");
  await loadCatalogue("de");
  globalThis.fetch = realFetch;
  setTimeZone(undefined);
});

test("times are shown in the event's zone, whatever the machine's", () => {
  setTimeZone("Europe/Berlin");
  assert.equal(timeOfDay("2021-11-30T10:00:00Z"), "11:00");
  assert.equal(timeWithSeconds(Date.parse("2021-11-30T10:00:05Z")), "11:00:05");
  setTimeZone("America/New_York");
  assert.equal(timeOfDay("2021-11-30T10:00:00Z"), "05:00");
});

test("times are written the page language's way", async () => {
  setTimeZone("Europe/Berlin");
  globalThis.fetch = async () => new Response("{}");
  await loadCatalogue("en");
  assert.equal(timeOfDay("2021-11-30T14:00:00Z"), "03:00 PM");
});

test("durations count down in minutes and seconds, never below zero", () => {
  assert.equal(minutesSeconds(245_000), "4:05");
  assert.equal(minutesSeconds(100), "0:01");
  assert.equal(minutesSeconds(-5000), "0:00");
});
