/** Call people to a space, announcements, opening and closing spaces. */

import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";
import { act, errorSlot, showError } from "./act.js";

/** Fill the space selects; those with data-everyone get an "everyone" option first. */
export function fillSpaceSelects(spaces, spaceName) {
  for (const id of ["mod-call-source", "mod-call-to", "mod-announce-space"]) {
    const select = byId(id);
    const kept = select.value;
    const everyone = select.dataset.everyone ? [h("option", { value: "" }, t("mod.everyone"))] : [];
    select.replaceChildren(...everyone, ...spaces.map((s) => h("option", { value: s.id }, spaceName(s.id))));
    if (kept) select.value = kept;
  }
}

/** Wire the call and announcement forms to `wire` (the Wire). */
export function setupControls({ wire, spaceName }) {
  const call = byId("mod-call-form");
  call.addEventListener("submit", async (event) => {
    event.preventDefault();
    const to = byId("mod-call-to").value;
    const source = byId("mod-call-source").value || null;
    const done = t("mod.done.call", { space: spaceName(to) });
    await act(event.submitter ?? event.target, byId("mod-call-error"), () => wire.callTo(to, source), done);
  });

  const announce = byId("mod-announce-form");
  const text = byId("mod-announce-text");
  announce.addEventListener("submit", async (event) => {
    event.preventDefault();
    const error = byId("mod-announce-error");
    const message = text.value.trim();
    if (!message) {
      text.setAttribute("aria-invalid", "true");
      text.focus();
      return showError(error, t("mod.announce.empty"));
    }
    text.removeAttribute("aria-invalid");
    const space = byId("mod-announce-space").value || null;
    const result = await act(event.submitter ?? event.target, error, () => wire.announce(message, space), t("mod.done.announce"));
    if (result.ok) text.value = "";
  });
}

/** Keeps one row per space with an open/close toggle; focus survives updates. */
export class SpaceToggles {
  constructor({ wire, spaceName }) {
    Object.assign(this, { wire, spaceName });
    this.list = byId("mod-spaces");
    this.rows = new Map();
  }

  /** Show `spaces` (welcome list) with `closed` (programme.state) marked. */
  render(spaces, closed) {
    if (spaces.map((s) => s.id).join() !== [...this.rows.keys()].join()) this.#rebuild(spaces);
    for (const [id, row] of this.rows) {
      const isClosed = closed.includes(id);
      row.li.dataset.open = String(!isClosed);
      row.state.textContent = t(isClosed ? "mod.space.closed" : "mod.space.open");
      row.button.firstChild.textContent = t(isClosed ? "mod.space.do_open" : "mod.space.do_close");
      row.button.dataset.open = String(isClosed);
    }
  }

  #rebuild(spaces) {
    this.rows.clear();
    this.list.replaceChildren();
    for (const space of spaces) {
      const name = this.spaceName(space.id);
      const row = { state: h("span", { class: "mod-space-state" }), error: errorSlot() };
      row.button = h("button", { type: "button", class: "button button-small" }, "", h("span", { class: "visually-hidden", text: `: ${name}` }));
      row.button.addEventListener("click", () => {
        const open = row.button.dataset.open === "true";
        act(row.button, row.error, () => this.wire.setSpaceOpen(space.id, open));
      });
      row.li = h("li", { "data-space": space.id }, h("span", { class: "space-name", text: name }), row.state, row.button, row.error);
      this.rows.set(space.id, row);
      this.list.append(row.li);
    }
  }
}
