/**
 * My calls: the peers the server links me with (call.peers), one PeerLink each, the signals
 * between them, my microphone and camera, and how loud each peer sounds. No DOM: ui/calls.js
 * draws it; the browser's media objects come from `media` (av/media.js) so node tests fake them.
 *
 * Nothing starts before `start()` (the person's click); after a reload `start()` runs again by
 * itself when they had started before (the browser remembers the permission).
 *
 * Events: "peers" (the list changed), "peer" (one peer's stream, state or volume changed: the
 * peer), "local" (my mic, camera, screen or hold changed), "error" ({code, name?}: a
 * CallError), "started" / "stopped".
 */

import { Emitter } from "../emitter.js";
import { PeerLink } from "./peer.js";
import { hearing } from "./volume.js";

/** Failures the person is told about, each with a message in the catalogue (av.error.*). */
export const CallError = Object.freeze({
  NO_DEVICE: "no_device",
  DENIED: "denied",
  BUSY: "busy",
  ICE_FAILED: "ice_failed",
  PEER_LEFT: "peer_left",
  HELD: "held",
  FAILED: "failed",
});

/** The CallError of a getUserMedia/getDisplayMedia failure. */
export function deviceError(error) {
  switch (error?.name) {
    case "NotFoundError":
    case "OverconstrainedError":
      return CallError.NO_DEVICE;
    case "NotAllowedError":
    case "SecurityError":
      return CallError.DENIED;
    case "NotReadableError":
    case "AbortError":
      return CallError.BUSY;
    default:
      return CallError.FAILED;
  }
}

const SIGNAL_WAIT_MS = 3000; // a signal may come before the call.peers that links us

export class CallsState extends Emitter {
  started = false;
  mic = false;
  camera = false;
  screen = false;
  audioOnly = false;
  /** A moderator holds my microphone: it stays off until they lift it. */
  held = false;
  /** @type {Map<string, {id: string, name: string, call: string, mic: boolean, camera: boolean, held: boolean, volume: number, gain: number, pan: number, state: string, stream: MediaStream|null, video: boolean}>} */
  peers = new Map();
  #wire;
  #venue;
  #maps;
  #media;
  #links = new Map();
  #early = new Map(); // sender -> [signal, at]
  #listed = []; // the latest call.peers
  #ice = null;
  #volumes = new Map(); // person -> my slider (0–1), kept while they come and go
  #local = { audio: null, video: null };

  /** Follow `wire` (calls), `venue` (positions), `maps` (walls); `media` opens devices. */
  constructor({ wire, venue, maps, media }) {
    super();
    this.#wire = wire;
    this.#venue = venue;
    this.#maps = maps;
    this.#media = media;
    wire.on("callPeers", ({ peers, held }) => {
      this.#listed = peers;
      this.#setHeld(held);
      if (this.started) this.#sync();
    });
    wire.on("callSignal", (signal) => this.#signalled(signal));
    wire.on("callState", (state) => this.#stateOf(state));
    wire.on("connected", () => {
      if (this.started) this.#tellServer(); // a new connection starts without me in calls
    });
    venue.on("moves", () => this.#hear());
    venue.on("space", () => this.#hear());
  }

  /** Take part in calls: open the microphone (unless held) and let the server link me. */
  async start({ mic = true } = {}) {
    if (this.started) return;
    this.started = true;
    if (mic && !this.held) await this.setMic(true);
    await this.#tellServer();
    this.emit("started");
    this.#sync();
  }

  /** Leave every call and close my devices. */
  async stop() {
    this.started = false;
    for (const id of [...this.#links.keys()]) this.#drop(id);
    for (const kind of ["audio", "video"]) {
      this.#local[kind]?.stop();
      this.#local[kind] = null;
    }
    this.mic = this.camera = this.screen = false;
    await this.#wire.setCallState(false, false, false);
    this.emit("local");
    this.emit("stopped");
  }

  /** Turn my microphone on or off (a held one stays off). */
  async setMic(on) {
    if (on && this.held) {
      this.emit("error", { code: CallError.HELD });
      return;
    }
    if (on && !this.#local.audio) {
      try {
        this.#local.audio = await this.#media.microphone();
      } catch (error) {
        this.emit("error", { code: deviceError(error) });
        return;
      }
      await this.#sendEverywhere("audio", this.#local.audio);
    }
    if (this.#local.audio) this.#local.audio.enabled = on;
    this.mic = on && Boolean(this.#local.audio);
    this.emit("local");
    if (this.started) await this.#tellServer();
  }

  /** Turn my camera on or off (never in audio-only mode). */
  async setCamera(on) {
    if (on && this.audioOnly) return;
    await this.#setVideo(on ? () => this.#media.camera() : null, { camera: on, screen: false });
  }

  /** Share my screen instead of the camera, or stop sharing. */
  async setScreen(on) {
    await this.#setVideo(on ? () => this.#media.screen() : null, { camera: false, screen: on });
  }

  /** Audio only: the camera stays off and nobody's video is shown. */
  async setAudioOnly(on) {
    this.audioOnly = on;
    if (on && (this.camera || this.screen)) await this.#setVideo(null, { camera: false, screen: false });
    this.emit("local");
    this.emit("peers");
  }

  /** How loud `id` sounds to me, 0–1, on top of the distance. */
  setVolume(id, volume) {
    this.#volumes.set(id, volume);
    this.#hear();
  }

  async #setVideo(open, { camera, screen }) {
    let track = null;
    if (open) {
      try {
        track = await open();
      } catch (error) {
        this.emit("error", { code: deviceError(error) });
        return;
      }
      track.addEventListener?.("ended", () => this.#setVideo(null, { camera: false, screen: false }));
    }
    this.#local.video?.stop();
    this.#local.video = track;
    this.camera = camera && Boolean(track);
    this.screen = screen && Boolean(track);
    await this.#sendEverywhere("video", track);
    this.emit("local");
    if (this.started) await this.#tellServer();
  }

  /** My own camera or screen, to show myself. */
  get localVideo() {
    return this.#local.video;
  }

  /** My microphone's track, to show its level. */
  get localAudio() {
    return this.#local.audio;
  }

  /** Open the microphone again (another device was chosen). */
  async reopenMic() {
    const on = this.mic;
    this.#local.audio?.stop();
    this.#local.audio = null;
    this.mic = false;
    await this.#sendEverywhere("audio", null);
    if (on) await this.setMic(true);
  }

  async #sendEverywhere(kind, track) {
    await Promise.all([...this.#links.values()].map((link) => link.setTrack(kind, track)));
  }

  #tellServer() {
    return this.#wire.setCallState(this.started, this.mic, this.camera || this.screen);
  }

  #setHeld(held) {
    if (this.held === held) return;
    this.held = held;
    if (held && this.mic) {
      this.#local.audio.enabled = false;
      this.mic = false;
    }
    this.emit("local");
  }

  async #sync() {
    const listed = new Map(this.#listed.map((p) => [p.id, p]));
    for (const id of [...this.#links.keys()]) {
      if (!listed.has(id)) this.#drop(id, { left: true });
    }
    const me = this.#venue.me?.id;
    for (const peer of listed.values()) {
      const known = this.peers.get(peer.id);
      if (known) {
        Object.assign(known, { name: peer.name, call: peer.call, mic: peer.mic, camera: peer.camera, held: peer.held });
        continue;
      }
      this.peers.set(peer.id, { ...peer, volume: this.#volumes.get(peer.id) ?? 1, gain: 1, pan: 0, state: "connecting", stream: null, video: false });
      await this.#link(peer, me);
    }
    this.#hear();
    this.emit("peers");
  }

  async #link(peer, me) {
    const ice = await this.#iceServers();
    if (!this.peers.has(peer.id) || this.#links.has(peer.id)) return; // gone (or linked) while waiting
    const link = new PeerLink({
      offers: me < peer.id,
      signal: (kind, fields) => this.#wire.signal(peer.id, this.peers.get(peer.id)?.call ?? peer.call, kind, fields),
      tracks: this.#local,
      config: { iceServers: ice.servers, iceTransportPolicy: ice.policy },
      makeConnection: this.#media.connection,
      makeStream: this.#media.stream,
    });
    this.#links.set(peer.id, link);
    link.on("track", ({ kind, stream }) => this.#update(peer.id, { stream, video: kind === "video" || this.peers.get(peer.id)?.video }));
    link.on("state", (state) => {
      this.#update(peer.id, { state });
      if (state === "failed") this.emit("error", { code: CallError.ICE_FAILED, name: peer.name });
    });
    for (const [signal] of this.#early.get(peer.id) ?? []) this.#deliver(link, signal);
    this.#early.delete(peer.id);
  }

  async #iceServers() {
    const now = Date.now() / 1000;
    if (!this.#ice || this.#ice.expires - 60 < now) {
      const result = await this.#wire.iceServers();
      this.#ice = result.ok ? result.value : { servers: [], expires: now + 60, policy: "all" };
    }
    return this.#ice;
  }

  #drop(id, { left = false } = {}) {
    const peer = this.peers.get(id);
    const wasConnected = peer?.state === "connected";
    this.peers.delete(id);
    this.#links.get(id)?.close();
    this.#links.delete(id);
    if (left && wasConnected) this.emit("error", { code: CallError.PEER_LEFT, name: peer.name });
    this.emit("peers");
  }

  #signalled(signal) {
    const link = this.#links.get(signal.sender);
    if (link) {
      this.#deliver(link, signal);
      return;
    }
    // the sender's process may have linked us a moment before mine tells me
    const now = Date.now();
    const waiting = (this.#early.get(signal.sender) ?? []).filter(([, at]) => now - at < SIGNAL_WAIT_MS);
    waiting.push([signal, now]);
    this.#early.set(signal.sender, waiting);
  }

  #deliver(link, signal) {
    link.receive(signal).catch((error) => console.warn("call signal", signal.kind, error));
  }

  #stateOf({ person, mic, camera, held }) {
    if (person === this.#venue.me?.id) {
      this.#setHeld(held);
      return;
    }
    if (this.peers.has(person)) {
      this.#update(person, { mic, camera, held });
      this.#hear();
    }
  }

  #update(id, fields) {
    const peer = this.peers.get(id);
    if (!peer) return;
    Object.assign(peer, fields);
    this.emit("peer", peer);
  }

  /** Gain and pan of everyone from where we stand; a held peer is silent. */
  #hear() {
    const me = this.#venue.me;
    const walk = this.#maps.current?.map?.walk;
    if (!me || !this.peers.size) return;
    for (const peer of this.peers.values()) {
      const them = this.#venue.people.get(peer.id);
      const volume = this.#volumes.get(peer.id) ?? 1;
      const heard = walk && them ? hearing(walk, me, them, volume) : { gain: volume, pan: 0 };
      const gain = peer.held ? 0 : heard.gain;
      if (Math.abs(gain - peer.gain) > 0.005 || Math.abs(heard.pan - peer.pan) > 0.01 || volume !== peer.volume) {
        this.#update(peer.id, { gain, pan: heard.pan, volume });
      }
    }
  }
}
