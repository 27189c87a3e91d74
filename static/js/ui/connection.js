/** The connection banner (#connection) and the net.connect callbacks that drive it. */

import { errorText, t } from "../i18n.js";
import { byId } from "./dom.js";

/** Show or hide the connection problem banner. */
export function setConnection(text) {
  const banner = byId("connection");
  banner.textContent = text ?? "";
  banner.hidden = !text;
}

/** Lifecycle callbacks for net.connect showing problems in the banner; `overrides` win. */
export function connectionCallbacks(overrides = {}) {
  return {
    connected: () => setConnection(null),
    disconnected: (reason) => {
      if (reason !== "io client disconnect") setConnection(t("connection.lost"));
    },
    failed: () => setConnection(t("connection.retrying")),
    refused: (error) => setConnection(`${errorText(error)} ${t("connection.reload")}`),
    ...overrides,
  };
}
