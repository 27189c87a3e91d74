import assert from "node:assert/strict";
import { test } from "node:test";

import { ClientErrorCode, ErrorCode, Inbound, Outbound } from "../../static/js/protocol.js";
import { SAMPLE_CALLS, fakeWire } from "./fakes.js";

test("every send function emits its Inbound event with the payload the server's model expects", async () => {
  const { wire, socket } = fakeWire();
  for (const [, call] of SAMPLE_CALLS) call(wire);
  assert.deepEqual(
    socket.sent.map(({ event, payload }) => [event, payload]),
    SAMPLE_CALLS.map(([event, , payload]) => [event, payload]),
  );
  // one function for every event the server accepts
  assert.deepEqual(new Set(socket.sent.map((c) => c.event)), new Set(Object.values(Inbound)));
});

test("an ok ack resolves with the decoded value, a refusal with its error and position", async () => {
  const { wire, socket } = fakeWire();
  socket.answer(Inbound.ENTER, () => ({
    ok: true,
    data: { space: "bar", me: person("me", "bar"), people: [person("me", "bar"), person("ada", "bar")] },
  }));
  socket.answer(Inbound.MOVE, () => ({
    ok: false,
    error: { code: ErrorCode.MOVE_WALL, message: "wall" },
    position: { id: "me", x: 40, y: 50 },
  }));
  const entered = await wire.enterSpace("bar");
  assert.equal(entered.ok, true);
  assert.equal(entered.value.space, "bar");
  assert.deepEqual(entered.value.people.map((p) => p.id), ["me", "ada"]);
  const moved = await wire.move(500, 50);
  assert.deepEqual(moved, { ok: false, error: { code: ErrorCode.MOVE_WALL, message: "wall" }, position: { x: 40, y: 50 } });
});

test("sitAt resolves with the seat the server found", async () => {
  const { wire, socket } = fakeWire();
  socket.answer(Inbound.TABLE_SIT, () => ({ ok: true, data: { id: "me", x: 48, y: 80 } }));
  assert.deepEqual(await wire.sitAt("table-1"), { ok: true, value: { x: 48, y: 80 } });
});

test("offline sends nothing; no answer in time and a shapeless answer are failures with a code", async () => {
  const { wire, socket } = fakeWire({ timeoutMs: 20 });
  socket.connected = false;
  assert.equal((await wire.move(1, 1)).error.code, ClientErrorCode.OFFLINE);
  assert.equal(socket.sent.length, 0);

  socket.connected = true;
  const pending = wire.stay();
  socket.sent[0].reject(new Error("operation has timed out")); // what socket.io does after `ms`
  assert.equal((await pending).error.code, ClientErrorCode.TIMEOUT);
  assert.equal(socket.sent[0].ms, 20);

  socket.answer(Inbound.STAY, () => ({ ok: false, error: { code: ErrorCode.INTERNAL } }));
  assert.deepEqual((await wire.stay()).error, { code: ErrorCode.INTERNAL, message: "" });
  socket.answer(Inbound.STAY, () => "surprise");
  assert.equal((await wire.stay()).error.code, ErrorCode.INTERNAL);
});

test("server events arrive decoded under their names", () => {
  const { wire, socket } = fakeWire();
  const got = {};
  for (const name of ["welcome", "you", "warning", "boothStatus", "boothHere", "boothConversation", "chatMessage", "counts", "console"]) {
    wire.on(name, (value) => (got[name] = value));
  }
  socket.push(Outbound.WELCOME, {
    venue: "v",
    title: { de: "T", en: "T" },
    spaces: [{ id: "bar", kind: "bar", name: { de: "Bar", en: "Bar" }, capacity: 5, count: 1, map_url: "/maps/bar.json", meeting: null, meetings: [] }],
    snapshot: { space: "bar", me: person("me", "bar"), people: [] },
    tick_hz: 12.5,
    time_zone: "Europe/Berlin",
  });
  socket.push(Outbound.YOU, { target: "plenary", next_target: "workshop-1", choose: [], staying_until: null });
  socket.push(Outbound.WARNING, { block: 2, starts_at: "2021-11-30T13:30:00+01:00", target: null, minutes: 5 });
  socket.push(Outbound.BOOTH_STATUS, { booths: [{ id: "energy", open: false, staff: [], next_open: "2021-11-30T14:00:00+01:00" }] });
  socket.push(Outbound.BOOTH_HERE, { booth: null });
  socket.push(Outbound.BOOTH_CONVERSATION, { conversation: "c1", request: "r1", booth: "energy", visitor: { id: "v", name: "Vera" }, staff: { id: "s", name: "Erika" }, call_url: null });
  socket.push(Outbound.CHAT_MESSAGE, { id: 3, channel: "space:bar", author: { id: null, name: "Gelöscht", role: null }, text: "x", at: "2021-11-30T12:00:00Z" });
  socket.push(Outbound.COUNTS, { counts: { bar: 2 } });
  socket.push(Outbound.CONSOLE, { rehearsal: true, next_headcounts: [{ space: "bar", count: 2, capacity: 150, over: 1 }], overflow: "lobby", arrived: [], elsewhere: [], audit: [], announcements: [] });

  assert.equal(got.welcome.tickHz, 12.5);
  assert.equal(got.welcome.timeZone, "Europe/Berlin");
  assert.equal(got.welcome.spaces[0].mapUrl, "/maps/bar.json");
  assert.equal(got.welcome.snapshot.me.id, "me");
  assert.deepEqual(got.you, { target: "plenary", nextTarget: "workshop-1", choose: [], stayingUntil: null });
  assert.equal(got.warning.startsAt, "2021-11-30T13:30:00+01:00");
  assert.equal(got.boothStatus[0].nextOpen, "2021-11-30T14:00:00+01:00");
  assert.equal(got.boothHere, null);
  assert.equal(got.boothConversation.id, "c1");
  assert.equal(got.boothConversation.callUrl, null);
  assert.deepEqual(got.chatMessage.author, { id: null, name: "Gelöscht", role: null });
  assert.equal(got.chatMessage.question, false); // left out by the server: its default
  assert.deepEqual(got.counts, { bar: 2 });
  assert.deepEqual(got.console.nextHeadcounts, [{ space: "bar", count: 2, capacity: 150, over: 1 }]);
  assert.equal(got.console.overflow, "lobby");
});

test("subscribing to an event the wire does not have is a mistake found at once", () => {
  const { wire } = fakeWire();
  assert.throws(() => wire.on("booth.status", () => {}), /no event booth\.status/);
});

test("connection events: lost only when the server dropped me; refused tokens stop retrying", () => {
  const { wire, socket } = fakeWire();
  const seen = [];
  for (const name of ["connected", "lost", "retrying", "authFailed", "refused"]) wire.on(name, (value) => seen.push([name, value]));
  wire.connect();
  socket.push("disconnect", "io client disconnect");
  socket.push("disconnect", "transport close");
  socket.push("connect_error", new Error("xhr poll error"));
  socket.push("connect_error", Object.assign(new Error("full"), { data: { code: ErrorCode.CONNECTION_LIMIT, message: "Too many tabs" } }));
  socket.push("connect_error", Object.assign(new Error("auth"), { data: { code: ErrorCode.AUTH_INVALID } }));
  assert.deepEqual(seen, [
    ["connected", undefined],
    ["lost", undefined],
    ["retrying", undefined],
    ["refused", { code: ErrorCode.CONNECTION_LIMIT, message: "Too many tabs", minutes: null }],
    ["authFailed", ErrorCode.AUTH_INVALID],
  ]);
  assert.equal(socket.connected, false, "a refused token disconnects for good");
});

function person(id, space) {
  return { id, name: id, role: "participant", space, x: 10, y: 10, status: "available" };
}

test("contact offers, exchanges and feedback prompts arrive decoded; acks carry the card", async () => {
  const { wire, socket } = fakeWire();
  const got = {};
  for (const name of ["contactAsked", "contactExchanged", "feedbackAsk"]) wire.on(name, (value) => (got[name] = value));
  socket.push(Outbound.CONTACT_ASKED, { person: "p1", name: "Ann", at: "2021-11-30T12:00:00Z" });
  const card = { person: "p2", name: "Bob", organisation: null, email: "bob@example.org", since: "2021-11-30T12:01:00Z" };
  socket.push(Outbound.CONTACT_EXCHANGED, { card });
  socket.push(Outbound.FEEDBACK_ASK, { block: 0, title: "Auftakt" });
  assert.deepEqual(got.contactAsked, { person: "p1", name: "Ann", at: "2021-11-30T12:00:00Z" });
  assert.deepEqual(got.contactExchanged, card);
  assert.deepEqual(got.feedbackAsk, { block: 0, title: "Auftakt" });

  socket.answer(Inbound.CONTACT_REQUEST, () => ({ ok: true, data: { state: "pending", card: null } }));
  assert.deepEqual(await wire.requestContact("p2", false), { ok: true, value: { state: "pending", card: null } });
  socket.answer(Inbound.CONTACT_ANSWER, () => ({ ok: true, data: { state: "exchanged", card } }));
  assert.deepEqual((await wire.answerContact("p2", true, true)).value.card, card);
  socket.answer(Inbound.CONTACT_LIST, () => ({ ok: true, data: { asked: [{ person: "p1", name: "Ann", at: "t" }], waiting: [], contacts: [card] } }));
  const listed = await wire.listContacts();
  assert.deepEqual(listed.value.asked.map((a) => a.name), ["Ann"]);
  assert.deepEqual(listed.value.contacts, [card]);
  socket.answer(Inbound.FEEDBACK_RATE, () => ({ ok: false, error: { code: ErrorCode.FEEDBACK_DONE, message: "once" } }));
  assert.equal((await wire.rateBlock(0, 5)).error.code, ErrorCode.FEEDBACK_DONE);
});
