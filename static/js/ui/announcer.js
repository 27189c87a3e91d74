/** The ARIA live regions: polite news (arrivals, my space, errors) and urgent announcements. */

import { byId } from "./dom.js";

const CLEAR_MS = 12000;
const timers = new Map();

/** Put `text` into the live region `id`: emptied first, so the same message is read twice. */
function say(id, text) {
  const region = byId(id);
  clearTimeout(timers.get(id));
  region.textContent = "";
  requestAnimationFrame(() => {
    region.textContent = text;
  });
  timers.set(
    id,
    setTimeout(() => {
      region.textContent = "";
    }, CLEAR_MS),
  );
}

/** Say `text` politely to screen readers and show it in the panel. */
export function announce(text) {
  say("announcer", text);
}

/** Say `text` at once (role=alert): moderators' announcements. */
export function alertNow(text) {
  say("alerter", text);
}
