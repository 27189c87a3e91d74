import assert from "node:assert/strict";
import { test } from "node:test";

import { WALK_SPEED, Walker } from "../../static/js/walker.js";
import { WalkMap } from "../../static/js/walkmap.js";
import { tiledMap } from "./fakes.js";

const room = (rows) => new WalkMap(tiledMap({ rows }));

test("keys walk at walking speed; a stalled frame never teleports", () => {
  const walker = new Walker(room(["......", "......"]), 16, 16);
  walker.setDirection(1, 0);
  assert.equal(walker.step(0.05), true);
  assert.deepEqual(walker.position, { x: 16 + WALK_SPEED * 0.05, y: 16 });
  walker.step(5); // the tab was in the background
  assert.equal(walker.position.x, 16 + WALK_SPEED * 0.15);
});

test("diagonals are as fast as straight lines", () => {
  const walker = new Walker(room(["......", "......", "......", "......"]), 16, 16);
  walker.setDirection(1, 1);
  walker.step(0.1);
  assert.ok(Math.abs(Math.hypot(walker.x - 16, walker.y - 16) - WALK_SPEED * 0.1) < 1e-9);
});

test("a wall stops me; walking diagonally into it slides along it", () => {
  const walker = new Walker(room(["..#", "..#", "..."]), 48, 16);
  walker.setDirection(1, 0);
  for (let i = 0; i < 20; i++) walker.step(0.05);
  assert.equal(walker.walkMap.walkable(walker.x, walker.y), true);
  assert.ok(walker.x < 64, `stopped before the wall, at ${walker.x}`);

  walker.setDirection(1, 1);
  const before = walker.y;
  for (let i = 0; i < 3; i++) walker.step(0.05);
  assert.ok(walker.y > before, "slid down along the wall");
  assert.ok(walker.x < 64);
});

test("a path is followed point by point; a key press cancels it; stop stands me elsewhere", () => {
  const walker = new Walker(room(["....", "....", "...."]), 16, 16);
  walker.walkTo([{ x: 48, y: 16 }, { x: 48, y: 48 }]);
  assert.equal(walker.moving, true);
  for (let i = 0; i < 10; i++) walker.step(0.05);
  assert.deepEqual(walker.position, { x: 48, y: 48 });
  assert.equal(walker.moving, false);
  assert.equal(walker.step(0.05), false, "nothing left to walk");

  walker.walkTo([{ x: 112, y: 48 }]);
  walker.setDirection(0, -1);
  assert.deepEqual(walker.path, []);
  walker.stop(80, 80);
  assert.deepEqual(walker.position, { x: 80, y: 80 });
  assert.equal(walker.moving, false);
});

test("a path into a wall is dropped where the wall begins", () => {
  const walker = new Walker(room([".#..", "....", "...."]), 16, 16);
  walker.walkTo([{ x: 112, y: 16 }]);
  for (let i = 0; i < 20; i++) walker.step(0.05);
  assert.deepEqual(walker.path, []);
  assert.ok(walker.x < 32);
});
