/** Map or list view. List mode hides the map; the panel then is the whole venue. */

import { t } from "../i18n.js";
import { load, save } from "../storage.js";
import { announce } from "./announcer.js";
import { byId } from "./dom.js";

const STORAGE_KEY = "venue.view";

/** Wire the view switch; `onChange(listMode)` pauses or resumes the map. Returns a setter. */
export function setupListMode(onChange) {
  const app = byId("app");
  const mapButton = byId("view-map");
  const listButton = byId("view-list");

  function set(listMode, { quiet = false } = {}) {
    app.classList.toggle("list-mode", listMode);
    mapButton.setAttribute("aria-pressed", String(!listMode));
    listButton.setAttribute("aria-pressed", String(listMode));
    save(STORAGE_KEY, listMode ? "list" : "map");
    onChange(listMode);
    if (!quiet) announce(t(listMode ? "view.list.on" : "view.map.on"));
  }

  mapButton.addEventListener("click", () => set(false));
  listButton.addEventListener("click", () => set(true));
  set(load(STORAGE_KEY) === "list", { quiet: true });
  return set;
}

