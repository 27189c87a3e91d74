/**
 * Calls on the page, drawn from a CallsState: the start buttons (nothing starts before a
 * click), mic, camera and screen buttons with Alt+M / Alt+V, push-to-talk on the space bar,
 * the live indicator, the device check, the people one hears with a volume slider each (list
 * mode reaches all of it by keyboard), the video strip above the map, who is speaking (the
 * roster), and short inline errors.
 */

import { t } from "../i18n.js";
import { load, save } from "../storage.js";
import { chosen, listDevices } from "../av/media.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

const STARTED = "venue.calls"; // "mic" or "listen" once started: calls come back after a reload
const SPEAKING_MS = 200;

/**
 * Draw `calls` (a CallsState) with `mixer` (a Mixer) playing what it hears; `onSpeaking(ids)`
 * gets the Set of people speaking now (the map rings their avatars).
 */
export function showCalls(calls, mixer, { onSpeaking = () => {} } = {}) {
  const el = (id) => byId(id);
  const strip = el("video-strip");
  const error = el("calls-error");
  const tiles = new Map(); // id -> <video> tile
  let pushToTalk = false;

  function showError(code, name = "") {
    error.textContent = t(`av.error.${code}`, { name });
    error.hidden = false;
  }

  async function start(mic) {
    error.hidden = true;
    await mixer.resume(); // a click: the browser lets sound play from now on
    await calls.start({ mic });
    save(STARTED, mic ? "mic" : "listen");
    fillDevices();
  }

  el("calls-start").addEventListener("click", () => start(true));
  el("calls-listen").addEventListener("click", () => start(false));
  el("calls-leave").addEventListener("click", async () => {
    save(STARTED, "");
    await calls.stop();
    announce(t("av.left"));
  });
  el("calls-mic").addEventListener("click", () => calls.setMic(!calls.mic));
  el("calls-camera").addEventListener("click", () => calls.setCamera(!calls.camera));
  el("calls-screen").addEventListener("click", () => calls.setScreen(!calls.screen));
  el("calls-audio-only").addEventListener("change", (e) => calls.setAudioOnly(e.target.checked));
  el("calls-ptt").addEventListener("change", (e) => {
    pushToTalk = e.target.checked;
    if (pushToTalk) calls.setMic(false);
  });
  el("calls-resume-button").addEventListener("click", async () => {
    await mixer.resume();
    renderLocal();
    for (const peer of calls.peers.values()) mixer.set(peer);
  });
  el("calls-microphone").addEventListener("change", async (e) => {
    chosen.microphone = e.target.value;
    if (calls.mic) await calls.reopenMic();
  });
  el("calls-camera-device").addEventListener("change", (e) => {
    chosen.camera = e.target.value;
  });
  el("calls-speaker").addEventListener("change", (e) => mixer.setSpeaker(e.target.value));

  window.addEventListener("keydown", (event) => {
    if (!calls.started || isTyping(event.target)) return;
    if (event.altKey && event.code === "KeyM") {
      event.preventDefault();
      calls.setMic(!calls.mic);
    } else if (event.altKey && event.code === "KeyV") {
      event.preventDefault();
      calls.setCamera(!calls.camera);
    } else if (pushToTalk && event.code === "Space" && !event.repeat) {
      event.preventDefault();
      calls.setMic(true);
    }
  });
  const release = () => {
    if (pushToTalk && calls.started && calls.mic) calls.setMic(false);
  };
  window.addEventListener("keyup", (event) => {
    if (event.code === "Space") release();
  });
  window.addEventListener("blur", release); // a key let go in another window never comes up here

  async function fillDevices() {
    try {
      const { microphones, cameras, speakers } = await listDevices();
      const options = (list, current) => list.map((d) => h("option", { value: d.id, selected: d.id === current }, d.label));
      el("calls-microphone").replaceChildren(...options(microphones, chosen.microphone));
      el("calls-camera-device").replaceChildren(...options(cameras, chosen.camera));
      el("calls-speaker").replaceChildren(...options(speakers, ""));
    } catch {
      // no device list (old browser): the defaults serve
    }
  }

  function renderLocal() {
    el("calls-off").hidden = calls.started;
    el("calls-on").hidden = !calls.started;
    const press = (id, on) => el(id).setAttribute("aria-pressed", String(on));
    press("calls-mic", calls.mic);
    press("calls-camera", calls.camera);
    press("calls-screen", calls.screen);
    el("calls-mic").disabled = calls.held;
    el("calls-camera").disabled = calls.audioOnly;
    const live = [calls.mic && t("av.live_mic"), calls.camera && t("av.live_camera"), calls.screen && t("av.live_screen")].filter(Boolean);
    el("calls-live").textContent = live.join(" · ");
    el("calls-live").hidden = !live.length;
    document.body.classList.toggle("mic-live", calls.mic);
    mixer.setLocal(calls.localAudio);
    el("calls-resume").hidden = !calls.started || mixer.running;
    renderStrip();
  }

  function renderPeers() {
    const items = [...calls.peers.values()].map((peer) => {
      const slider = h("input", {
        type: "range",
        min: "0",
        max: "100",
        value: String(Math.round(peer.volume * 100)),
        "aria-label": t("av.volume", { name: peer.name }),
        oninput: (e) => calls.setVolume(peer.id, Number(e.target.value) / 100),
      });
      return h(
        "li",
        { "data-person": peer.id, "data-state": peer.state },
        h("span", { class: "person-name", text: peer.name }),
        h("span", { class: "calls-flags", "data-flags": peer.id, text: flags(peer) }),
        slider,
      );
    });
    if (!items.length) items.push(h("li", { class: "roster-empty", text: t("av.nobody") }));
    el("calls-peers").replaceChildren(...items);
    mixer.keep(new Set(calls.peers.keys()));
    for (const peer of calls.peers.values()) mixer.set(peer);
    renderStrip();
  }

  function flags(peer) {
    const out = [];
    if (peer.held) out.push(t("av.held"));
    else if (!peer.mic) out.push(t("av.muted"));
    if (peer.state === "connecting") out.push(t("av.connecting"));
    return out.join(", ");
  }

  function renderStrip() {
    const shown = new Set();
    const me = calls.localVideo;
    if (me && !calls.audioOnly) {
      shown.add("me");
      tile("me", t("av.you"), new MediaStream([me]), true);
    }
    if (!calls.audioOnly) {
      for (const peer of calls.peers.values()) {
        if (peer.stream && peer.camera && peer.stream.getVideoTracks().length) {
          shown.add(peer.id);
          tile(peer.id, peer.name, peer.stream, false);
        }
      }
    }
    for (const [id, figure] of tiles) {
      if (!shown.has(id)) {
        figure.remove();
        tiles.delete(id);
      }
    }
    strip.hidden = !tiles.size;
  }

  function tile(id, name, stream, mine) {
    let figure = tiles.get(id);
    if (!figure) {
      const video = h("video", { autoplay: true, playsinline: true, muted: true });
      video.muted = true; // sound goes through the mixer
      figure = h("figure", { class: "video-tile", "data-person": id }, video, h("figcaption", { text: name }));
      tiles.set(id, figure);
      strip.append(figure);
    }
    const video = figure.querySelector("video");
    if (video.srcObject !== stream && !(mine && video.srcObject?.getVideoTracks()[0] === stream.getVideoTracks()[0])) {
      video.srcObject = stream;
    }
  }

  // who speaks: the roster, the peer list and the video tiles
  setInterval(() => {
    const speakers = new Set();
    for (const peer of calls.peers.values()) {
      const speaking = mixer.speaking(peer.id);
      if (speaking) speakers.add(peer.id);
      for (const node of document.querySelectorAll(`[data-person="${CSS.escape(peer.id)}"]`)) {
        node.classList.toggle("speaking", speaking);
      }
      const gain = mixer.gainOf(peer.id);
      const row = el("calls-peers").querySelector(`li[data-person="${CSS.escape(peer.id)}"]`);
      if (row && gain !== null) row.dataset.gain = gain.toFixed(3);
    }
    el("calls-level").value = mixer.localLevel();
    onSpeaking(speakers);
  }, SPEAKING_MS);

  let known = new Set();
  calls.on("peers", () => {
    const now = new Set(calls.peers.keys());
    const names = [...calls.peers.values()].filter((p) => !known.has(p.id)).map((p) => p.name);
    if (names.length) announce(t("av.joined", { names: names.join(", ") }));
    known = now;
    renderPeers();
  });
  calls.on("peer", (peer) => {
    const row = el("calls-peers").querySelector(`[data-flags="${CSS.escape(peer.id)}"]`);
    if (row) row.textContent = flags(peer);
    row?.closest("li")?.setAttribute("data-state", peer.state);
    mixer.set(peer);
    renderStrip();
  });
  let wasHeld = false;
  let wasMic = false;
  calls.on("local", () => {
    if (calls.held !== wasHeld) {
      announce(t(calls.held ? "av.held_you" : "av.released_you"));
      wasHeld = calls.held;
    } else if (calls.started && calls.mic !== wasMic && !pushToTalk) {
      announce(t(calls.mic ? "av.mic_on" : "av.mic_off")); // what list mode hears on Alt+M or the button
    }
    wasMic = calls.mic;
    renderLocal();
  });
  calls.on("started", renderLocal);
  calls.on("stopped", () => {
    renderLocal();
    renderPeers();
  });
  calls.on("error", ({ code, name }) => showError(code, name));

  // after a reload: back into calls by themselves (sound plays once the page is clicked)
  const before = load(STARTED);
  if (before === "mic" || before === "listen") {
    calls.start({ mic: before === "mic" }).then(async () => {
      await mixer.resume();
      renderLocal();
      fillDevices();
    });
    const resume = async () => {
      await mixer.resume();
      renderLocal();
      for (const peer of calls.peers.values()) mixer.set(peer);
    };
    window.addEventListener("pointerdown", resume, { once: true });
    window.addEventListener("keydown", resume, { once: true });
  }
  renderLocal();
}

function isTyping(target) {
  return target instanceof Element && target.closest("input:not([type=checkbox]):not([type=range]), textarea, select, [contenteditable]") !== null;
}
