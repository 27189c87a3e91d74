/** A card over the map when someone's avatar or name is clicked: message, go to, follow, share contact. */

import { byId, h } from "./dom.js";
import { lookPreview } from "./looks.js";
import { personActions } from "./roster.js";

export class PersonCard {
  /** `on`: {onDm, onGoTo, onFollow} (each gets the person); `following()`: an id or null. */
  constructor(on, following) {
    this.on = on;
    this.following = following;
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
    this.card.hidden = false;
    // CSSOM, not a style attribute (Content-Security-Policy); kept inside the map
    const box = this.card.parentElement.getBoundingClientRect();
    this.card.style.left = `${Math.max(8, Math.min(at.x - this.card.offsetWidth / 2, box.width - this.card.offsetWidth - 8))}px`;
    this.card.style.top = `${Math.max(8, Math.min(at.y + 12, box.height - this.card.offsetHeight - 8))}px`;
    actions[0].focus();
  }

  hide() {
    this.card.hidden = true;
  }
}
