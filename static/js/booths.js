/**
 * The exhibition as I see it: every booth's status, the booth I stand in (or picked from the
 * list), my request, rings for staff, and the private booth conversation. No DOM: the view
 * (ui/booths.js) draws it and puts its events into words.
 *
 * Events: "list", "panel", "signs" (that part needs redrawing); "changedOpen" {booth, open}
 * (a booth that concerns me opened or closed); "entered" (booth id); "ring" {ring, quiet};
 * "taken" {request, by}; "withdrawn" (request); "talk" (a conversation opened); "said"
 * {message, mine}; "talkEnded" (the other side left).
 */

import { Emitter } from "./emitter.js";

/** Spaces whose booth list is shown (and whose openings are announced) to everyone. */
const LIST_SPACES = new Set(["exhibition", "lobby"]);

/** GET /booths.json: the booths' page data and the booths I am an exhibitor of. */
async function fetchDirectory() {
  const response = await fetch("/booths.json", { credentials: "same-origin" });
  if (!response.ok) throw new Error(`/booths.json: HTTP ${response.status}`);
  return response.json();
}

export class BoothsState extends Emitter {
  /** Booth id -> {title, organisation, summary, url, space, area}, from the booth pages. */
  info = new Map();
  /** @type {Map<string, import("./wire/payloads.js").BoothState>} */
  status = new Map();
  /** Booths I am an exhibitor of. */
  mine = new Set();
  /** My booths I staff from the list (without standing in them). */
  checkedIn = new Set();
  /** The booth whose area I stand in. */
  here = null;
  /** The booth chosen from the list (list mode: no walking needed). */
  picked = null;
  /** My pending request: {request, booth}. */
  asked = null;
  /** @type {import("./wire/payloads.js").BoothConversation | null} The open conversation. */
  conversation = null;
  /** @type {Map<string, import("./wire/payloads.js").Ring>} Rings waiting for my answer (staff). */
  rings = new Map();
  /** Booth areas of my space's map, and that space. */
  #areas = { space: null, booths: [] };
  #wire;
  #venue;
  #directory;

  /**
   * Follow `wire` (booth events), `venue` (the VenueState: my space, me) and `maps` (the
   * SpaceMaps: booth areas). `directory()` resolves with /booths.json (tests give their own).
   */
  constructor({ wire, venue, maps, directory = fetchDirectory }) {
    super();
    this.#wire = wire;
    this.#venue = venue;
    this.#directory = directory;
    wire.on("boothStatus", (booths) => this.#applyStatus(booths));
    wire.on("boothHere", (booth) => this.#arrive(booth));
    wire.on("boothRing", (ring) => this.#ring(ring, false));
    wire.on("boothTaken", (taken) => this.#dropRing(taken.request, "taken", taken));
    wire.on("boothWithdrawn", (request) => this.#dropRing(request, "withdrawn", request));
    wire.on("boothConversation", (conversation) => this.#open(conversation));
    wire.on("boothMessage", (message) => this.#said(message));
    wire.on("boothLeft", ({ conversation }) => this.#ended(conversation));
    venue.on("space", ({ space }) => {
      this.here = null;
      this.picked = null;
      this.#areas = { space: space?.id ?? null, booths: [] };
      this.#changed("list", "panel", "signs");
    });
    maps.on("map", ({ space, map }) => {
      this.#areas = { space, booths: map?.booths ?? [] };
      this.emit("signs");
    });
  }

  /** After (re)connecting: the booths' page data, their status and my waiting rings. */
  async load() {
    try {
      const directory = await this.#directory();
      this.info = new Map(directory.booths.map((booth) => [booth.id, booth]));
      this.mine = new Set(directory.mine);
    } catch {
      // names fall back to ids; the live status still works
    }
    const result = await this.#wire.listBooths();
    if (result.ok) {
      this.status = new Map(result.value.booths.map((booth) => [booth.id, booth]));
      for (const ring of result.value.pending) this.#ring(ring, true);
    }
    this.#changed("list", "panel", "signs");
  }

  /** A booth's title, or its id when the directory could not be read. */
  nameOf(id) {
    return this.info.get(id)?.title ?? id;
  }

  /** Whether the booth list shows: in the exhibition and the lobby, and always to exhibitors. */
  get listShown() {
    const kind = this.#venue.currentSpace?.kind;
    return (LIST_SPACES.has(kind) || this.mine.size > 0) && this.status.size > 0;
  }

  /** The booths of the list: those with a page, and mine. */
  get listed() {
    return [...this.status.keys()].filter((id) => this.info.has(id) || this.mine.has(id));
  }

  /** The booth the panel shows: the one I stand in, else the one picked from the list. */
  get shown() {
    return this.here ?? this.picked;
  }

  /** Whether I may ask `id`'s staff to talk now (it is open, not mine, nothing pending). */
  canRequest(id) {
    return Boolean(this.status.get(id)?.open) && !this.mine.has(id) && this.asked?.booth !== id && this.conversation?.booth !== id;
  }

  /** The other person of my conversation. */
  get partner() {
    const c = this.conversation;
    if (!c) return null;
    return c.visitor.id === this.#venue.me?.id ? c.staff : c.visitor;
  }

  /** Signs for the known booths of the map of `space`: [{id, x, y, w, h, open}]. */
  signs() {
    const known = this.#areas.booths.filter((a) => this.info.has(a.id) || this.status.has(a.id));
    return {
      space: this.#areas.space,
      signs: known.map((a) => ({ ...a, open: Boolean(this.status.get(a.id)?.open) })),
    };
  }

  /** Show booth `id` in the panel (chosen from the list). */
  pick(id) {
    this.picked = id;
    this.emit("panel");
  }

  /** Staff (`present`) or leave my booth `id` from the list; resolves with the Result. */
  async checkIn(id, present) {
    const result = await this.#wire.checkIn(id, present);
    if (result.ok) {
      if (present) this.checkedIn.add(id);
      else this.checkedIn.delete(id);
      this.emit("list");
    }
    return result;
  }

  /** Ask the staff of the shown booth to talk; resolves with the Result. */
  async request(shareEmail) {
    const booth = this.shown;
    const result = await this.#wire.requestBooth(booth, shareEmail);
    if (result.ok) {
      this.asked = { request: result.value, booth };
      this.emit("panel");
    }
    return result;
  }

  /** Answer a ring (staff): the conversation opens if I was first. Resolves with the Result. */
  async accept(request) {
    const result = await this.#wire.acceptRing(request);
    if (result.ok) this.#open(result.value);
    return result;
  }

  /** Say `text` in my conversation; null when there is nothing to say or nobody to say it to. */
  async say(text) {
    const trimmed = text.trim();
    if (!trimmed || !this.conversation) return null;
    return this.#wire.sayAtBooth(this.conversation.id, trimmed);
  }

  #changed(...parts) {
    for (const part of parts) this.emit(part);
  }

  #applyStatus(booths) {
    const listening = LIST_SPACES.has(this.#venue.currentSpace?.kind);
    for (const booth of booths) {
      const before = this.status.get(booth.id);
      this.status.set(booth.id, booth);
      const concerned = listening || booth.id === this.here || this.mine.has(booth.id);
      if (before && before.open !== booth.open && concerned) this.emit("changedOpen", { booth: booth.id, open: booth.open });
    }
    this.#changed("list", "panel", "signs");
  }

  #arrive(booth) {
    if (booth === this.here) return;
    this.here = booth;
    if (booth) this.emit("entered", booth);
    this.emit("panel");
  }

  #ring(ring, quiet) {
    this.rings.set(ring.request, ring);
    this.emit("ring", { ring, quiet });
  }

  #dropRing(request, why, detail) {
    this.rings.delete(request);
    this.emit(why, detail);
  }

  #open(conversation) {
    if (this.conversation?.id === conversation.id) return;
    this.conversation = conversation;
    this.asked = null;
    this.rings.delete(conversation.request);
    this.emit("talk", conversation);
    this.emit("panel");
  }

  #said(message) {
    if (message.conversation !== this.conversation?.id) return;
    this.emit("said", { message, mine: message.sender === this.#venue.me?.id });
  }

  #ended(conversation) {
    if (this.conversation?.id !== conversation) return;
    this.conversation = null;
    this.emit("talkEnded");
    this.emit("panel");
  }
}
