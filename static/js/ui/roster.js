/**
 * The roster of my space: name, look, role, status, a raised hand or a passing emote, and
 * what I can do with each person: a direct message, go to them, follow them, read the
 * interests they agreed to show (as their card on the map does).
 */

import { pick, t } from "../i18n.js";
import { Emote } from "../protocol.js";
import { byId, h } from "./dom.js";
import { lookPreview } from "./looks.js";

const PASSING_MS = 4000; // a wave or applause shows this long in the list

export class Roster {
  /**
   * `onDm(person)`, `onGoTo(person)`, `onFollow(person)` (again: stop), `onContact(person)`;
   * `following()`: an id or null; `profileOf(id)`: a Result of the person's interests.
   */
  constructor({ onDm, onGoTo, onFollow, onContact, following, profileOf }) {
    Object.assign(this, { onDm, onGoTo, onFollow, onContact, following, profileOf });
    this.people = [];
    this.meId = null;
    this.passing = new Map(); // person id -> emote shown for a moment
    this.interests = new Map(); // person id -> their interests as shown, while open
  }

  /** Show (or hide again) the interests of `person` below their row. */
  async toggleInterests(person) {
    if (this.interests.has(person.id)) this.interests.delete(person.id);
    else {
      const result = await this.profileOf(person.id);
      if (!result.ok) return;
      const { interests, offer, seeking } = result.value;
      const parts = [interests.map((i) => pick(i.name)).join(", "), offer && t("card.offer", { text: offer }), seeking && t("card.seeking", { text: seeking })];
      this.interests.set(person.id, parts.filter(Boolean).join(" · ") || t("roster.interests.none"));
    }
    this.render(this.people, this.meId);
  }

  /** Show everyone in my space. */
  render(people, meId) {
    this.people = people;
    this.meId = meId;
    byId("roster-count").textContent = `(${people.length})`;
    const list = byId("roster");
    // the list is rebuilt: a focused button gets its focus back (keyboard users)
    const focused = document.activeElement;
    const row = list.contains(focused) ? focused.closest("li[data-person]") : null;
    const items = people.map((p) => this.#item(p));
    if (people.length <= 1) items.push(h("li", { class: "roster-empty", text: t("roster.alone") }));
    list.replaceChildren(...items);
    if (row && focused.dataset.action) {
      const again = [...list.querySelectorAll("li[data-person]")].find((li) => li.dataset.person === row.dataset.person);
      again?.querySelector(`[data-action="${focused.dataset.action}"]`)?.focus();
    }
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
      me ? null : h("span", { class: "person-tools" }, ...personActions(person, this, followed), this.#interestsButton(person)),
      this.interests.has(person.id) ? h("p", { class: "roster-interests", text: this.interests.get(person.id) }) : null,
    );
  }

  #interestsButton(person) {
    const open = this.interests.has(person.id);
    return h(
      "button",
      { type: "button", class: "button button-small", "data-action": "interests", "aria-expanded": String(open), onclick: () => this.toggleInterests(person) },
      t("roster.interests"),
      h("span", { class: "visually-hidden", text: `: ${person.name}` }),
    );
  }
}

/**
 * The buttons for what I can do with `person`: a direct message, go to them, follow them
 * (`followed`: I do), offer to share contact details; `on.onDm`, `on.onGoTo`, `on.onFollow`,
 * `on.onContact` get the person, `then()` runs after.
 */
export function personActions(person, on, followed, then = () => {}) {
  const button = (action, text, run, extra = {}) =>
    h(
      "button",
      { type: "button", class: "button button-small", "data-action": action, ...extra, onclick: () => (run(person), then()) },
      text,
      h("span", { class: "visually-hidden", text: `: ${person.name}` }),
    );
  return [
    button("dm", t("person.dm"), on.onDm),
    button("goto", t("person.goto"), on.onGoTo),
    button("follow", t("person.follow"), on.onFollow, { "aria-pressed": String(followed) }),
    button("contact", t("person.contact"), on.onContact),
  ];
}
