import assert from "node:assert/strict";
import { test } from "node:test";

import { GroupsState } from "../../static/js/groups.js";
import { ErrorCode, Inbound, Outbound } from "../../static/js/protocol.js";
import { areaObject, settle, tiledMap } from "./fakes.js";
import { record, venue } from "./venue.js";

const BAR = tiledMap({ objects: [areaObject("start", 0, 0, { start: true }), areaObject("table-1", 2, 1, { table: "Tisch 1" })] });
const ME = { id: "me", name: "Me" };
const ADA = { id: "ada", name: "Ada" };
const BO = { id: "bo", name: "Bo" };

async function groups() {
  const v = venue({ at: "bar", maps: { "/maps/bar.json": BAR } });
  const model = new GroupsState({ wire: v.wire, venue: v.state, maps: v.maps });
  v.followMaps();
  await v.welcome();
  return { ...v, model };
}

const update = (extra) => ({ space: "bar", group: "g1", channel: "group:g1", table: null, members: [], joined: [], left: [], ...extra });

test("walking up to people: who I talk with, announced, and passed on to chat and map", async () => {
  const { model, socket } = await groups();
  const seen = record(model, "news", "group");
  socket.push(Outbound.GROUP_UPDATE, update({ members: [ME, ADA], joined: [ME, ADA] }));
  assert.equal(model.talking, true);
  assert.deepEqual(model.others, [ADA]);
  socket.push(Outbound.GROUP_UPDATE, update({ members: [ME, ADA, BO], joined: [BO] }));
  socket.push(Outbound.GROUP_UPDATE, update({ members: [ME, BO], left: [ADA] }));
  socket.push(Outbound.GROUP_UPDATE, update({ group: null, channel: null, members: [], left: [ME] }));
  assert.equal(model.talking, false);
  assert.deepEqual(
    seen.filter(([name]) => name === "news").map(([, news]) => [news.kind, news.names]),
    [["joinedMe", ["Ada"]], ["joined", ["Bo"]], ["left", ["Ada"]], ["leftMe", []]],
  );
  assert.deepEqual(seen.filter(([name]) => name === "group").map(([, g]) => g.channel), ["group:g1", "group:g1", "group:g1", null]);
});

test("the update of a space I already left is ignored; a new space starts with no group", async () => {
  const { model, socket, moveTo } = await groups();
  socket.push(Outbound.GROUP_UPDATE, update({ members: [ME, ADA], joined: [ME] }));
  const seen = record(model, "group", "news");
  await moveTo("lobby");
  socket.push(Outbound.GROUP_UPDATE, update({ group: null, channel: null, left: [ME] })); // late, for the bar
  assert.equal(model.update, null);
  assert.deepEqual(seen.map(([name, g]) => [name, g.space, g.channel]), [["group", "lobby", null]]);
});

test("tables: from my space's map, named by their label; sitting moves me to the seat", async () => {
  const { model, socket, state } = await groups();
  await settle();
  assert.deepEqual(model.tables.map((t) => [t.area, t.label]), [["table-1", "Tisch 1"]]);
  socket.push(Outbound.GROUP_UPDATE, update({ table: "table-1", channel: "table:bar:table-1", members: [ME], joined: [ME] }));
  assert.equal(model.tableLabel("table-1"), "Tisch 1");
  socket.answer(Inbound.TABLE_SIT, () => ({ ok: true, data: { id: "me", x: 80, y: 48 } }));
  const seen = record(state, "me");
  assert.equal((await model.sitAt("table-1")).ok, true);
  assert.deepEqual([state.me.x, state.me.y], [80, 48]);
  assert.equal(seen.length, 1);

  socket.answer(Inbound.TABLE_SIT, () => ({ ok: false, error: { code: ErrorCode.TABLE_FULL, message: "full" } }));
  assert.equal((await model.sitAt("table-1")).error.code, ErrorCode.TABLE_FULL);
  assert.deepEqual([state.me.x, state.me.y], [80, 48]);
});
