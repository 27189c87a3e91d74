/** The connection banner (#connection), driven by the wire's connection events. */

import { errorText, t } from "../i18n.js";
import { byId } from "./dom.js";

/** Show or hide the connection problem banner. */
export function setConnection(text) {
  const banner = byId("connection");
  banner.textContent = text ?? "";
  banner.hidden = !text;
}

/**
 * Show the problems of `wire`'s connection in the banner; `authFailed(code)` is the page's,
 * and `refused(error)` may take a refusal over (returning true), as the end of one's access.
 */
export function showConnection(wire, { authFailed, refused = () => false }) {
  wire.on("connected", () => setConnection(null));
  wire.on("lost", () => setConnection(t("connection.lost")));
  wire.on("retrying", () => setConnection(t("connection.retrying")));
  wire.on("refused", (error) => refused(error) || setConnection(`${errorText(error)} ${t("connection.reload")}`));
  wire.on("authFailed", authFailed);
}
