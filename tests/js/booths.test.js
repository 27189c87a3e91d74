import assert from "node:assert/strict";
import { test } from "node:test";

import { BoothsState } from "../../static/js/booths.js";
import { ErrorCode, Inbound, Outbound } from "../../static/js/protocol.js";
import { areaObject, settle, tiledMap } from "./fakes.js";
import { record, venue } from "./venue.js";

const HALL = tiledMap({
  rows: ["........"],
  objects: [areaObject("start", 0, 0, { start: true }), areaObject("booth-energy", 2, 0, { booth: "energy" }), areaObject("booth-ghost", 4, 0, { booth: "ghost" })],
});
const DIRECTORY = {
  booths: [
    { id: "energy", title: "Energie", organisation: "LEAG", summary: { de: "Strom", en: "Power" }, url: "/booths/energy", space: "exhibition", area: "booth-energy" },
    { id: "strategy", title: "Strategie", organisation: "L&T", summary: null, url: "/booths/strategy", space: "exhibition", area: "booth-strategy" },
  ],
  mine: [],
};
const boothState = (id, open, staff = []) => ({ id, open, staff, next_open: null });

/** A BoothsState in a welcomed venue, with booth.list answered by `list`. */
async function exhibition({ role = "participant", mine = [], at = "exhibition", pending = [] } = {}) {
  const v = venue({ role, at, maps: { "/maps/exhibition.json": HALL } });
  const model = new BoothsState({ wire: v.wire, venue: v.state, maps: v.maps, directory: async () => ({ ...DIRECTORY, mine }) });
  v.followMaps();
  v.socket.answer(Inbound.BOOTH_LIST, () => ({ ok: true, data: { booths: [boothState("energy", true, [{ id: "erika", name: "Erika" }]), boothState("strategy", false)], pending } }));
  await v.welcome();
  await model.load();
  return { ...v, model };
}

test("the list: known booths with their state, shown in the exhibition and the lobby", async () => {
  const { model, moveTo } = await exhibition();
  assert.deepEqual(model.listed, ["energy", "strategy"]);
  assert.equal(model.nameOf("energy"), "Energie");
  assert.equal(model.nameOf("unknown"), "unknown");
  assert.equal(model.listShown, true);
  await moveTo("bar");
  assert.equal(model.listShown, false);
  await moveTo("lobby");
  assert.equal(model.listShown, true);
});

test("exhibitors see the list everywhere and can check in and out", async () => {
  const { model, socket, moveTo } = await exhibition({ role: "exhibitor", mine: ["strategy"] });
  await moveTo("bar");
  assert.equal(model.listShown, true);
  socket.answer(Inbound.BOOTH_CHECKIN, () => ({ ok: true }));
  const seen = record(model, "list");
  assert.equal((await model.checkIn("strategy", true)).ok, true);
  assert.deepEqual([...model.checkedIn], ["strategy"]);
  await model.checkIn("strategy", false);
  assert.deepEqual([...model.checkedIn], []);
  assert.deepEqual(socket.payloads(Inbound.BOOTH_CHECKIN), [{ booth: "strategy", present: true }, { booth: "strategy", present: false }]);
  assert.equal(seen.length, 2);
  assert.equal(model.canRequest("strategy"), false, "not at one's own booth");
});

test("signs: the known booths of my space's map, open or closed", async () => {
  const { model, socket } = await exhibition();
  await settle();
  assert.deepEqual(model.signs(), { space: "exhibition", signs: [{ id: "energy", area: "booth-energy", x: 64, y: 0, w: 32, h: 32, open: true }] });
  const seen = record(model, "signs", "changedOpen");
  socket.push(Outbound.BOOTH_STATUS, { booths: [boothState("energy", false)] });
  assert.equal(model.signs().signs[0].open, false);
  assert.deepEqual(seen.map(([name]) => name), ["changedOpen", "signs"]);
  assert.deepEqual(seen[0][1], { booth: "energy", open: false });
});

test("openings are announced only where they concern me", async () => {
  const { model, socket, moveTo } = await exhibition();
  await moveTo("bar");
  const seen = record(model, "changedOpen");
  socket.push(Outbound.BOOTH_STATUS, { booths: [boothState("strategy", true)] });
  assert.deepEqual(seen, []);
  assert.equal(model.status.get("strategy").open, true, "the state is kept all the same");
});

test("standing in a booth shows it; a request is sent with my choice and waits", async () => {
  const { model, socket } = await exhibition();
  const seen = record(model, "entered", "panel");
  socket.push(Outbound.BOOTH_HERE, { booth: "energy" });
  socket.push(Outbound.BOOTH_HERE, { booth: "energy" });
  assert.equal(model.shown, "energy");
  assert.deepEqual(seen, [["entered", "energy"], ["panel", undefined]]);
  assert.equal(model.canRequest("energy"), true);
  assert.equal(model.canRequest("strategy"), false, "closed");

  socket.answer(Inbound.BOOTH_REQUEST, () => ({ ok: true, data: { request: "r1" } }));
  assert.deepEqual(await model.request(true), { ok: true, value: "r1" });
  assert.deepEqual(socket.payloads(Inbound.BOOTH_REQUEST), [{ booth: "energy", share: { email: true } }]);
  assert.deepEqual(model.asked, { request: "r1", booth: "energy" });
  assert.equal(model.canRequest("energy"), false);

  socket.push(Outbound.BOOTH_HERE, { booth: null });
  assert.equal(model.shown, null);
});

test("a refused request changes nothing", async () => {
  const { model, socket } = await exhibition();
  model.pick("energy");
  socket.answer(Inbound.BOOTH_REQUEST, () => ({ ok: false, error: { code: ErrorCode.BOOTH_FLOOD, message: "wait" } }));
  const result = await model.request(false);
  assert.equal(result.error.code, ErrorCode.BOOTH_FLOOD);
  assert.equal(model.asked, null);
  assert.equal(model.canRequest("energy"), true);
});

test("a space change forgets the booth I stood in and the one I picked", async () => {
  const { model, socket, moveTo } = await exhibition();
  socket.push(Outbound.BOOTH_HERE, { booth: "energy" });
  model.pick("strategy");
  await moveTo("lobby");
  assert.equal(model.shown, null);
  assert.deepEqual(model.signs(), { space: "lobby", signs: [] });
});

test("staff: rings come (quietly after a reconnect), go when taken or withdrawn, open a conversation", async () => {
  const ring = { request: "r1", booth: "energy", visitor: "Vera", email: null, at: "2021-11-30T12:00:00Z" };
  const { model, socket, state } = await exhibition({ role: "exhibitor", mine: ["energy"], pending: [ring] });
  assert.deepEqual([...model.rings.keys()], ["r1"]);
  const seen = record(model, "ring", "taken", "withdrawn", "talk");
  socket.push(Outbound.BOOTH_RING, { ...ring, request: "r2", email: "vera@example.org" });
  socket.push(Outbound.BOOTH_RING, { ...ring, request: "r3" });
  socket.push(Outbound.BOOTH_TAKEN, { request: "r2", by: "Otto" });
  socket.push(Outbound.BOOTH_WITHDRAWN, { request: "r3" });
  assert.deepEqual(seen.map(([name, d]) => [name, d.quiet ?? d.request ?? d]), [["ring", false], ["ring", false], ["taken", "r2"], ["withdrawn", "r3"]]);
  assert.deepEqual([...model.rings.keys()], ["r1"]);

  socket.answer(Inbound.BOOTH_ACCEPT, ({ request }) => ({
    ok: true,
    data: { conversation: "c1", request, booth: "energy", visitor: { id: "vera", name: "Vera" }, staff: { id: state.me.id, name: "Me" }, call_url: "https://meet.example.org/x" },
  }));
  const accepted = await model.accept("r1");
  assert.equal(accepted.ok, true);
  assert.equal(model.conversation.id, "c1");
  assert.equal(model.conversation.callUrl, "https://meet.example.org/x");
  assert.deepEqual(model.partner, { id: "vera", name: "Vera" });
  assert.deepEqual([...model.rings.keys()], []);
  // the same conversation announced again by the server opens nothing twice
  socket.push(Outbound.BOOTH_CONVERSATION, { conversation: "c1", request: "r1", booth: "energy", visitor: { id: "vera", name: "Vera" }, staff: { id: "me", name: "Me" } });
  assert.equal(seen.filter(([name]) => name === "talk").length, 1);
});

test("the conversation: my messages and theirs, nothing from others, the end when they leave", async () => {
  const { model, socket } = await exhibition();
  socket.push(Outbound.BOOTH_CONVERSATION, { conversation: "c1", request: "r1", booth: "energy", visitor: { id: "me", name: "Me" }, staff: { id: "erika", name: "Erika" }, call_url: null });
  assert.deepEqual(model.partner, { id: "erika", name: "Erika" });
  const seen = record(model, "said", "talkEnded");
  socket.answer(Inbound.BOOTH_SAY, () => ({ ok: true }));
  assert.equal(await model.say("   "), null);
  assert.equal((await model.say(" Hallo ")).ok, true);
  assert.deepEqual(socket.payloads(Inbound.BOOTH_SAY), [{ conversation: "c1", text: "Hallo" }]);
  const message = (conversation, sender) => ({ conversation, sender, name: sender, text: "Hallo", at: "2021-11-30T12:00:00Z" });
  socket.push(Outbound.BOOTH_MESSAGE, message("c1", "me"));
  socket.push(Outbound.BOOTH_MESSAGE, message("c1", "erika"));
  socket.push(Outbound.BOOTH_MESSAGE, message("c9", "erika"));
  socket.push(Outbound.BOOTH_LEFT, { conversation: "c9", person: "x" });
  socket.push(Outbound.BOOTH_LEFT, { conversation: "c1", person: "erika" });
  assert.deepEqual(seen.map(([name, d]) => [name, d?.mine]), [["said", true], ["said", false], ["talkEnded", undefined]]);
  assert.equal(model.conversation, null);
  assert.equal(await model.say("noch da?"), null);
});
