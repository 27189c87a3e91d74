/**
 * One peer connection of a call: native RTCPeerConnection, one audio and one video
 * transceiver. The side whose id sorts first offers and the other only answers, so offers never
 * collide; turning the camera or a screen share on or off replaces a track without negotiating
 * again. Signals go out through `signal(kind, fields)` (the wire's call.signal).
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
    this.pc = makeConnection(config);
    this.stream = makeStream();
    this.pc.addEventListener("icecandidate", ({ candidate }) => {
      if (candidate && candidate.candidate) {
        this.#signal("candidate", { candidate: candidate.candidate, mid: candidate.sdpMid ?? null, line: candidate.sdpMLineIndex ?? null });
      }
    });
    this.pc.addEventListener("track", ({ track }) => {
      this.stream.addTrack(track);
      this.emit("track", { kind: track.kind, stream: this.stream });
    });
    this.pc.addEventListener("connectionstatechange", () => this.#stateChanged());
    if (offers) {
      this.pc.addEventListener("negotiationneeded", () => this.#offer());
      this.pc.addTransceiver(this.#tracks.audio ?? "audio", { direction: "sendrecv" });
      this.pc.addTransceiver(this.#tracks.video ?? "video", { direction: "sendrecv" });
    }
  }

  /** A signal from the peer (call.signal). */
  async receive(signal) {
    const pc = this.pc;
    if (signal.kind === "candidate") {
      await pc.addIceCandidate({ candidate: signal.candidate, sdpMid: signal.mid, sdpMLineIndex: signal.line });
      return;
    }
    if (signal.kind === "answer") {
      if (this.#offers && pc.signalingState === "have-local-offer") await pc.setRemoteDescription({ type: "answer", sdp: signal.sdp });
      return;
    }
    if (this.#offers) return; // offers come from me only
    await pc.setRemoteDescription({ type: "offer", sdp: signal.sdp });
    for (const transceiver of pc.getTransceivers()) {
      const kind = transceiver.receiver.track.kind;
      transceiver.direction = "sendrecv";
      await transceiver.sender.replaceTrack(this.#tracks[kind] ?? null);
    }
    const answer = await pc.createAnswer();
    await pc.setLocalDescription(answer);
    this.#signal("answer", { sdp: pc.localDescription.sdp });
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
      this.#signal("offer", { sdp: pc.localDescription.sdp });
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
