/**
 * The client's model of the programme: the live timetable (programme.state) and where I
 * belong (programme.you). No DOM, no Socket.IO. Notifications: "programme", "you".
 */

import { ProgrammeClock } from "./clock.js";
import { Emitter } from "./emitter.js";

export class ProgrammeState extends Emitter {
  /** @type {import("./wire/payloads.js").Programme | null} */
  state = null;
  /** @type {import("./wire/payloads.js").You | null} */
  you = null;
  clock = new ProgrammeClock();
  /** My workshop, once the server told me (a target in a parallel block). */
  workshop = null;

  /** `programme.state`. */
  applyState(state) {
    this.state = state;
    this.clock.sync(state.clock);
    this.#learnWorkshop();
    this.emit("programme", state);
  }

  /** `programme.you`, or what programme.stay answered. */
  applyYou(you) {
    this.you = you;
    this.#learnWorkshop();
    this.emit("you", you);
  }

  /** Minutes that "stay a little longer" holds me back (the venue's setting), once known. */
  get stayMinutes() {
    return this.state?.stayMinutes ?? null;
  }

  /** The block with `index`, or null. */
  block(index) {
    return index === null || index === undefined ? null : (this.state?.blocks[index] ?? null);
  }

  /** The running block, or null. */
  get current() {
    return this.block(this.state?.current);
  }

  /** The next block, or null. */
  get next() {
    return this.block(this.state?.next);
  }

  /** Programme milliseconds until the next block starts, or null. */
  untilNext() {
    const next = this.next;
    return next ? Date.parse(next.start) - this.clock.now() : null;
  }

  /** Whether `space` is closed by a moderator. */
  isClosed(space) {
    return this.state?.closed.includes(space) ?? false;
  }

  /** The slots of `block` to show now: running ones, else the first per space. */
  slotsNow(block) {
    const now = this.clock.now();
    const running = block.slots.filter((s) => Date.parse(s.start) <= now && now < Date.parse(s.end));
    if (running.length) return running;
    const seen = new Set();
    return block.slots.filter((s) => !seen.has(s.space) && seen.add(s.space));
  }

  /** Where I belong in `block`: the server's word for now and next, else derived; null = choose. */
  targetOf(block) {
    if (block.index === this.state?.current && this.you?.target) return this.you.target;
    if (block.index === this.state?.next && this.you?.nextTarget) return this.you.nextTarget;
    if (block.spaces.length <= 1) return block.spaces[0] ?? null;
    return block.spaces.includes(this.workshop) ? this.workshop : null;
  }

  #learnWorkshop() {
    const parallel = [this.current, this.next].filter((b) => b && b.spaces.length > 1);
    for (const block of parallel) {
      const mine = block.index === this.state.current ? this.you?.target : this.you?.nextTarget;
      if (mine && block.spaces.includes(mine)) this.workshop = mine;
    }
  }
}
