/** The header's controls: my name, status selector, leave; tells the server when the tab hides. */

import { Api, Status } from "../protocol.js";
import { errorText } from "../i18n.js";
import { load, save } from "../storage.js";
import { announce } from "./announcer.js";
import { byId } from "./dom.js";

/**
 * Wire the header to `wire` (the Wire). `onStatus(status)` records an accepted status,
 * `onLeave()` closes the connection before the page reloads.
 */
export function setupHeader({ wire, onStatus, onLeave }) {
  const select = byId("status-select");
  // What I picked, kept across reloads (a language switch). The server shows me as away
  // while all my tabs are hidden and my choice again after, so a hidden tab only reports
  // its visibility and never overwrites the choice.
  let chosen = loadChoice();

  async function apply(status) {
    const result = await wire.setStatus(status);
    if (result.ok) onStatus(status);
    else announce(errorText(result.error));
    return result.ok;
  }

  select.addEventListener("change", async () => {
    const previous = chosen;
    chosen = select.value;
    if (await apply(chosen)) saveChoice(chosen);
    else select.value = chosen = previous;
  });

  const reportVisibility = () => wire.setVisible(document.visibilityState === "visible");
  document.addEventListener("visibilitychange", reportVisibility);

  byId("leave-button").addEventListener("click", async () => {
    // Read the body too: navigating away before it arrived would abort the request.
    await fetch(Api.LEAVE, { method: "POST", credentials: "same-origin" })
      .then((response) => response.text())
      .catch(() => null);
    onLeave();
    window.location.assign(window.location.pathname);
  });

  return {
    /** Show my name and status; after a (re)connect, tell the server my choice and tab state. */
    showMe(me, { connected = false } = {}) {
      byId("me-name").textContent = me.name;
      select.value = chosen;
      if (!connected) return;
      if (me.status !== chosen) apply(chosen);
      if (document.visibilityState !== "visible") reportVisibility();
    },
  };
}

const STORAGE_KEY = "venue.status";

function loadChoice() {
  const stored = load(STORAGE_KEY, "sessionStorage");
  return Object.values(Status).includes(stored) ? stored : Status.AVAILABLE;
}

function saveChoice(status) {
  save(STORAGE_KEY, status, "sessionStorage");
}
