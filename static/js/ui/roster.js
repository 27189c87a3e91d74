/**
 * The roster of my space: name, look, role, status, a raised hand or a passing emote, and
 * what I can do with each person: a direct message, go to them, follow them.
 */

import { t } from "../i18n.js";
import { Emote } from "../protocol.js";
import { byId, h } from "./dom.js";
import { lookPreview } from "./looks.js";

const PASSING_MS = 4000; // a wave or applause shows this long in the list

export class Roster {
  /** `onDm(person)`, `onGoTo(person)`, `onFollow(person)` (again: stop); `following()`: an id or null. */
  constructor({ onDm, onGoTo, onFollow, following }) {
    Object.assign(this, { onDm, onGoTo, onFollow, following });
    this.people = [];
    this.meId = null;
    this.passing = new Map(); // person id -> emote shown for a moment
  }

  /** Show everyone in my space. */
  render(people, meId) {
    this.people = people;
    this.meId = meId;
    byId("roster-count").textContent = `(${people.length})`;
    const items = people.map((p) => this.#item(p));
    if (people.length <= 1) items.push(h("li", { class: "roster-empty", text: t("roster.alone") }));
    byId("roster").replaceChildren(...items);
  }

  /** A wave or applause: shown beside the person for a moment. */
  emote(person, emote) {
    if (emote === Emote.HAND || emote === Emote.HAND_DOWN) return; // the roster shows `hand`
    this.passing.set(person.id, emote);
    this.render(this.people, this.meId);
    setTimeout(() => {
      if (this.passing.get(person.id) !== emote) return;
      this.passing.delete(person.id);
      this.render(this.people, this.meId);
    }, PASSING_MS);
  }

  #item(person) {
    const me = person.id === this.meId;
    const passing = this.passing.get(person.id);
    const followed = this.following() === person.id;
    return h(
      "li",
      { "data-person": person.id },
      lookPreview(person),
      h("span", { class: "person-name", text: person.name }),
      me ? h("span", { class: "badge badge-me", text: t("roster.me") }) : null,
      h("span", { class: `badge badge-${person.role}`, text: t(`role.${person.role}`) }),
      person.hand ? h("span", { class: "emote-badge", text: t("emote.shown.hand") }) : null,
      passing ? h("span", { class: "emote-badge", text: t(`emote.shown.${passing}`) }) : null,
      h("span", { class: `status status-${person.status}`, text: t(`status.${person.status}`) }),
      me ? null : this.#tools(person, followed),
    );
  }

  #tools(person, followed) {
    const named = (text) => [text, h("span", { class: "visually-hidden", text: `: ${person.name}` })];
    return h(
      "span",
      { class: "person-tools" },
      h("button", { type: "button", class: "button button-small", onclick: () => this.onDm(person) }, ...named(t("person.dm"))),
      h("button", { type: "button", class: "button button-small", onclick: () => this.onGoTo(person) }, ...named(t("person.goto"))),
      h(
        "button",
        { type: "button", class: "button button-small", "aria-pressed": String(followed), onclick: () => this.onFollow(person) },
        ...named(t("person.follow")),
      ),
    );
  }
}
