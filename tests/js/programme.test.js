import assert from "node:assert/strict";
import { test } from "node:test";

import { ProgrammeState } from "../../static/js/programme.js";

const block = (index, start, end, spaces, slots = spaces.map((space) => ({ title: space, space, start, end }))) => ({ index, start, end, spaces, slots });
const BLOCKS = [
  block(0, "2021-11-30T11:00:00+01:00", "2021-11-30T13:00:00+01:00", ["plenary"]),
  block(1, "2021-11-30T13:30:00+01:00", "2021-11-30T15:30:00+01:00", ["workshop-1", "workshop-2"]),
  block(2, "2021-11-30T15:30:00+01:00", "2021-11-30T16:00:00+01:00", ["bar"]),
];

function programme({ now = "2021-11-30T12:00:00+01:00", current = 0, next = 1, stayMinutes = 10 } = {}) {
  const model = new ProgrammeState();
  model.applyState({ clock: { now, speed: 1, rehearsal: false }, blocks: BLOCKS, current, next, closed: ["bar"], warningMinutes: 5, stayMinutes });
  return model;
}

test("now, next and the time until the next block, on the programme's clock", () => {
  const model = programme();
  assert.equal(model.current.index, 0);
  assert.equal(model.next.index, 1);
  const left = model.untilNext();
  assert.ok(left <= 90 * 60_000 && left > 90 * 60_000 - 1000, String(left));
  assert.equal(model.isClosed("bar"), true);
  assert.equal(model.isClosed("plenary"), false);
});

test("the stay button's minutes are the venue's, not a number in the client", () => {
  assert.equal(programme({ stayMinutes: 10 }).stayMinutes, 10);
  assert.equal(new ProgrammeState().stayMinutes, null);
});

test("where I belong: the server's word for now and next, my workshop remembered after", () => {
  const model = programme();
  assert.equal(model.targetOf(BLOCKS[0]), "plenary");
  assert.equal(model.targetOf(BLOCKS[1]), null, "parallel block, nothing said yet: choose");
  const seen = [];
  model.on("you", (you) => seen.push(you));
  model.applyYou({ target: "plenary", nextTarget: "workshop-2", choose: [], stayingUntil: null });
  assert.equal(model.targetOf(BLOCKS[1]), "workshop-2");
  assert.equal(model.workshop, "workshop-2");
  assert.equal(seen.length, 1);

  // the workshops are over: my workshop is still known for a later look at the agenda
  model.applyState({ ...model.state, current: 2, next: null });
  model.applyYou({ target: "bar", nextTarget: null, choose: [], stayingUntil: null });
  assert.equal(model.targetOf(BLOCKS[1]), "workshop-2");
  assert.equal(model.targetOf(BLOCKS[2]), "bar");
});

test("slots shown now: the running ones, else the first of each space", () => {
  const slots = [
    { title: "A", space: "plenary", start: "2021-11-30T11:00:00+01:00", end: "2021-11-30T12:00:00+01:00" },
    { title: "B", space: "plenary", start: "2021-11-30T12:00:00+01:00", end: "2021-11-30T13:00:00+01:00" },
  ];
  const model = programme({ now: "2021-11-30T12:30:00+01:00" });
  assert.deepEqual(model.slotsNow({ slots }).map((s) => s.title), ["B"]);
  const early = programme({ now: "2021-11-30T10:00:00+01:00" });
  assert.deepEqual(early.slotsNow({ slots }).map((s) => s.title), ["A"]);
});
