// The wire module as test_wire_contract.py sees it: reads {notices: {event: [payload]},
// acks: {event: [data]}} on stdin and writes what the Wire sends for every send function and
// what it makes of each payload and ack; `undefined` is written as "<undefined>".
import { text } from "node:stream/consumers";

import { SUBSCRIPTIONS } from "../../static/js/wire/client.js";
import { SAMPLE_CALLS, fakeWire } from "../js/fakes.js";

const { notices, acks } = JSON.parse(await text(process.stdin));
const { wire, socket } = fakeWire();

const decoded = { notices: {}, acks: {} };
for (const [event, payloads] of Object.entries(notices)) {
  const name = SUBSCRIPTIONS[event];
  decoded.notices[event] = name ? [] : null; // null: the wire does not listen to it
  if (!name) continue;
  const off = wire.on(name, (value) => decoded.notices[event].push(value));
  for (const payload of payloads) socket.push(event, payload);
  off();
}

const calls = new Map(SAMPLE_CALLS.map(([event, call]) => [event, call]));
for (const [event, datas] of Object.entries(acks)) {
  decoded.acks[event] = [];
  for (const data of datas) {
    socket.answer(event, () => ({ ok: true, data }));
    const result = await calls.get(event)(wire);
    decoded.acks[event].push(result.ok ? result.value : { failed: result.error });
  }
}

const sent = socket.sent.map(({ event, payload }) => [event, payload]);
socket.sent.length = 0;
for (const [, call] of SAMPLE_CALLS) call(wire);
const out = { sent: socket.sent.map(({ event, payload }) => [event, payload]), decoded, acked: sent.length };
process.stdout.write(JSON.stringify(out, (_key, value) => (value === undefined ? "<undefined>" : value)));
