/**
 * The meeting panel: the space's meeting, or the meeting of the area I stand in. The page
 * is framed only when the person asks, so walking past never contacts a meeting server.
 */

import { t } from "../i18n.js";
import { byId, h } from "./dom.js";

const CHECK_MS = 500;

export function setupMeeting({ state }) {
  const section = byId("meeting");
  const link = byId("meeting-link");
  const open = byId("meeting-open");
  const frame = byId("meeting-frame");
  let shown = null;

  function urlHere() {
    const space = state.currentSpace;
    const me = state.me;
    if (!space || !me) return null;
    const area = (space.meetings ?? []).find(
      (a) => me.x >= a.x && me.x < a.x + a.w && me.y >= a.y && me.y < a.y + a.h,
    );
    return area?.url ?? space.meeting ?? null;
  }

  function update() {
    const url = urlHere();
    if (url === shown) return;
    shown = url;
    frame.replaceChildren();
    open.hidden = false;
    section.hidden = !url;
    if (url) {
      link.href = url;
      link.textContent = new URL(url).host;
    }
  }

  open.addEventListener("click", () => {
    if (!shown) return;
    frame.replaceChildren(
      h("iframe", {
        src: shown,
        title: t("meeting.frame"),
        allow: "camera; microphone; fullscreen; display-capture; autoplay",
        referrerpolicy: "no-referrer",
      }),
    );
    open.hidden = true;
  });
  state.on("space", update);
  state.on("me", update);
  setInterval(update, CHECK_MS); // my own steps change no state event
}
