/** Banners above the venue (warnings, reminders, announcements); each has a key and buttons. */

import { errorText, t } from "../i18n.js";
import { h } from "./dom.js";

/** Keeps at most one banner per key in `container`, newest first. */
export class Notices {
  constructor(container) {
    this.container = container;
    this.items = new Map();
  }

  /**
   * Show a banner: `text`, a `tone` (info, warning, announcement), `actions` as
   * [{label, run, primary}] where `run()` returns a Result of the wire (the banner closes on
   * ok, shows the error otherwise), `dismiss` for a close button, and `extra`: an element
   * before the buttons (a checkbox or a field their `run` reads). Replaces a banner with the same key.
   */
  show(key, { text, detail = null, tone = "info", actions = [], dismiss = false, data = {}, extra = null }) {
    this.remove(key);
    const error = h("p", { class: "field-error", hidden: true });
    const buttons = actions.map(({ label, run, primary }) =>
      h("button", {
        type: "button",
        class: `button button-small${primary ? " button-primary" : ""}`,
        onclick: async () => {
          const result = await run();
          if (result?.ok === false) {
            error.textContent = errorText(result.error);
            error.hidden = false;
          } else this.remove(key);
        },
      }, label),
    );
    if (dismiss) {
      buttons.push(h("button", { type: "button", class: "button button-small button-quiet", onclick: () => this.remove(key) }, t("programme.dismiss")));
    }
    const element = h(
      "section",
      { class: `notice notice-${tone}`, "aria-label": t(`programme.notice.${tone}`), "data-notice": key, ...data },
      h("p", { class: "notice-text", text }),
      detail ? h("p", { class: "notice-detail", text: detail }) : null,
      extra,
      buttons.length ? h("div", { class: "notice-actions" }, ...buttons) : null,
      error,
    );
    this.items.set(key, element);
    this.container.prepend(element);
    return element;
  }

  /** Close the banner `key` if it is shown. */
  remove(key) {
    this.items.get(key)?.remove();
    this.items.delete(key);
  }

  /** Close every banner for which `test(element)` is true. */
  removeWhere(test) {
    for (const [key, element] of this.items) if (test(element)) this.remove(key);
  }
}
