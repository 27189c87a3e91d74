/**
 * The client's model of the venue: spaces and their counts, me, and the people in my space.
 * It applies server frames and emits what changed; it knows neither DOM nor Socket.IO.
 *
 * Notifications: "spaces" (list or counts changed), "space" (I am in another space now),
 * "people" (roster changed), "moves" ([{id, x, y}]), "arrived" (person), "departed"
 * ({person, to}), "me" (my own person changed: status, position snap), "emote"
 * ({person, emote}: a reaction over someone's avatar; a raised hand also changes "people").
 */

import { Emitter } from "./emitter.js";
import { Emote } from "./protocol.js";

/** @typedef {import("./wire/payloads.js").Person} Person */
/** @typedef {import("./wire/payloads.js").Space} Space */

export class VenueState extends Emitter {
  venueId = null;
  title = null;
  /** @type {Space[]} */
  spaces = [];
  /** Presence ticks per second (space.tick): how fast remote avatars glide. */
  tickHz = 10;
  /** The event's time zone (IANA), once welcomed. */
  timeZone = null;
  /** @type {Person|null} My person, or null before the welcome. */
  me = null;
  /** Id of the space I am in. */
  spaceId = null;
  /** People in my space except me, by id. */
  people = new Map();

  /** The space with `id`, or undefined. */
  space(id) {
    return this.spaces.find((s) => s.id === id);
  }

  /** The space I am in. */
  get currentSpace() {
    return this.space(this.spaceId);
  }

  /** Everyone in my space, me first, then by name. */
  roster() {
    const others = [...this.people.values()].sort((a, b) => a.name.localeCompare(b.name));
    return this.me ? [this.me, ...others] : others;
  }

  /** `venue.welcome`: the whole venue, sent once per connection (also after a reconnect). */
  applyWelcome(welcome) {
    this.venueId = welcome.venue;
    this.title = welcome.title;
    this.tickHz = welcome.tickHz;
    this.timeZone = welcome.timeZone;
    this.spaces = welcome.spaces.map((s) => ({ ...s }));
    this.emit("spaces", this.spaces);
    this.spaceId = null; // a reconnect may have put me elsewhere: always reload
    this.applySnapshot(welcome.snapshot);
  }

  /** `space.snapshot`, or what entering a space or a door answered: my space and everyone in it. */
  applySnapshot(snapshot) {
    const changed = snapshot.space !== this.spaceId;
    this.spaceId = snapshot.space;
    this.me = { ...snapshot.me };
    this.people = new Map(
      snapshot.people.filter((p) => p.id !== this.me.id).map((p) => [p.id, { ...p }]),
    );
    if (changed) this.emit("space", { space: this.currentSpace, me: this.me });
    this.emit("people", this.roster());
    this.emit("me", this.me);
  }

  /** `space.tick`: moves, arrivals, departures and status changes of my space. */
  applyTick(tick) {
    if (tick.space !== this.spaceId || !this.me) return;
    const moves = [];
    for (const move of tick.moves) {
      const person = move.id === this.me.id ? null : this.people.get(move.id);
      if (person) {
        person.x = move.x;
        person.y = move.y;
      }
      moves.push(move); // my own moves too: another tab of mine may walk
    }
    if (moves.length) this.emit("moves", moves);
    let rosterChanged = false;
    for (const person of tick.arrived) {
      if (person.id === this.me.id) continue;
      this.people.set(person.id, { ...person });
      rosterChanged = true;
      this.emit("arrived", person);
    }
    for (const { id, to } of tick.departed) {
      const person = this.people.get(id);
      if (!person) continue;
      this.people.delete(id);
      rosterChanged = true;
      this.emit("departed", { person, to });
    }
    for (const { id, status } of tick.status) {
      const person = id === this.me.id ? this.me : this.people.get(id);
      if (!person) continue;
      person.status = status;
      rosterChanged = true;
      if (person === this.me) this.emit("me", this.me);
    }
    for (const { id, look } of tick.looks ?? []) {
      const person = id === this.me.id ? this.me : this.people.get(id);
      if (!person) continue;
      person.look = look;
      rosterChanged = true;
    }
    for (const { id, emote } of tick.emotes ?? []) {
      const person = id === this.me.id ? this.me : this.people.get(id);
      if (!person) continue;
      if (emote === Emote.HAND || emote === Emote.HAND_DOWN) {
        person.hand = emote === Emote.HAND;
        rosterChanged = true;
      }
      this.emit("emote", { person, emote });
    }
    if (rosterChanged) this.emit("people", this.roster());
  }

  /** `venue.counts`: people per space id. */
  applyCounts(counts) {
    for (const space of this.spaces) {
      if (space.id in counts) space.count = counts[space.id];
    }
    this.emit("spaces", this.spaces);
  }

  /** My avatar walked (locally); the server learns it through presence.move. */
  setMyPosition(x, y) {
    if (!this.me) return;
    this.me.x = x;
    this.me.y = y;
  }

  /** The server put my avatar somewhere else (a refused move). */
  snapMe(x, y) {
    this.setMyPosition(x, y);
    this.emit("me", this.me);
  }

  /** My status changed (acknowledged by the server). */
  setMyStatus(status) {
    if (!this.me || this.me.status === status) return;
    this.me.status = status;
    this.emit("me", this.me);
    this.emit("people", this.roster());
  }
}
