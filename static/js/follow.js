/**
 * "Go to" and "follow" a person: walk next to them in my space, or change to their space
 * first; following keeps me beside them as they walk and through doors, until I walk myself.
 * Notifications: "change" (whom I follow changed: an id or null), "lost" (name: they left).
 */

import { Emitter } from "./emitter.js";

const REPLAN_MS = 600; // a followed person's moves re-plan my path at most this often

export class Follow extends Emitter {
  /**
   * `state`: the VenueState; `enterSpace(id)`: resolves with a Result; `walkNear(x, y)`:
   * walks beside a point on the map, false while no map is shown.
   */
  constructor({ state, enterSpace, walkNear }) {
    super();
    Object.assign(this, { state, enterSpace, walkNear });
    this.target = null; // {id, name, keep}: keep = follow, else go there once
    this.planned = 0;
    state.on("moves", (moves) => {
      if (!this.target?.keep || !moves.some((m) => m.id === this.target.id)) return;
      if (performance.now() - this.planned > REPLAN_MS) this.#approach();
    });
    state.on("departed", ({ person, to }) => {
      if (person.id !== this.target?.id || !this.target.keep) return;
      if (to) this.#change(to);
      else this.#lose();
    });
  }

  /** Whom I follow (an id), or null. */
  get following() {
    return this.target?.keep ? this.target.id : null;
  }

  /** Walk next to `person` ({id, name, space}) once, in their space. */
  goTo(person) {
    this.#start(person, false);
  }

  /** Keep beside `person` ({id, name, space}) until I walk myself or stop. */
  follow(person) {
    this.#start(person, true);
  }

  /** Stop following (I walked myself, or pressed the button again). */
  stop() {
    const was = this.following;
    this.target = null;
    if (was) this.emit("change", null);
  }

  /** The map of my space is drawn: walk to whom I am after, if they are here. */
  shown() {
    if (this.target) this.#approach();
  }

  #start({ id, name, space }, keep) {
    this.target = { id, name, keep };
    this.emit("change", this.following);
    if (space && space !== this.state.spaceId) this.#change(space);
    else this.#approach();
  }

  async #change(space) {
    const result = await this.enterSpace(space);
    if (!result?.ok && !this.target?.keep) this.target = null;
  }

  #approach() {
    const person = this.target && this.state.people.get(this.target.id);
    if (!person) return;
    this.planned = performance.now();
    const walking = this.walkNear(person.x, person.y);
    if (walking && !this.target.keep) this.target = null;
  }

  #lose() {
    const { name } = this.target;
    this.stop();
    this.emit("lost", name);
  }
}
