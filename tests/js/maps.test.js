import assert from "node:assert/strict";
import { test } from "node:test";

import { SpaceMaps } from "../../static/js/maps.js";
import { VenueState } from "../../static/js/state.js";
import { areaObject, settle, tiledMap } from "./fakes.js";

const MAP = tiledMap({
  rows: ["....", ".#..", "...."],
  objects: [
    areaObject("start", 0, 0, { start: true }),
    areaObject("to-bar", 3, 2, { exitUrl: "bar.tmj#start" }),
    areaObject("booth-energy", 2, 0, { booth: "energy" }),
    areaObject("table-a", 0, 2, { table: "Tisch 1" }),
    areaObject("table-b", 1, 2, { table: "" }),
  ],
});
const space = (id) => ({ id, kind: "lobby", name: { de: id, en: id }, capacity: 10, count: 0, mapUrl: `/maps/${id}.json`, meeting: null, meetings: [] });
const me = { id: "me", name: "Me", role: "participant", space: "lobby", x: 16, y: 16, status: "available" };

/** A VenueState followed by SpaceMaps whose fetches are counted (and can be made to fail). */
function setup({ fail = new Set() } = {}) {
  const fetched = [];
  const maps = new SpaceMaps(async (url) => {
    fetched.push(url);
    if (fail.has(url)) throw new Error(`${url}: HTTP 500`);
    return structuredClone(MAP);
  });
  const state = new VenueState();
  maps.follow(state);
  const shown = [];
  maps.on("map", (event) => shown.push(event));
  const welcome = (at) => state.applyWelcome({ venue: "v", title: {}, spaces: [space("lobby"), space("bar")], snapshot: { space: at, me, people: [] }, tickHz: 10, timeZone: "UTC" });
  return { maps, state, fetched, shown, welcome };
}

test("a space's map is parsed once into walk grid, doors, booths and tables", async () => {
  const { shown, welcome } = setup();
  welcome("lobby");
  await settle();
  const [{ space: id, map }] = shown;
  assert.equal(id, "lobby");
  assert.equal(map.walk.walkable(40, 40), false);
  assert.deepEqual(map.doors.map((d) => d.name), ["to-bar"]);
  assert.deepEqual(map.booths, [{ id: "energy", area: "booth-energy", x: 64, y: 0, w: 32, h: 32 }]);
  assert.deepEqual(map.tables.map((t) => [t.area, t.label]), [["table-a", "Tisch 1"], ["table-b", "table-b"]]);
});

test("each map is fetched once, however often one comes back or reconnects", async () => {
  const { state, fetched, shown, welcome } = setup();
  welcome("lobby");
  await settle();
  state.applySnapshot({ space: "bar", me, people: [] });
  await settle();
  state.applySnapshot({ space: "lobby", me, people: [] });
  welcome("lobby");
  await settle();
  assert.deepEqual(fetched, ["/maps/lobby.json", "/maps/bar.json"]);
  assert.deepEqual(shown.map((e) => e.space), ["lobby", "bar", "lobby", "lobby"]);
});

test("the map of a space I already left is never handed out", async () => {
  const { state, shown, welcome } = setup();
  welcome("lobby");
  state.applySnapshot({ space: "bar", me, people: [] });
  await settle();
  assert.deepEqual(shown.map((e) => e.space), ["bar"]);
});

test("a map that cannot be fetched is reported, and fetched again on the next try", async () => {
  const fail = new Set(["/maps/lobby.json"]);
  const { maps, fetched, shown, welcome } = setup({ fail });
  welcome("lobby");
  await settle();
  assert.equal(shown[0].map, null);
  assert.match(shown[0].error.message, /HTTP 500/);
  assert.equal(maps.current.map, null);
  fail.clear();
  maps.refresh();
  await settle();
  assert.ok(shown[1].map);
  assert.equal(maps.current, shown[1]);
  assert.deepEqual(fetched, ["/maps/lobby.json", "/maps/lobby.json"]);
});
