/**
 * Web Audio for calls: each peer's stream through a gain (distance, walls, my slider, a
 * moderator's hold) and a stereo panner to the speakers, and an analyser that tells who is
 * speaking. Chromium plays a remote WebRTC stream into Web Audio only while a media element
 * holds it too, so each peer also has a muted <audio>.
 */

const SPEAKING_LEVEL = 0.02; // RMS of the time-domain signal above which someone speaks

export class Mixer {
  /** @type {AudioContext|null} */
  context = null;
  #voices = new Map(); // id -> {source, gain, pan, analyser, element, stream, samples}
  #local = null; // my microphone: {track, source, analyser, samples}

  /** Create (or resume) the AudioContext; call it from a click. */
  async resume() {
    this.context ??= new AudioContext();
    if (this.context.state !== "running") await this.context.resume().catch(() => {});
    return this.context.state === "running";
  }

  get running() {
    return this.context?.state === "running";
  }

  /** Play `peer.stream` (once it has audio) at `peer.gain` and `peer.pan`. */
  set(peer) {
    if (!this.context || !peer.stream || !peer.stream.getAudioTracks().length) return;
    let voice = this.#voices.get(peer.id);
    if (!voice || voice.stream !== peer.stream) {
      this.remove(peer.id);
      voice = this.#connect(peer.stream);
      this.#voices.set(peer.id, voice);
    }
    voice.gain.gain.setTargetAtTime(peer.gain, this.context.currentTime, 0.05);
    voice.pan.pan.setTargetAtTime(peer.pan, this.context.currentTime, 0.05);
  }

  /** The gain node's current value for `id` (what one hears), or null. */
  gainOf(id) {
    return this.#voices.get(id)?.gain.gain.value ?? null;
  }

  /** Whether `id` is speaking right now. */
  speaking(id) {
    const voice = this.#voices.get(id);
    if (!voice) return false;
    return rms(voice) > SPEAKING_LEVEL;
  }

  /** Measure my own microphone `track` (the device check's level), or stop with null. */
  setLocal(track) {
    if (this.#local?.track === track) return;
    this.#local?.source.disconnect();
    this.#local = null;
    if (!track || !this.context) return;
    const source = this.context.createMediaStreamSource(new MediaStream([track]));
    const analyser = this.context.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    this.#local = { track, source, analyser, samples: new Float32Array(analyser.fftSize) };
  }

  /** My microphone's level, 0–1. */
  localLevel() {
    return this.#local ? Math.min(1, 4 * rms(this.#local)) : 0;
  }

  /** Route everything to the speaker `sinkId` (where the browser lets one choose). */
  async setSpeaker(sinkId) {
    if (this.context?.setSinkId) await this.context.setSinkId(sinkId).catch(() => {});
  }

  remove(id) {
    const voice = this.#voices.get(id);
    if (!voice) return;
    voice.source.disconnect();
    voice.pan.disconnect();
    voice.element.srcObject = null;
    this.#voices.delete(id);
  }

  /** Only these ids still play. */
  keep(ids) {
    for (const id of [...this.#voices.keys()]) if (!ids.has(id)) this.remove(id);
  }

  #connect(stream) {
    const ctx = this.context;
    const element = new Audio();
    element.muted = true;
    element.srcObject = stream;
    element.play().catch(() => {});
    const source = ctx.createMediaStreamSource(stream);
    const gain = ctx.createGain();
    const pan = ctx.createStereoPanner();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 512;
    source.connect(analyser);
    source.connect(gain).connect(pan).connect(ctx.destination);
    return { source, gain, pan, analyser, element, stream, samples: new Float32Array(analyser.fftSize) };
  }
}

/** The RMS of an analyser's current time-domain samples. */
function rms({ analyser, samples }) {
  analyser.getFloatTimeDomainData(samples);
  let sum = 0;
  for (const s of samples) sum += s * s;
  return Math.sqrt(sum / samples.length);
}
