/** The side panel's space list (also part of list mode). */

import { pick, t } from "../i18n.js";
import { byId, h } from "./dom.js";

/** Keeps the space list in place and updates it, so keyboard focus survives count updates. */
export class SpaceList {
  /** `onGo(spaceId)` runs when a "Go" button is pressed. */
  constructor(onGo) {
    this.list = byId("space-list");
    this.onGo = onGo;
    this.items = new Map();
    this.closed = new Set();
    this.shown = { spaces: [], currentId: null };
  }

  /** Show `spaces` with their counts, marking `currentId` as where I am. */
  render(spaces, currentId) {
    this.shown = { spaces, currentId };
    const ids = spaces.map((s) => s.id).join();
    if (ids !== [...this.items.keys()].join()) this.#rebuild(spaces);
    for (const space of spaces) this.#update(space, space.id === currentId);
  }

  /** Mark the spaces a moderator closed (programme.state's `closed`). */
  setClosed(ids) {
    this.closed = new Set(ids);
    this.render(this.shown.spaces, this.shown.currentId);
  }

  #rebuild(spaces) {
    this.list.replaceChildren();
    this.items.clear();
    for (const space of spaces) {
      const item = {
        name: h("span", { class: "space-name-text" }),
        here: h("span", { class: "space-here", text: t("spaces.here") }),
        closed: h("span", { class: "space-closed", text: t("spaces.closed") }),
        count: h("span", { class: "space-count", "aria-hidden": "true" }),
        countText: h("span", { class: "visually-hidden" }),
        buttonText: h("span", { class: "visually-hidden" }),
      };
      item.button = h(
        "button",
        {
          type: "button",
          class: "button button-small",
          // aria-disabled, not disabled: the button keeps keyboard focus after I went there.
          onclick: () => item.button.getAttribute("aria-disabled") !== "true" && this.onGo(space.id),
        },
        t("spaces.go"),
        item.buttonText,
      );
      item.li = h(
        "li",
        { "data-space": space.id },
        h("span", { class: "space-name" }, item.name, h("span", { class: "space-meta" }, item.count, item.countText, item.closed, item.here)),
        item.button,
      );
      this.items.set(space.id, item);
      this.list.append(item.li);
    }
  }

  #update(space, current) {
    const item = this.items.get(space.id);
    const name = pick(space.name);
    const numbers = { count: space.count, capacity: space.capacity };
    item.name.textContent = name;
    item.here.hidden = !current;
    const closed = this.closed.has(space.id);
    item.closed.hidden = !closed;
    item.li.classList.toggle("closed", closed);
    item.count.textContent = t("spaces.count", numbers);
    item.count.classList.toggle("full", space.count >= space.capacity);
    item.countText.textContent = `, ${t("spaces.count.long", numbers)}`;
    item.buttonText.textContent = `: ${name}`;
    item.button.setAttribute("aria-disabled", String(current));
    if (current) item.li.setAttribute("aria-current", "location");
    else item.li.removeAttribute("aria-current");
  }
}
