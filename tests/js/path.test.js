import assert from "node:assert/strict";
import { test } from "node:test";

import { findPath } from "../../static/js/path.js";
import { WalkMap } from "../../static/js/walkmap.js";
import { tiledMap } from "./fakes.js";

const room = (rows) => new WalkMap(tiledMap({ rows }));

/** Whether every leg of `points` from (x, y) is a straight clear walk. */
function walkable(walk, x, y, points) {
  let from = { x, y };
  for (const point of points) {
    if (!walk.pathClear(from.x, from.y, point.x, point.y)) return false;
    from = point;
  }
  return true;
}

test("around a wall, through tile centres, ending at the clicked point", () => {
  const walk = room(["....", "##.#", "...."]);
  const points = findPath(walk, 16, 16, 20, 70);
  assert.deepEqual(points.at(-1), { x: 20, y: 70 });
  assert.ok(points.some((p) => p.x === 80 && p.y === 48), "through the gap");
  assert.ok(walkable(walk, 16, 16, points));
});

test("never cuts a blocked corner diagonally", () => {
  const walk = room(["..", "#."]);
  const points = findPath(walk, 16, 16, 40, 56);
  assert.deepEqual(points, [{ x: 48, y: 16 }, { x: 48, y: 48 }, { x: 40, y: 56 }]);
});

test("a click on a wall walks to the nearest free tile; an enclosed goal or start gives nothing", () => {
  const walk = room(["...#", "...#", "...#"]);
  assert.deepEqual(findPath(walk, 16, 16, 112, 16).at(-1), { x: 80, y: 16 });
  const enclosed = room(["..#.", "###."]);
  assert.deepEqual(findPath(enclosed, 16, 16, 112, 48), []);
  assert.deepEqual(findPath(enclosed, 48, 48, 16, 16), []);
});

test("a long room: the path is short and straight where it can be", () => {
  const walk = room(["." .repeat(40)]);
  const points = findPath(walk, 16, 16, 40 * 32 - 10, 20);
  assert.equal(points.length, 40); // 39 tile centres, then the clicked point
  assert.ok(points.slice(0, -1).every((p) => p.y === 16));
  assert.deepEqual(points.at(-1), { x: 40 * 32 - 10, y: 20 });
});
