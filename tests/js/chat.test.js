import assert from "node:assert/strict";
import { test } from "node:test";

import { ChatState, MessageAction } from "../../static/js/chat.js";
import { ErrorCode, Inbound, Outbound } from "../../static/js/protocol.js";
import { settle } from "./fakes.js";
import { record, venue } from "./venue.js";

const at = "2021-11-30T12:00:00Z";
const message = (id, channel, author = { id: "ada", name: "Ada", role: "participant" }, extra = {}) => ({ id, channel, author, text: `m${id}`, at, question: false, answered: false, ...extra });

/** A ChatState in a welcomed venue, shown my space's channel; history answered by `history`. */
async function chat({ role = "participant", history = {} } = {}) {
  const v = venue({ role, at: "plenary" });
  const model = new ChatState({ wire: v.wire, venue: v.state });
  v.socket.answer(Inbound.CHAT_HISTORY, ({ channel }) => ({ ok: true, data: { channel, messages: history[channel] ?? [], unread: 0 } }));
  v.socket.answer(Inbound.CHAT_READ, () => ({ ok: true }));
  await v.welcome();
  model.setSpace({ id: "plenary", name: { de: "Plenum", en: "Plenary" } });
  await settle();
  return { ...v, model };
}

test("my space's channel is shown with its history, oldest first", async () => {
  const { model } = await chat({ history: { "space:plenary": [message(2, "space:plenary"), message(1, "space:plenary")] } });
  assert.equal(model.current, "space:plenary");
  assert.deepEqual(model.messages.map((m) => m.id), [1, 2]);
  assert.equal(model.canAsk, true, "questions to the stage in the plenary");
});

test("another space replaces the old space's channel", async () => {
  const { model } = await chat();
  model.setSpace({ id: "bar", name: { de: "Bar", en: "Bar" } });
  await settle();
  assert.deepEqual([...model.channels.keys()], ["space:bar"]);
  assert.equal(model.current, "space:bar");
});

test("a group's channel is offered, never forced, when I walk up to people, and closes with the group", async () => {
  const { model, socket } = await chat();
  model.setGroup({ channel: "group:g1", table: null });
  await settle();
  assert.equal(model.current, "space:plenary", "the chat stays where I put it");
  assert.equal(model.nearby.name, "group:g1");
  socket.push(Outbound.CHAT_MESSAGE, message(3, "group:g1"));
  assert.equal(model.nearby.unread, 1);
  await model.choose("group:g1");
  assert.equal(model.nearby, null);
  assert.equal(model.canAsk, false);
  model.setGroup({ channel: "table:plenary:t1", table: "t1", tableLabel: "Tisch 1" });
  assert.equal(model.channels.get("table:plenary:t1").title, "Tisch 1");
  assert.equal(model.channels.has("group:g1"), false);
  assert.equal(model.current, "space:plenary", "the shown group went: back to the space");
  model.setGroup({ channel: null, table: null });
  await settle();
  assert.equal(model.current, "space:plenary");
  assert.deepEqual([...model.channels.keys()], ["space:plenary"]);
});

test("messages elsewhere count as unread; a direct message opens its channel and is announced", async () => {
  const { model, socket } = await chat();
  model.setGroup({ channel: "group:g1", table: null });
  await model.choose("group:g1");
  await settle();
  const seen = record(model, "dm", "messages", "channels");
  socket.push(Outbound.CHAT_MESSAGE, message(5, "space:plenary"));
  socket.push(Outbound.CHAT_MESSAGE, message(6, "dm:kim", { id: "kim", name: "Kim", role: "participant" }));
  socket.push(Outbound.CHAT_MESSAGE, message(7, "group:g1"));
  socket.push(Outbound.CHAT_MESSAGE, message(8, "space:elsewhere"));
  assert.equal(model.channels.get("space:plenary").unread, 1);
  assert.equal(model.channels.get("dm:kim").unread, 1);
  assert.equal(model.channels.get("dm:kim").title, "Kim");
  assert.deepEqual(seen.filter(([name]) => name === "dm").map(([, d]) => d), [{ channel: "dm:kim", name: "Kim" }]);
  assert.deepEqual(model.messages.map((m) => m.id), [7]);
  assert.equal(model.channels.has("space:elsewhere"), false);
});

test("reading a direct message tells the server how far; showing a channel clears its count", async () => {
  const { model, socket } = await chat({ history: { "dm:kim": [message(3, "dm:kim", { id: "kim", name: "Kim", role: null })] } });
  socket.push(Outbound.CHAT_MESSAGE, message(4, "dm:kim", { id: "kim", name: "Kim", role: null }));
  await model.choose("dm:kim");
  assert.equal(model.channels.get("dm:kim").unread, 0);
  assert.deepEqual(socket.payloads(Inbound.CHAT_READ).at(-1), { channel: "dm:kim", upto: 3 });
  socket.push(Outbound.CHAT_MESSAGE, message(9, "dm:kim", { id: "kim", name: "Kim", role: null }));
  assert.deepEqual(socket.payloads(Inbound.CHAT_READ).at(-1), { channel: "dm:kim", upto: 9 });
});

test("sending: my message shows at once; a question goes to the stage; refusals are returned", async () => {
  const { model, socket } = await chat();
  socket.answer(Inbound.CHAT_SEND, ({ channel, text }) => ({ ok: true, data: message(11, channel, { id: "me", name: "Me", role: "participant" }, { text }) }));
  socket.answer(Inbound.CHAT_QUESTION, ({ text }) => ({ ok: false, error: { code: ErrorCode.CHAT_MUTED, message: text } }));
  assert.equal(await model.send("  "), null);
  const sent = await model.send(" Hallo ");
  assert.equal(sent.ok, true);
  assert.deepEqual(socket.payloads(Inbound.CHAT_SEND), [{ channel: "space:plenary", text: "Hallo" }]);
  assert.deepEqual(model.messages.map((m) => m.text), ["Hallo"]);
  assert.equal(model.channels.get("space:plenary").unread, 0);
  const asked = await model.send("Warum?", { question: true });
  assert.equal(asked.error.code, ErrorCode.CHAT_MUTED);
  assert.deepEqual(socket.payloads(Inbound.CHAT_QUESTION), [{ text: "Warum?" }]);
});

test("deleted messages go, answered questions are marked, in whichever channel", async () => {
  const { model, socket } = await chat({ history: { "space:plenary": [message(1, "space:plenary"), message(2, "space:plenary", undefined, { question: true })] } });
  socket.push(Outbound.CHAT_CHANGED, { id: 1, channel: "space:plenary", deleted: true, answered: false });
  socket.push(Outbound.CHAT_CHANGED, { id: 2, channel: "space:plenary", deleted: false, answered: true });
  socket.push(Outbound.CHAT_CHANGED, { id: 99, channel: "space:plenary", deleted: true, answered: false });
  assert.deepEqual(model.messages.map((m) => [m.id, m.answered]), [[2, true]]);
});

test("what I may do with a message: write to its author; moderators also answer, delete and mute", async () => {
  const question = message(1, "space:plenary", { id: "ada", name: "Ada", role: "participant" }, { question: true });
  const byModerator = message(2, "space:plenary", { id: "mo", name: "Mo", role: "moderator" });
  const deleted = message(3, "space:plenary", { id: null, name: "Gelöscht", role: null });
  const participant = (await chat()).model;
  assert.deepEqual(participant.actionsFor(question), [MessageAction.DM]);
  assert.deepEqual(participant.actionsFor(deleted), []);
  const mine = message(4, "space:plenary", { id: "me", name: "Me", role: "moderator" });
  const moderator = (await chat({ role: "moderator" })).model;
  assert.deepEqual(moderator.actionsFor(question), [MessageAction.DM, MessageAction.ANSWERED, MessageAction.DELETE, MessageAction.MUTE]);
  assert.deepEqual(moderator.actionsFor({ ...question, answered: true }), [MessageAction.DM, MessageAction.DELETE, MessageAction.MUTE]);
  assert.deepEqual(moderator.actionsFor(byModerator), [MessageAction.DM, MessageAction.DELETE], "staff are not muted");
  assert.deepEqual(moderator.actionsFor(mine), [MessageAction.DELETE]);
});

test("the inbox after connecting: my conversations and whom I block; blocking toggles", async () => {
  const { model, socket } = await chat();
  socket.answer(Inbound.CHAT_INBOX, () => ({ ok: true, data: { conversations: [{ channel: "dm:kim", person: "kim", name: "Kim", unread: 2 }], blocked: ["kim"] } }));
  socket.answer(Inbound.CHAT_BLOCK, () => ({ ok: true }));
  await model.loadInbox();
  assert.equal(model.channels.get("dm:kim").unread, 2);
  assert.equal(model.blocks("kim"), true);
  assert.equal(await model.toggleBlock(), null, "not a direct message");
  await model.choose("dm:kim");
  const result = await model.toggleBlock();
  assert.deepEqual([result.ok, result.value.blocked, model.blocks("kim")], [true, false, false]);
  assert.deepEqual(socket.payloads(Inbound.CHAT_BLOCK), [{ person: "kim", blocked: false }]);
});

test("opening a direct message from a message's author", async () => {
  const { model } = await chat();
  await model.openDm("ada", "Ada");
  assert.equal(model.current, "dm:ada");
  assert.equal(model.shown.person, "ada");
  assert.deepEqual(model.actionsFor(message(1, "dm:ada")), [], "no 'write to' inside the conversation itself");
});
