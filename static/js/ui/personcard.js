/**
 * A card over the map when someone's avatar or name is clicked: message, go to, follow, share
 * contact, and their interests if they agreed to show them.
 */

import { pick, t } from "../i18n.js";
import { byId, h } from "./dom.js";
import { lookPreview } from "./looks.js";
import { personActions } from "./roster.js";

export class PersonCard {
  /**
   * `on`: {onDm, onGoTo, onFollow} (each gets the person); `following()`: an id or null;
   * `profileOf(id)`: a Result of the person's interests (the wire's `profile`).
   */
  constructor(on, following, profileOf) {
    this.on = on;
    this.following = following;
    this.profileOf = profileOf;
    this.card = byId("person-card");
    this.card.addEventListener("keydown", (event) => event.key === "Escape" && this.hide());
    // a press elsewhere closes it; presses on the map are the map's (a tap walks: hide())
    document.addEventListener("pointerdown", (event) => {
      if (!this.card.hidden && !this.card.contains(event.target) && !event.target.closest?.("#map")) this.hide();
    });
  }

  /** Show the card of `person` at canvas pixels `at`; the first button gets the focus. */
  show(person, at) {
    const title = h("p", { id: "person-card-title", class: "person-card-name" }, lookPreview(person), person.name);
    const actions = personActions(person, this.on, this.following() === person.id, () => this.hide());
    this.card.replaceChildren(title, h("div", { class: "person-card-actions" }, ...actions));
    this.card.dataset.person = person.id;
    delete this.card.dataset.profile;
    this.card.hidden = false;
    // CSSOM, not a style attribute (Content-Security-Policy); kept inside the map
    const box = this.card.parentElement.getBoundingClientRect();
    this.card.style.left = `${Math.max(8, Math.min(at.x - this.card.offsetWidth / 2, box.width - this.card.offsetWidth - 8))}px`;
    this.card.style.top = `${Math.max(8, Math.min(at.y + 12, box.height - this.card.offsetHeight - 8))}px`;
    actions[0].focus();
    this.#addInterests(person.id);
  }

  /** The person's interests below the name, once they arrive (if the card still shows them). */
  async #addInterests(id) {
    const result = await this.profileOf(id);
    if (!result.ok || this.card.hidden || this.card.dataset.person !== id) return;
    this.card.dataset.profile = id; // the answer came (an empty one shows nothing)
    const { interests, offer, seeking } = result.value;
    if (!interests.length && !offer && !seeking) return;
    const tags = interests.length ? h("ul", { class: "person-card-tags", "aria-label": t("card.interests") },
      ...interests.map((i) => h("li", { class: "tag" }, pick(i.name)))) : null;
    const lines = [offer && t("card.offer", { text: offer }), seeking && t("card.seeking", { text: seeking })];
    const box = h("div", { class: "person-card-interests" }, tags, ...lines.filter(Boolean).map((text) => h("p", { text })));
    this.card.insertBefore(box, this.card.lastElementChild);
  }

  hide() {
    this.card.hidden = true;
  }
}
