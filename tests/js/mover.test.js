import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { MoveSender } from "../../static/js/mover.js";
import { WalkMap } from "../../static/js/walkmap.js";
import { tiledMap } from "./fakes.js";

const senders = [];
afterEach(() => senders.splice(0).forEach((s) => s.close()));

/** A MoveSender whose moves are recorded and answered by `answer({x, y})`. */
function mover(rows, answer = () => ({ ok: true, value: undefined })) {
  const sent = [];
  const refused = [];
  const sender = new MoveSender(
    (x, y) => {
      sent.push({ x, y });
      return Promise.resolve(answer({ x, y }));
    },
    (position) => refused.push(position),
  );
  senders.push(sender);
  sender.reset(new WalkMap(tiledMap({ rows })), 16, 16);
  return { sender, sent, refused };
}

test("only the latest position is sent, and nothing while standing still", async () => {
  const { sender, sent } = mover(["......"]);
  await sender.flush();
  assert.deepEqual(sent, []);
  sender.push(20, 16);
  sender.push(24, 16);
  sender.push(24, 16);
  await sender.flush();
  assert.deepEqual(sent, [{ x: 24, y: 16 }]);
  await sender.flush();
  assert.equal(sent.length, 1);
});

test("around a corner, the furthest point reachable in a straight line goes first", async () => {
  const { sender, sent } = mover(["...", "##.", "..."]);
  for (const [x, y] of [[48, 16], [80, 16], [80, 48], [80, 80], [48, 80], [16, 80]]) sender.push(x, y);
  for (let i = 0; i < 4; i++) await sender.flush();
  assert.deepEqual(sent, [{ x: 80, y: 16 }, { x: 80, y: 80 }, { x: 16, y: 80 }]);
});

test("a refusal snaps me to where the server has me, once, and forgets what was pending", async () => {
  const { sender, sent, refused } = mover(["......"], ({ x }) =>
    x > 100 ? { ok: false, error: { code: "move.too_fast", message: "" }, position: { x: 30, y: 16 } } : { ok: true },
  );
  sender.push(150, 16);
  const pending = sender.flush();
  sender.push(160, 16); // recorded before the refusal arrived
  await pending;
  assert.deepEqual(refused, [{ x: 30, y: 16 }]);
  assert.deepEqual(sender.lastSent, { x: 30, y: 16 });
  assert.deepEqual(sender.trail, []);
  await sender.flush();
  assert.equal(sent.length, 1);
});

test("the answer to a move sent before a reset (a new space) changes nothing", async () => {
  let answer;
  const { sender, refused } = mover(["......"], () => new Promise((resolve) => {
    answer = resolve;
  }));
  sender.push(40, 16);
  const pending = sender.flush();
  sender.reset(sender.walkMap, 100, 16);
  answer({ ok: false, error: { code: "move.wall", message: "" }, position: { x: 16, y: 16 } });
  await pending;
  assert.deepEqual(refused, []);
  assert.deepEqual(sender.lastSent, { x: 100, y: 16 });
});
