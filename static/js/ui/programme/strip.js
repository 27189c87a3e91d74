/** The programme strip: now, next, where I belong, and a countdown in the last 10 minutes. */

import { minutesSeconds, timeOfDay } from "../../clock.js";
import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";

const COUNTDOWN_FROM_MS = 10 * 60 * 1000;

/** "Title, Space" list items of `slots`. */
export function slotLines(slots, spaceName) {
  return slots.map((slot) =>
    h(
      "li",
      { "data-space": slot.space ?? "" },
      h("span", { class: "slot-title", text: slot.title }),
      slot.space ? h("span", { class: "slot-space", text: spaceName(slot.space) }) : null,
    ),
  );
}

/** Renders into #programme-now, -next, -you; `goTo(space)` changes space, `here()` is mine. */
export class ProgrammeStrip {
  constructor({ model, spaceName, goTo, here }) {
    Object.assign(this, { model, spaceName, goTo, here });
    this.countdown = byId("programme-countdown");
  }

  /** Re-render everything from the model. */
  render() {
    const { model } = this;
    byId("programme-now").replaceChildren(...this.#block("programme.now", model.current));
    byId("programme-next").replaceChildren(...this.#block("programme.next", model.next));
    byId("programme-you").replaceChildren(...this.#you());
    this.tick();
  }

  /** Update the countdown (called every half second). */
  tick() {
    const left = this.model.untilNext();
    const show = left !== null && left > 0 && left <= COUNTDOWN_FROM_MS;
    this.countdown.hidden = !show;
    if (show) this.countdown.textContent = t("programme.countdown", { time: minutesSeconds(left) });
  }

  #block(key, block) {
    if (!block) return [h("p", { class: "programme-label", text: t(key) }), h("p", { class: "hint", text: t("programme.none") })];
    const times = t("programme.times", { start: timeOfDay(block.start), end: timeOfDay(block.end) });
    return [
      h("p", { class: "programme-label" }, t(key), " ", h("span", { class: "programme-times", text: times })),
      h("ul", { class: "slot-list" }, ...slotLines(this.model.slotsNow(block), this.spaceName)),
    ];
  }

  #you() {
    const { you, current, next } = this.model;
    const parts = [];
    if (you?.target && current) parts.push(this.#belong("programme.you.now", you.target));
    if (you?.nextTarget && next) {
      parts.push(this.#belong("programme.you.next", you.nextTarget, { time: timeOfDay(next.start) }));
    }
    if (you?.stayingUntil) parts.push(h("p", { class: "hint", text: t("programme.staying", { time: timeOfDay(you.stayingUntil) }) }));
    return parts;
  }

  #belong(key, space, params = {}) {
    const name = this.spaceName(space);
    const here = space === this.here();
    return h(
      "p",
      { class: "programme-you", "data-target": space },
      t(key, { space: name, ...params }),
      " ",
      here
        ? h("span", { class: "space-here", text: t("programme.you.here") })
        : key === "programme.you.now"
          ? h("button", { type: "button", class: "button button-small", onclick: () => this.goTo(space) }, t("programme.go"), h("span", { class: "visually-hidden", text: `: ${name}` }))
          : null,
    );
  }
}
