import assert from "node:assert/strict";
import { test } from "node:test";

import { VenueState } from "../../static/js/state.js";

const person = (id, extra = {}) => ({ id, name: id, role: "participant", space: "lobby", x: 10, y: 10, status: "available", ...extra });
const space = (id, count = 0) => ({ id, kind: id, name: { de: id, en: id }, capacity: 10, count, mapUrl: `/maps/${id}.json`, meeting: null, meetings: [] });

/** A welcomed VenueState and the events it emitted, by name. */
function welcomed() {
  const state = new VenueState();
  const events = [];
  for (const name of ["spaces", "space", "people", "moves", "arrived", "departed", "me"]) state.on(name, (detail) => events.push([name, detail]));
  state.applyWelcome({
    venue: "v",
    title: { de: "T", en: "T" },
    spaces: [space("lobby", 2), space("bar")],
    snapshot: { space: "lobby", me: person("me", { name: "Mia" }), people: [person("me"), person("zoe"), person("ada")] },
    tickHz: 20,
    timeZone: "Europe/Berlin",
  });
  return { state, events };
}

test("the welcome: spaces, my space, me and the others, tick rate and zone", () => {
  const { state, events } = welcomed();
  assert.equal(state.spaceId, "lobby");
  assert.equal(state.currentSpace.mapUrl, "/maps/lobby.json");
  assert.equal(state.tickHz, 20);
  assert.equal(state.timeZone, "Europe/Berlin");
  assert.deepEqual(state.roster().map((p) => p.id), ["me", "ada", "zoe"], "me first, then by name");
  assert.deepEqual(events.map(([name]) => name), ["spaces", "space", "people", "me"]);
});

test("a reconnect's welcome announces my space again even if it did not change", () => {
  const { state, events } = welcomed();
  events.length = 0;
  state.applyWelcome({ venue: "v", title: {}, spaces: [space("lobby")], snapshot: { space: "lobby", me: person("me"), people: [] }, tickHz: 10, timeZone: "UTC" });
  assert.ok(events.some(([name]) => name === "space"));
});

test("a tick moves people, adds arrivals, removes departures, changes statuses", () => {
  const { state, events } = welcomed();
  events.length = 0;
  state.applyTick({
    space: "lobby",
    moves: [{ id: "ada", x: 50, y: 60 }, { id: "me", x: 70, y: 80 }],
    arrived: [person("bo"), person("me")],
    departed: [{ id: "zoe", to: "bar" }, { id: "nobody", to: null }],
    status: [{ id: "me", status: "busy" }, { id: "bo", status: "away" }],
  });
  assert.deepEqual(state.people.get("ada"), person("ada", { x: 50, y: 60 }));
  assert.deepEqual([...state.people.keys()].sort(), ["ada", "bo"]);
  assert.equal(state.me.status, "busy");
  assert.equal(state.me.x, 10, "my own echoed move is passed on (another tab), not applied");
  assert.deepEqual(events.find(([name]) => name === "moves")[1].map((m) => m.id), ["ada", "me"]);
  assert.deepEqual(events.filter(([name]) => name === "arrived").map(([, p]) => p.id), ["bo"]);
  assert.deepEqual(events.filter(([name]) => name === "departed").map(([, d]) => [d.person.id, d.to]), [["zoe", "bar"]]);
  assert.equal(events.filter(([name]) => name === "people").length, 1, "one roster update per tick");
});

test("a tick of another space, or an empty one, changes and emits nothing", () => {
  const { state, events } = welcomed();
  events.length = 0;
  state.applyTick({ space: "bar", moves: [{ id: "ada", x: 1, y: 1 }], arrived: [person("bo")], departed: [], status: [] });
  state.applyTick({ space: "lobby", moves: [], arrived: [], departed: [], status: [] });
  assert.deepEqual(events, []);
  assert.equal(state.people.get("ada").x, 10);
});

test("a snapshot of another space replaces the people; counts update the list", () => {
  const { state, events } = welcomed();
  events.length = 0;
  state.applySnapshot({ space: "bar", me: person("me", { space: "bar" }), people: [person("me"), person("kim")] });
  assert.equal(state.currentSpace.id, "bar");
  assert.deepEqual([...state.people.keys()], ["kim"]);
  assert.deepEqual(events.map(([name]) => name), ["space", "people", "me"]);
  state.applyCounts({ bar: 2, lobby: 1 });
  assert.deepEqual(state.spaces.map((s) => s.count), [1, 2]);
});

test("my own position and status: walking is silent, a snap and a status are told", () => {
  const { state, events } = welcomed();
  events.length = 0;
  state.setMyPosition(30, 40);
  assert.deepEqual(events, []);
  state.snapMe(5, 6);
  state.setMyStatus("away");
  state.setMyStatus("away");
  assert.deepEqual([state.me.x, state.me.y, state.me.status], [5, 6, "away"]);
  assert.deepEqual(events.map(([name]) => name), ["me", "me", "people"]);
});
