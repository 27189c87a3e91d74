/**
 * On a phone the panel's sections are behind tabs (map, programme, chat, people, spaces);
 * the chosen tab is `data-tab` on #app, and the stylesheet shows only its sections.
 * On a wide screen the tabs are not shown and every section is.
 */

import { t } from "../i18n.js";
import { byId, h } from "./dom.js";


/**
 * Wire the tab bar; returns `show(tab)` to open a tab from code (e.g. a direct message) and
 * `mark(tab)`: something new waits there (a dot until the tab is opened).
 */
export function setupTabs() {
  const app = byId("app");
  const buttons = [...byId("tabs").querySelectorAll("button[data-tab]")];
  const button = (tab) => buttons.find((b) => b.dataset.tab === tab);

  function show(tab) {
    app.dataset.tab = tab;
    for (const b of buttons) b.setAttribute("aria-pressed", String(b.dataset.tab === tab));
    const opened = button(tab);
    if (opened && "unread" in opened.dataset) {
      delete opened.dataset.unread;
      opened.querySelector(".tab-unread")?.remove();
    }
  }

  function mark(tab) {
    const marked = button(tab);
    if (!marked || app.dataset.tab === tab || "unread" in marked.dataset) return;
    marked.dataset.unread = "";
    marked.append(h("span", { class: "tab-unread visually-hidden", text: ` (${t("tabs.unread")})` }));
  }

  for (const b of buttons) b.addEventListener("click", () => show(b.dataset.tab));
  show("map");
  return { show, mark };
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
