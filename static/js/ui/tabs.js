/**
 * On a phone the panel's sections are behind tabs (map, programme, chat, people, spaces);
 * the chosen tab is `data-tab` on #app, and the stylesheet shows only its sections.
 * On a wide screen the tabs are not shown and every section is.
 */

import { byId } from "./dom.js";


/** Wire the tab bar; returns `show(tab)` to open a tab from code (e.g. a direct message). */
export function setupTabs() {
  const app = byId("app");
  const buttons = [...byId("tabs").querySelectorAll("button[data-tab]")];

  function show(tab) {
    app.dataset.tab = tab;
    for (const button of buttons) button.setAttribute("aria-pressed", String(button.dataset.tab === tab));
  }

  for (const button of buttons) button.addEventListener("click", () => show(button.dataset.tab));
  show("map");
  return { show };
}

/** Mark #app as used by touch (touch hints, the joystick) when the device has a touch screen. */
export function setupTouch() {
  const app = byId("app");
  const touch = () => app.classList.add("touch");
  if (window.matchMedia("(pointer: coarse)").matches || navigator.maxTouchPoints > 0) touch();
  window.addEventListener("pointerdown", (event) => event.pointerType === "touch" && touch(), { passive: true });
}

/** The header's tools fold into a menu button on a phone. */
export function setupHeaderMenu() {
  const button = byId("header-more");
  const header = button.closest("header");
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("open", open);
  });
}
