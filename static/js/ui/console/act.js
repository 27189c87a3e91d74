/** Console actions: send, show the error inline next to the control, confirm dialogs. */

import { errorText, t } from "../../i18n.js";
import { announce } from "../announcer.js";
import { h } from "../dom.js";

/**
 * Run `request()` (a Promise of the wire's Result) for `control`; its error shows in
 * `errorEl`, success is announced as `done`. The control is busy meanwhile. Returns the Result.
 */
export async function act(control, errorEl, request, done = null) {
  control.disabled = true;
  control.setAttribute("aria-busy", "true");
  try {
    const result = await request();
    showError(errorEl, result.ok ? null : errorText(result.error));
    if (result.ok && done) announce(done);
    return result;
  } finally {
    control.disabled = false;
    control.removeAttribute("aria-busy");
  }
}

/** Show `text` in `errorEl` (or hide it for null). */
export function showError(errorEl, text) {
  errorEl.textContent = text ?? "";
  errorEl.hidden = !text;
}

/** A new inline error element for a control made in JS. */
export function errorSlot() {
  return h("p", { class: "field-error", hidden: true });
}

/** Ask in a modal dialog: `title`, `body` nodes, a `confirm` label; resolves true or false. */
export function confirmDialog({ title, body = [], confirm, danger = false }) {
  return new Promise((resolve) => {
    const heading = h("h2", { id: "mod-dialog-title", text: title });
    const yes = h("button", { type: "submit", value: "yes", class: `button ${danger ? "button-danger" : "button-primary"}` }, confirm);
    const no = h("button", { type: "submit", value: "no", class: "button" }, t("mod.cancel"));
    const form = h("form", { method: "dialog" }, heading, ...body, h("div", { class: "mod-dialog-actions" }, no, yes));
    const dialog = h("dialog", { class: "mod-dialog", "aria-labelledby": "mod-dialog-title" }, form);
    dialog.addEventListener("close", () => {
      dialog.remove();
      resolve(dialog.returnValue === "yes");
    });
    document.body.append(dialog);
    dialog.showModal();
    no.focus();
  });
}
