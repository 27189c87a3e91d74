import assert from "node:assert/strict";
import { deflateSync, gzipSync } from "node:zlib";
import { test } from "node:test";

import { AreaKind, WalkMap, decodeLayers, kindOf } from "../../static/js/walkmap.js";
import { areaObject, tiledMap } from "./fakes.js";

const WALLED = ["....", ".##.", "...."];
const blockedTiles = (walk) => [...walk.blocked.keys()].filter((i) => walk.blocked[i]).map((i) => [i % walk.width, Math.floor(i / walk.width)]);

test("colliding tiles block; pixels map to tiles; the map's edge is a wall", () => {
  const walk = new WalkMap(tiledMap({ rows: WALLED }));
  assert.deepEqual(blockedTiles(walk), [[1, 1], [2, 1]]);
  assert.equal(walk.walkable(16, 16), true);
  assert.equal(walk.walkable(40, 40), false);
  assert.equal(walk.walkable(-1, 10), false);
  assert.equal(walk.walkable(128, 10), false); // 4 tiles of 32 px: x = 128 is outside
  assert.equal(walk.walkable(127, 95), true);
});

test("a straight walk is clear only when no sample touches a wall", () => {
  const walk = new WalkMap(tiledMap({ rows: WALLED }));
  assert.equal(walk.pathClear(16, 16, 112, 16), true); // along the top row
  assert.equal(walk.pathClear(16, 16, 112, 80), false); // diagonally through the wall
  assert.equal(walk.pathClear(16, 16, 16, 80), true); // down the free left column
});

test("flip and rotation flags (the top four bits) do not hide a colliding tile", () => {
  const map = tiledMap({ rows: WALLED });
  map.layers[0].data = map.layers[0].data.map((gid) => (gid === 2 ? (gid | 0x10000000 | 0x80000000) >>> 0 : gid));
  assert.deepEqual(blockedTiles(new WalkMap(map)), [[1, 1], [2, 1]]);
});

test("a hidden layer does not block, a hidden collision mask does; groups pass on hiding", () => {
  const hidden = tiledMap({ rows: WALLED });
  hidden.layers[0].visible = false;
  assert.deepEqual(blockedTiles(new WalkMap(hidden)), []);

  const mask = tiledMap({ rows: ["#...", "#...", "#..."] });
  mask.layers[0].visible = false;
  mask.layers[0].properties = [{ name: "collides", type: "bool", value: true }];
  mask.layers[0].data = mask.layers[0].data.map((gid) => (gid === 2 ? 1 : 0)); // any tile of a mask
  assert.deepEqual(blockedTiles(new WalkMap(mask)), [[0, 0], [0, 1], [0, 2]]);

  const grouped = tiledMap({ rows: WALLED });
  grouped.layers = [{ name: "g", type: "group", visible: false, layers: [grouped.layers[0]] }, grouped.layers[1]];
  assert.deepEqual(blockedTiles(new WalkMap(grouped)), []);
  grouped.layers[0].visible = true;
  assert.deepEqual(blockedTiles(new WalkMap(grouped)), [[1, 1], [2, 1]]);
});

test("base64 layers, plain or zlib or gzip compressed, decode to the same walls", async () => {
  const plain = tiledMap({ rows: WALLED });
  const gids = Buffer.alloc(plain.layers[0].data.length * 4);
  plain.layers[0].data.forEach((gid, i) => gids.writeUInt32LE(gid, i * 4));
  for (const [compression, pack] of [["", (b) => b], ["zlib", deflateSync], ["gzip", gzipSync]]) {
    const map = tiledMap({ rows: WALLED });
    Object.assign(map.layers[0], { encoding: "base64", compression, data: pack(gids).toString("base64") });
    assert.deepEqual(blockedTiles(new WalkMap(await decodeLayers(map))), [[1, 1], [2, 1]], compression || "plain");
  }
  const zstd = tiledMap();
  Object.assign(zstd.layers[0], { encoding: "base64", compression: "zstd", data: "AAAA" });
  await assert.rejects(decodeLayers(zstd), /ground: zstd is not supported/);
});

test("areas: named rectangles of class (or old type) area, moved by their layers' offsets", () => {
  const old = areaObject("from-hall", 1, 1, { start: true });
  old.type = old.class;
  delete old.class;
  const map = tiledMap({
    objects: [
      old,
      areaObject("to-hall", 2, 1, { exitUrl: "hall.tmj#start" }),
      areaObject("sign", 3, 1, {}, { class: "sign" }),
      areaObject("round", 0, 2, { silent: true }, { ellipse: true }),
      areaObject("line", 0, 2, {}, { polyline: [{ x: 0, y: 0 }] }),
      areaObject("turned", 0, 2, {}, { rotation: 45 }),
      areaObject("flat", 0, 2, {}, { height: 0 }),
      areaObject(" ", 0, 2),
      areaObject("to-hall", 0, 0, { exitUrl: "elsewhere.tmj" }), // a duplicate: the first counts
    ],
  });
  const floor = map.layers.pop();
  map.layers.push({ name: "g", type: "group", offsetx: 32, offsety: 0, layers: [{ ...floor, offsetx: 0, offsety: 32 }] });
  const walk = new WalkMap(map);
  assert.deepEqual(
    walk.areas.map(({ name, x, y, kind }) => [name, x, y, kind]),
    [["from-hall", 64, 64, AreaKind.ENTRY], ["to-hall", 96, 64, AreaKind.DOOR]],
  );
  assert.deepEqual(walk.doors.map((d) => d.properties.exitUrl), ["hall.tmj#start"]);
  assert.deepEqual(walk.areasAt(70, 70).map((a) => a.name), ["from-hall"]);
});

test("an area's kind follows the server's order of precedence", () => {
  assert.equal(kindOf({ exitUrl: "x.tmj", booth: "b" }), AreaKind.DOOR);
  assert.equal(kindOf({ start: true, table: "1" }), AreaKind.ENTRY);
  assert.equal(kindOf({ start: "yes" }), AreaKind.OTHER); // only a real bool counts
  assert.equal(kindOf({ booth: "b", table: "1" }), AreaKind.BOOTH);
  assert.equal(kindOf({ stage: true, table: "1" }), AreaKind.STAGE);
  assert.equal(kindOf({ table: "" }), AreaKind.TABLE);
  assert.equal(kindOf({ silent: true }), AreaKind.SILENT);
  assert.equal(kindOf({ exitUrl: 5 }), AreaKind.OTHER);
});
