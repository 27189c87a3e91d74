import assert from "node:assert/strict";
import { test } from "node:test";

import { CallError, CallsState, deviceError } from "../../static/js/av/calls.js";
import { FAR_GAIN, gainAt, hearing, panFor, wallsBetween } from "../../static/js/av/volume.js";
import { Inbound, Outbound } from "../../static/js/protocol.js";
import { WalkMap } from "../../static/js/walkmap.js";
import { settle, tiledMap } from "./fakes.js";
import { person, record, venue } from "./venue.js";

const T = 32;

test("volume falls with distance and each wall damps it", { timeout: 5000 }, () => {
  assert.equal(gainAt(T, T), 1);
  const near = gainAt(2 * T, T);
  const far = gainAt(4 * T, T);
  assert.ok(near < 1 && far < near && far > FAR_GAIN);
  assert.equal(gainAt(20 * T, T), FAR_GAIN);
  assert.ok(Math.abs(gainAt(2 * T, T, 1) - near * 0.4) < 1e-9);
  assert.equal(panFor(0, T), 0);
  assert.ok(panFor(3 * T, T) > 0 && panFor(-3 * T, T) < 0 && panFor(-100 * T, T) === -0.7);
});

test("walls are counted on the walk grid between two people", { timeout: 5000 }, () => {
  const walk = new WalkMap(tiledMap({ rows: [".....", "..#..", "....."] }));
  const at = (tx, ty) => ({ x: tx * T + 16, y: ty * T + 16 });
  assert.equal(wallsBetween(walk, at(0, 1), at(4, 1)), 1);
  assert.equal(wallsBetween(walk, at(0, 0), at(4, 0)), 0);
  const through = hearing(walk, at(0, 1), at(4, 1));
  const open = hearing(walk, at(0, 0), at(4, 0));
  assert.ok(Math.abs(through.gain - open.gain * 0.4) < 1e-9 && through.pan > 0);
  assert.ok(Math.abs(hearing(walk, at(0, 0), at(4, 0), 0.5).gain - open.gain / 2) < 1e-9);
});

test("device failures map to the errors people are told", { timeout: 5000 }, () => {
  assert.equal(deviceError({ name: "NotFoundError" }), CallError.NO_DEVICE);
  assert.equal(deviceError({ name: "NotAllowedError" }), CallError.DENIED);
  assert.equal(deviceError({ name: "NotReadableError" }), CallError.BUSY);
  assert.equal(deviceError(new Error("x")), CallError.FAILED);
});

class FakeTrack {
  enabled = true;
  stopped = false;
  constructor(kind) {
    this.kind = kind;
  }
  stop() {
    this.stopped = true;
  }
}

/** An RTCPeerConnection stand-in that records what the link does with it. */
class FakeConnection extends EventTarget {
  signalingState = "stable";
  connectionState = "new";
  transceivers = [];
  described = [];
  closed = false;
  constructor(config) {
    super();
    this.config = config;
  }
  addTransceiver(trackOrKind, init) {
    const kind = typeof trackOrKind === "string" ? trackOrKind : trackOrKind.kind;
    const track = typeof trackOrKind === "string" ? null : trackOrKind;
    const t = { direction: init.direction, receiver: { track: { kind } }, sender: { track, replaceTrack: async (x) => (t.sender.track = x) } };
    this.transceivers.push(t);
    queueMicrotask(() => this.dispatchEvent(new Event("negotiationneeded")));
    return t;
  }
  getTransceivers() {
    return this.transceivers;
  }
  async createOffer() {
    return { type: "offer", sdp: "v=0\r\noffer\r\n" };
  }
  async createAnswer() {
    return { type: "answer", sdp: "v=0\r\nanswer\r\n" };
  }
  async setLocalDescription(d) {
    this.localDescription = d;
    this.signalingState = d.type === "offer" ? "have-local-offer" : "stable";
  }
  async setRemoteDescription(d) {
    this.described.push(d);
    if (d.type === "offer") {
      this.signalingState = "have-remote-offer";
      for (const kind of ["audio", "video"]) this.addTransceiver(kind, { direction: "recvonly" });
    } else this.signalingState = "stable";
  }
  async addIceCandidate(c) {
    this.candidates = [...(this.candidates ?? []), c];
  }
  restartIce() {
    this.restarted = true;
  }
  close() {
    this.closed = true;
  }
  fail() {
    this.connectionState = "failed";
    this.dispatchEvent(new Event("connectionstatechange"));
  }
}

class FakeStream {
  tracks = [];
  addTrack(t) {
    this.tracks.push(t);
  }
  getAudioTracks() {
    return this.tracks.filter((t) => t.kind === "audio");
  }
  getVideoTracks() {
    return this.tracks.filter((t) => t.kind === "video");
  }
}

async function calls({ me = "me", failMic = null } = {}) {
  const v = venue({ me, at: "bar" });
  const connections = [];
  const media = {
    microphone: async () => {
      if (failMic) throw Object.assign(new Error("no"), { name: failMic });
      return new FakeTrack("audio");
    },
    camera: async () => new FakeTrack("video"),
    screen: async () => new FakeTrack("video"),
    connection: (config) => {
      const pc = new FakeConnection(config);
      connections.push(pc);
      return pc;
    },
    stream: () => new FakeStream(),
  };
  v.socket.answer(Inbound.CALL_STATE, () => ({ ok: true }));
  v.socket.answer(Inbound.CALL_SIGNAL, () => ({ ok: true }));
  v.socket.answer(Inbound.CALL_ICE, () => ({ ok: true, data: { servers: [{ urls: ["turn:x"], username: "1:me", credential: "c" }], expires: 4e9, policy: "relay" } }));
  const model = new CallsState({ wire: v.wire, venue: v.state, maps: v.maps, media });
  await v.welcome();
  return { ...v, model, connections };
}

const peer = (id, extra = {}) => ({ id, name: id.toUpperCase(), call: "group:g1", mic: true, camera: false, held: false, ...extra });

test("nothing connects before the click; then one link per peer, the lower id offering", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls();
  socket.push(Outbound.CALL_PEERS, { peers: [peer("ada"), peer("zed")], held: false });
  await settle();
  assert.equal(connections.length, 0);
  assert.deepEqual(socket.payloads(Inbound.CALL_STATE), []);
  await model.start();
  await settle();
  assert.deepEqual(socket.payloads(Inbound.CALL_STATE).at(-1), { on: true, mic: true, camera: false });
  assert.equal(connections.length, 2);
  assert.equal(connections[0].config.iceTransportPolicy, "relay");
  assert.deepEqual(connections[0].config.iceServers, [{ urls: ["turn:x"], username: "1:me", credential: "c" }]);
  // "me" < "zed": I offer to zed; "ada" < "me": ada offers to me
  const offers = socket.payloads(Inbound.CALL_SIGNAL).filter((s) => s.kind === "offer");
  assert.deepEqual(offers.map((s) => s.to), ["zed"]);
  assert.equal(connections[0].transceivers.length, 0);
});

test("an offer is answered with my tracks, and candidates pass both ways", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls();
  await model.start();
  socket.push(Outbound.CALL_PEERS, { peers: [peer("ada")], held: false });
  await settle();
  socket.push(Outbound.CALL_SIGNALLED, { sender: "ada", call: "group:g1", kind: "offer", sdp: "v=0\r\nx\r\n", candidate: "", mid: null, line: null });
  socket.push(Outbound.CALL_SIGNALLED, { sender: "ada", call: "group:g1", kind: "candidate", sdp: "", candidate: "candidate:1 1 udp 1 1.2.3.4 5 typ host", mid: "0", line: 0 });
  await settle();
  const [pc] = connections;
  assert.equal(pc.described[0].type, "offer");
  assert.equal(pc.transceivers.find((t) => t.receiver.track.kind === "audio").sender.track.kind, "audio");
  const answer = socket.payloads(Inbound.CALL_SIGNAL).find((s) => s.kind === "answer");
  assert.equal(answer.to, "ada");
  assert.equal(pc.candidates[0].sdpMid, "0");
  const ice = new Event("icecandidate");
  ice.candidate = { candidate: "candidate:2 1 udp 1 5.6.7.8 9 typ host", sdpMid: "0", sdpMLineIndex: 0 };
  pc.dispatchEvent(ice);
  await settle();
  assert.equal(socket.payloads(Inbound.CALL_SIGNAL).at(-1).candidate, ice.candidate.candidate);
});

test("a signal before the link waits for it; a peer who goes is closed", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls();
  await model.start();
  const seen = record(model, "error");
  socket.push(Outbound.CALL_SIGNALLED, { sender: "ada", call: "group:g1", kind: "offer", sdp: "v=0\r\nx\r\n", candidate: "", mid: null, line: null });
  socket.push(Outbound.CALL_PEERS, { peers: [peer("ada")], held: false });
  await settle();
  await settle();
  assert.equal(connections[0].described[0].type, "offer");
  connections[0].connectionState = "connected";
  connections[0].dispatchEvent(new Event("connectionstatechange"));
  socket.push(Outbound.CALL_PEERS, { peers: [], held: false });
  await settle();
  assert.equal(connections[0].closed, true);
  assert.equal(model.peers.size, 0);
  assert.deepEqual(seen, [["error", { code: CallError.PEER_LEFT, name: "ADA" }]]);
});

const described = (session, kind = "offer") => ({
  sender: "ada",
  call: "group:g1",
  kind,
  sdp: `v=0\r\no=- ${session} 2 IN IP4 127.0.0.1\r\ns=-\r\n`,
  candidate: "",
  mid: null,
  line: null,
});

test("an offer from the peer's new connection replaces the one that answered their old", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls(); // "ada" < "me": ada offers
  await model.start();
  socket.push(Outbound.CALL_PEERS, { peers: [peer("ada")], held: false });
  await settle();
  socket.push(Outbound.CALL_SIGNALLED, described("111"));
  socket.push(Outbound.CALL_SIGNALLED, described("111")); // the same connection negotiating again
  await settle();
  assert.equal(connections.length, 1);
  socket.push(Outbound.CALL_SIGNALLED, described("222")); // ada reloaded
  await settle();
  assert.equal(connections.length, 2);
  assert.equal(connections[0].closed, true);
  assert.equal(connections[1].described[0].sdp, described("222").sdp);
  const answers = socket.payloads(Inbound.CALL_SIGNAL).filter((s) => s.kind === "answer");
  assert.equal(answers.length, 3);
});

test("a stale answer is found out by the next one, and the offerer starts over", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls({ me: "ann" }); // "ann" < "zed": I offer
  await model.start();
  socket.push(Outbound.CALL_PEERS, { peers: [peer("zed")], held: false });
  await settle();
  const offers = () => socket.payloads(Inbound.CALL_SIGNAL).filter((s) => s.kind === "offer");
  assert.equal(offers().length, 1);
  // zed's earlier connection answered an offer of mine that crossed its reload; then zed's
  // new connection answers too: the first answer was stale
  socket.push(Outbound.CALL_SIGNALLED, { ...described("111", "answer"), sender: "zed" });
  await settle();
  assert.equal(connections.length, 1);
  socket.push(Outbound.CALL_SIGNALLED, { ...described("222", "answer"), sender: "zed" });
  await settle();
  assert.equal(connections[0].closed, true);
  assert.equal(connections.length, 2);
  assert.equal(offers().length, 2); // the new connection offers by itself
  socket.push(Outbound.CALL_SIGNALLED, { ...described("222", "answer"), sender: "zed" });
  await settle();
  assert.equal(connections[1].described.at(-1).sdp, described("222", "answer").sdp);
  assert.equal(connections.length, 2);
});

test("ICE failure restarts once, then is reported", { timeout: 5000 }, async () => {
  const { model, socket, connections } = await calls();
  await model.start();
  const seen = record(model, "error");
  socket.push(Outbound.CALL_PEERS, { peers: [peer("zed")], held: false });
  await settle();
  connections[0].fail();
  assert.equal(connections[0].restarted, true);
  connections[0].fail();
  assert.deepEqual(seen, [["error", { code: CallError.ICE_FAILED, name: "ZED" }]]);
});

test("a held microphone goes off and stays off until released", { timeout: 5000 }, async () => {
  const { model, socket } = await calls();
  await model.start();
  assert.equal(model.mic, true);
  const seen = record(model, "error");
  socket.push(Outbound.CALL_STATE, { person: "me", mic: false, camera: false, held: true });
  assert.equal(model.held, true);
  assert.equal(model.mic, false);
  await model.setMic(true);
  assert.equal(model.mic, false);
  assert.deepEqual(seen, [["error", { code: CallError.HELD }]]);
  socket.push(Outbound.CALL_STATE, { person: "me", mic: false, camera: false, held: false });
  await model.setMic(true);
  assert.equal(model.mic, true);
});

test("a denied microphone is reported and calls go on listening", { timeout: 5000 }, async () => {
  const { model, socket } = await calls({ failMic: "NotAllowedError" });
  const seen = record(model, "error");
  await model.start();
  assert.deepEqual(seen, [["error", { code: CallError.DENIED }]]);
  assert.equal(model.started, true);
  assert.deepEqual(socket.payloads(Inbound.CALL_STATE).at(-1), { on: true, mic: false, camera: false });
});

test("audio only never opens the camera; peers' gain follows distance and my slider", { timeout: 5000 }, async () => {
  const { model, socket, state } = await calls();
  await model.start();
  await model.setAudioOnly(true);
  await model.setCamera(true);
  assert.equal(model.camera, false);
  state.people.set("ada", person("ada", { space: "bar", x: 16 + 4 * T, y: 16 }));
  state.me.x = 16;
  state.me.y = 16;
  socket.push(Outbound.CALL_PEERS, { peers: [peer("ada")], held: false });
  await settle();
  const far = model.peers.get("ada").gain;
  model.setVolume("ada", 0.5);
  assert.ok(Math.abs(model.peers.get("ada").gain - far / 2) < 1e-9);
  socket.push(Outbound.CALL_STATE, { person: "ada", mic: true, camera: false, held: true });
  assert.equal(model.peers.get("ada").gain, 0);
});
