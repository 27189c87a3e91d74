/**
 * When one's time in the venue ends (a moderator removed one, the organisers revoked one's
 * link, one deleted one's registration), the venue gives way to a page saying what happened,
 * for how long and whom to ask, instead of "reconnecting…"; a mute is told in a banner.
 */

import { ErrorCode } from "../protocol.js";
import { t } from "../i18n.js";
import { alertNow } from "./announcer.js";
import { setConnection } from "./connection.js";
import { byId } from "./dom.js";

const REFUSALS = { [ErrorCode.ACCESS_REMOVED]: "removed", [ErrorCode.ACCESS_REVOKED]: "revoked" };

/** Replace the venue by the page for `reason` (removed, revoked, deleted). */
export function showGone(reason, minutes) {
  const title = t(`gone.${reason}.title`);
  byId("gone-title").textContent = title;
  byId("gone-text").textContent = t(`gone.${reason}.text`, { minutes: minutes ?? "" });
  byId("app").hidden = true;
  byId("join").hidden = true;
  setConnection(null);
  const page = byId("gone");
  page.hidden = false;
  page.dataset.reason = reason;
  page.focus();
  alertNow(title);
}

/**
 * Follow `wire` for the end of one's time in the venue, and for mutes (shown by `notices`,
 * a Notices). Returns `refused(error)`: true when a refused connection was such an end.
 */
export function followAccess(wire, notices) {
  wire.on("ended", ({ reason, minutes }) => {
    wire.close(); // the server closes the connection next: no reconnecting
    showGone(reason, minutes);
  });
  wire.on("muted", ({ muted }) => {
    const text = t(muted ? "chat.muted.on" : "chat.muted.off");
    notices.show("muted", { text, tone: muted ? "warning" : "info", dismiss: true, data: { "data-muted": String(muted) } });
    alertNow(text);
  });
  return (error) => {
    const reason = REFUSALS[error.code];
    if (reason) showGone(reason, error.minutes);
    return Boolean(reason);
  };
}
