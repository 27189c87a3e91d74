import assert from "node:assert/strict";
import { test } from "node:test";

import { COLOURS, FIGURES, facing, lookOf, lookRow, walkFrame } from "../../static/js/looks.js";

test("a chosen look is used; without one the id picks a stable one", () => {
  assert.deepEqual(lookOf({ id: "p1", look: "cap-plum" }), { figure: "cap", colour: "plum" });
  const derived = lookOf({ id: "p1", look: "" });
  assert.deepEqual(lookOf({ id: "p1" }), derived);
  assert.ok(FIGURES.includes(derived.figure) && COLOURS.includes(derived.colour));
  assert.deepEqual(lookOf({ id: "p1", look: "dragon-plum" }), derived);
  const many = new Set(Array.from({ length: 40 }, (_, i) => JSON.stringify(lookOf({ id: `person-${i}` }))));
  assert.ok(many.size > 10, "ids spread over the looks");
});

test("rows follow the sheet: figures times colours", () => {
  assert.equal(lookRow({ figure: FIGURES[0], colour: COLOURS[0] }), 0);
  assert.equal(lookRow({ figure: FIGURES[1], colour: COLOURS[2] }), COLOURS.length + 2);
});

test("facing follows the larger part of a move and stays when standing", () => {
  assert.equal(facing(5, 1), "right");
  assert.equal(facing(-5, 2), "left");
  assert.equal(facing(1, -4), "up");
  assert.equal(facing(0, 3), "down");
  assert.equal(facing(0, 0, "left"), "left");
});

test("walking alternates two steps; standing shows the first frame", () => {
  assert.equal(walkFrame(2, "left", 0, false), 2 * 12 + 3);
  const steps = [0, 10, 20, 30].map((d) => walkFrame(0, "up", d, true));
  assert.deepEqual(steps, [10, 11, 10, 11]);
});
