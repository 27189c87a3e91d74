/**
 * One peer connection of a call: native RTCPeerConnection, one audio and one video
 * transceiver. The side whose id sorts first offers and the other only answers, so offers never
 * collide; turning the camera or a screen share on or off replaces a track without negotiating
 * again. Signals go out through `signal(kind, fields)` (the wire's call.signal).
 *
 * Either side may start over with a new connection (a reload, a reconnect, leaving and coming
 * back): a session description names its connection (the session id of its `o=` line). An
 * offer from another connection than the one I answered replaces my connection; an answer
 * from another connection than the one I took an answer from means I took a stale one (it
 * came from the peer's earlier connection), so I start over with a new offer.
 *
 * Events: "track" ({kind, stream}), "state" ("connecting" | "connected" | "failed" | "closed").
 */

import { Emitter } from "../emitter.js";

export class PeerLink extends Emitter {
  /** @type {RTCPeerConnection} */
  pc;
  /** The remote audio and video, as one stream. */
  stream;
  state = "connecting";
  #offers;
  #signal;
  #tracks;
  #restarted = false;
  #making = false; // an offer is being made
  #config;
  #makeConnection;
  #makeStream;
  #remote = null; // the session id of the peer's connection I negotiated with
  #handled = Promise.resolve(); // the signals received so far, handled one after the other

  /**
   * `offers`: whether I make the offer; `tracks` ({audio, video}: MediaStreamTrack or null) what
   * I send; `config` the RTCConfiguration; `makeConnection(config)` and `makeStream()` make the
   * browser's objects (node tests give fakes).
   */
  constructor({ offers, signal, tracks, config, makeConnection, makeStream }) {
    super();
    this.#offers = offers;
    this.#signal = signal;
    this.#tracks = { ...tracks };
    this.#config = config;
    this.#makeConnection = makeConnection;
    this.#makeStream = makeStream;
    this.#open();
  }

  #open() {
    this.pc = this.#makeConnection(this.#config);
    this.stream = this.#makeStream();
    this.#remote = null;
    this.#restarted = false;
    const pc = this.pc;
    const current = (handler) => (event) => pc === this.pc && handler(event); // not a replaced one
    pc.addEventListener(
      "icecandidate",
      current(({ candidate }) => {
        if (candidate && candidate.candidate) {
          this.#signal("candidate", { candidate: candidate.candidate, mid: candidate.sdpMid ?? null, line: candidate.sdpMLineIndex ?? null });
        }
      }),
    );
    pc.addEventListener(
      "track",
      current(({ track }) => {
        this.stream.addTrack(track);
        this.emit("track", { kind: track.kind, stream: this.stream });
      }),
    );
    pc.addEventListener("connectionstatechange", current(() => this.#stateChanged()));
    if (this.#offers) {
      pc.addEventListener("negotiationneeded", current(() => this.#offer()));
      pc.addTransceiver(this.#tracks.audio ?? "audio", { direction: "sendrecv" });
      pc.addTransceiver(this.#tracks.video ?? "video", { direction: "sendrecv" });
    }
  }

  /** Close my connection and open a new one (an offerer's offers again by itself). */
  #reopen() {
    this.pc.close();
    this.#open();
    this.#setState("connecting");
  }

  /** A signal from the peer (call.signal), handled after the ones before it: an answer is made
   * from the offer it answers, a candidate added after the description it belongs to. */
  receive(signal) {
    const handled = this.#handled.then(() => this.#receive(signal));
    this.#handled = handled.catch(() => {});
    return handled;
  }

  async #receive(signal) {
    const pc = this.pc;
    if (signal.kind === "candidate") {
      await pc.addIceCandidate({ candidate: signal.candidate, sdpMid: signal.mid, sdpMLineIndex: signal.line });
      return;
    }
    const session = sessionOf(signal.sdp);
    if (signal.kind === "answer") {
      if (!this.#offers) return;
      if (pc.signalingState === "have-local-offer") {
        this.#remote = session;
        await pc.setRemoteDescription({ type: "answer", sdp: signal.sdp });
      } else if (this.#remote !== null && session !== this.#remote) {
        this.#reopen(); // the answer I took was stale: offer again from a new connection
      }
      return;
    }
    if (this.#offers) return; // offers come from me only
    if (this.#remote !== null && session !== this.#remote) this.#reopen(); // they started over
    this.#remote = session;
    await this.pc.setRemoteDescription({ type: "offer", sdp: signal.sdp });
    const answering = this.pc;
    for (const transceiver of answering.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      transceiver.direction = "sendrecv";
      await transceiver.sender.replaceTrack(this.#tracks[kind] ?? null);
    }
    const answer = await answering.createAnswer();
    await answering.setLocalDescription(answer);
    if (answering === this.pc) this.#signal("answer", { sdp: answering.localDescription.sdp });
  }

  /** Send `track` (or nothing) as my `kind` ("audio" or "video") from now on. */
  async setTrack(kind, track) {
    this.#tracks[kind] = track;
    for (const transceiver of this.pc.getTransceivers()) {
      if (transceiver.receiver.track.kind === kind) {
        await transceiver.sender.replaceTrack(track);
      }
    }
  }

  close() {
    this.pc.close();
    this.#setState("closed");
  }

  async #offer() {
    const pc = this.pc;
    if (this.#making || pc.signalingState !== "stable") return;
    this.#making = true;
    try {
      const offer = await pc.createOffer();
      await pc.setLocalDescription(offer);
      if (pc === this.pc) this.#signal("offer", { sdp: pc.localDescription.sdp });
    } finally {
      this.#making = false;
    }
  }

  #stateChanged() {
    const state = this.pc.connectionState;
    if (state === "connected") this.#setState("connected");
    else if (state === "failed") {
      if (this.#offers && !this.#restarted) {
        this.#restarted = true; // one ICE restart, then it has failed
        this.pc.restartIce();
        return;
      }
      this.#setState("failed");
    }
  }

  #setState(state) {
    if (this.state === state) return;
    this.state = state;
    this.emit("state", state);
  }
}

/** The session id of a session description's `o=` line (RFC 8866 §5.2), or "" without one. */
export function sessionOf(sdp) {
  return /^o=\S+ (\S+) /m.exec(sdp ?? "")?.[1] ?? "";
}
