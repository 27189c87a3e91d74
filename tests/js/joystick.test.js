import assert from "node:assert/strict";
import { test } from "node:test";

import { combinedDirection, stickDirection } from "../../static/js/joystick.js";

test("a drag inside the dead zone does not walk", () => {
  assert.deepEqual(stickDirection(5, -8, 56), { x: 0, y: 0 });
});

test("a drag walks in the nearest of eight directions", () => {
  assert.deepEqual(stickDirection(0, 40, 56), { x: 0, y: 1 });
  assert.deepEqual(stickDirection(-50, 4, 56), { x: -1, y: 0 });
  assert.deepEqual(stickDirection(30, -33, 56), { x: 1, y: -1 });
  assert.deepEqual(stickDirection(-20, -60, 56), { x: 0, y: -1 });
});

test("keys win over the joystick", () => {
  const keys = { direction: { x: 0, y: 0 } };
  const stick = { direction: { x: 1, y: 1 } };
  const both = combinedDirection(keys, stick);
  assert.deepEqual(both.direction, { x: 1, y: 1 });
  keys.direction = { x: -1, y: 0 };
  assert.deepEqual(both.direction, { x: -1, y: 0 });
});
