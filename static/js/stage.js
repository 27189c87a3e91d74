/**
 * The stage of my space as I see it (plenary and workshops): its polls with live results,
 * the questions by upvotes, the raised hands in order, who has the floor, what I voted and
 * upvoted, and whether a moderator gave me the floor. No DOM: the view (ui/stage.js) draws it.
 *
 * Events: "stage" (the stage changed, or null: my space has none), "called" ({space, called,
 * by}: a moderator gave me the floor, or my turn ended).
 */

import { QUESTION_KINDS } from "./chat.js";
import { Emitter } from "./emitter.js";
import { Role } from "./protocol.js";

const MODERATORS = new Set([Role.MODERATOR, Role.ORGANISER]);

export class StageState extends Emitter {
  /** @type {import("./wire/payloads.js").Stage|null} My space's stage; null where there is none. */
  stage = null;
  /** @type {Map<number, number[]>} My ballots by poll. */
  ballots = new Map();
  /** @type {Set<number>} The questions I upvoted. */
  upvoted = new Set();
  /** @type {import("./wire/payloads.js").Called|null} While I have the floor. */
  called = null;
  #wire;
  #venue;

  /** Follow `wire` (stage events) for the person of `venue` (the VenueState). */
  constructor({ wire, venue }) {
    super();
    this.#wire = wire;
    this.#venue = venue;
    wire.on("stageState", (stage) => {
      if (stage.space !== venue.spaceId) return; // sent before I left that space
      this.stage = stage;
      this.emit("stage", stage);
    });
    wire.on("stageCalled", (called) => {
      this.called = called.called ? called : null;
      this.emit("called", called);
    });
    venue.on("space", ({ space }) => this.#load(space));
  }

  /** Whether I may run the stage: ask polls, take questions, call on hands. */
  get moderating() {
    return MODERATORS.has(this.#venue.me?.role);
  }

  /** Vote in a poll; my ballot and the results with it show at once. */
  async vote(poll, choices) {
    const result = await this.#wire.vote(poll, choices);
    if (result.ok) {
      this.ballots.set(poll, choices);
      this.#replacePoll(result.value);
    }
    return result;
  }

  /** Upvote a question; it shows as upvoted by me at once. */
  async upvote(id) {
    const result = await this.#wire.upvote(id);
    if (result.ok) {
      this.upvoted.add(id);
      this.emit("stage", this.stage);
    }
    return result;
  }

  /** Moderators: ask a poll; it shows once the space's stage comes. */
  createPoll(question, options, multiple) {
    return this.#wire.createPoll(question, options, multiple);
  }

  closePoll(poll) {
    return this.#wire.closePoll(poll);
  }

  queue(id, action) {
    return this.#wire.queueQuestion(id, action);
  }

  callOn(person) {
    return this.#wire.callOn(person);
  }

  release() {
    return this.#wire.releaseFloor();
  }

  async #load(space) {
    this.stage = null;
    this.ballots = new Map();
    this.upvoted = new Set();
    if (!QUESTION_KINDS.has(space?.kind)) {
      this.emit("stage", null);
      return;
    }
    const result = await this.#wire.stageView();
    if (!result.ok || this.#venue.spaceId !== space.id) return;
    this.ballots = new Map(result.value.ballots.map((b) => [b.poll, b.choices]));
    this.upvoted = new Set(result.value.upvoted);
    if (this.stage === null) this.stage = result.value.stage; // a newer stage.state may have come
    this.emit("stage", this.stage);
  }

  #replacePoll(poll) {
    if (!this.stage) return;
    const polls = this.stage.polls.map((p) => (p.id === poll.id && poll.voters >= p.voters ? poll : p));
    this.stage = { ...this.stage, polls };
    this.emit("stage", this.stage);
  }
}
