import assert from "node:assert/strict";
import { test } from "node:test";

import { declutter, FAR } from "../../static/js/labels.js";

test("of overlapping names one shows with a count; far names are left out; mine always shows", () => {
  /** @type {{id: string, x: number, y: number, w?: number}[]} */
  const people = [
    { id: "me", x: 500, y: 500 },
    { id: "close", x: 505, y: 502 }, // on my label: hidden, counted with mine
    { id: "a", x: 700, y: 500 },
    { id: "b", x: 705, y: 503 },
    { id: "c", x: 708, y: 498 },
    { id: "far", x: 500 + FAR + 50, y: 500 },
  ];
  const shown = declutter(people, "me");
  assert.deepEqual(shown.get("me"), { shown: true, more: 1 });
  assert.equal(shown.get("close").shown, false);
  const crowd = ["a", "b", "c"].map((id) => shown.get(id));
  assert.equal(crowd.filter((s) => s.shown).length, 1);
  assert.equal(crowd.find((s) => s.shown).more, 2);
  assert.equal(shown.get("far").shown, false);
});

test("three hundred people in a plenary: shown names never overlap, the others are counted or far", () => {
  const people = Array.from({ length: 300 }, (_, i) => ({ id: `p${i}`, x: 100 + (i % 30) * 32, y: 100 + Math.floor(i / 30) * 32, w: 100 }));
  const decided = declutter(people, "p0");
  const shown = people.filter((p) => decided.get(p.id).shown);
  assert.ok(shown.length < 60 && shown.length > 10, `${shown.length} names`);
  for (const a of shown) {
    for (const b of shown) {
      if (a !== b) assert.ok(Math.abs(a.x - b.x) >= 100 || Math.abs(a.y - b.y) >= 20, `${a.id} overlaps ${b.id}`);
    }
  }
  // every hidden name is either counted on a shown one ("+n") or far from me
  const far = people.filter((p) => Math.hypot(p.x - 100, p.y - 100) > FAR).length;
  const counted = [...decided.values()].reduce((n, s) => n + s.more, 0);
  assert.equal(counted + far, people.length - shown.length);
});
