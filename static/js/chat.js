/**
 * The chat as I see it: the channel of my space, of my group or table, and my direct
 * messages, with their messages and unread counts, which one is shown, whom I block, and what
 * I may do with a message. No DOM: the view (ui/chat.js) draws it.
 *
 * Events: "channels" (the list, the shown channel or its options changed), "switched" (another
 * channel is shown), "messages" (the shown channel's messages changed), "dm" ({channel, name}:
 * a direct message came in for a channel not shown).
 */

import { Emitter } from "./emitter.js";
import { Role } from "./protocol.js";

const STAFF = new Set([Role.MODERATOR, Role.ORGANISER]);
/** Spaces where one may ask the stage a question. */
export const QUESTION_KINDS = new Set(["plenary", "workshop"]);

/** What one may do with a message (see ChatState.actionsFor). */
export const MessageAction = Object.freeze({
  DM: "dm",
  ANSWERED: "answered",
  DELETE: "delete",
  MUTE: "mute",
});

/**
 * @typedef {object} Channel
 * @property {string} name         as the wire names it: space:…, group:…, table:…, dm:<person>
 * @property {"space"|"group"|"dm"} kind
 * @property {string|{de: string, en: string}|null} title  the space, the person, the table (null: a group)
 * @property {Map<number, import("./wire/payloads.js").ChatMessage>} messages
 * @property {number} unread
 * @property {string} [person]     a direct message's other person
 */

export class ChatState extends Emitter {
  /** @type {Map<string, Channel>} */
  channels = new Map();
  /** The name of the channel shown. */
  current = null;
  #spaceChannel = null;
  #groupChannel = null;
  #blocked = new Set();
  #wire;
  #venue;

  /** Follow `wire` (chat events) for the person of `venue` (the VenueState). */
  constructor({ wire, venue }) {
    super();
    this.#wire = wire;
    this.#venue = venue;
    wire.on("chatMessage", (message) => this.#receive(message, false));
    wire.on("chatChanged", (change) => this.#change(change));
  }

  /** The channel shown. */
  get shown() {
    return this.channels.get(this.current) ?? null;
  }

  /** My group's or table's channel while another is shown (offered with its unread count), or null. */
  get nearby() {
    const channel = this.#groupChannel ? this.channels.get(this.#groupChannel) : null;
    return channel && channel.name !== this.current ? channel : null;
  }

  /** The shown channel's messages, oldest first. */
  get messages() {
    const channel = this.shown;
    return channel ? [...channel.messages.values()].sort((a, b) => a.id - b.id) : [];
  }

  /** Whether a question to the stage can be asked here (my space's channel, a plenary or workshop). */
  get canAsk() {
    return this.shown?.kind === "space" && QUESTION_KINDS.has(this.#venue.currentSpace?.kind);
  }

  /** Whether I block direct messages with `person`. */
  blocks(person) {
    return this.#blocked.has(person);
  }

  /** What I may do with `message` (MessageAction values), in the order they are offered. */
  actionsFor(message) {
    const { author } = message;
    const me = this.#venue.me;
    const mine = author.id === me?.id;
    const actions = [];
    if (author.id && !mine && this.shown?.kind !== "dm") actions.push(MessageAction.DM);
    if (STAFF.has(me?.role)) {
      if (message.question && !message.answered) actions.push(MessageAction.ANSWERED);
      actions.push(MessageAction.DELETE);
      if (author.id && !mine && !STAFF.has(author.role)) actions.push(MessageAction.MUTE);
    }
    return actions;
  }

  /** Show channel `name`: its unread count clears and its history is fetched. */
  async choose(name) {
    this.current = name;
    const channel = this.channels.get(name);
    if (channel) {
      channel.unread = 0;
      this.#markRead(channel);
    }
    this.emit("channels");
    this.emit("switched", name);
    this.emit("messages");
    const result = await this.#wire.chatHistory(name);
    const loaded = this.channels.get(name);
    if (!result.ok || !loaded) return;
    loaded.messages = new Map(result.value.map((m) => [m.id, m]));
    if (name === this.current) this.emit("messages");
    this.#markRead(loaded);
  }

  /** Open (and show) the direct messages with `person`, called `name`. */
  openDm(person, name) {
    const channel = `dm:${person}`;
    this.#ensure(channel, "dm", name, { person });
    return this.choose(channel);
  }

  /** Post `text` in the shown channel, or as a question to the stage; resolves with the Result. */
  async send(text, { question = false } = {}) {
    const trimmed = text.trim();
    if (!trimmed || !this.current) return null;
    const result = question ? await this.#wire.askQuestion(trimmed) : await this.#wire.sendChat(this.current, trimmed);
    if (result.ok) this.#receive(result.value, true);
    return result;
  }

  /** Block (or unblock) the person of the shown direct messages; resolves with the Result. */
  async toggleBlock() {
    const channel = this.shown;
    if (channel?.kind !== "dm") return null;
    const blocking = !this.#blocked.has(channel.person);
    const result = await this.#wire.block(channel.person, blocking);
    if (!result.ok) return result;
    if (blocking) this.#blocked.add(channel.person);
    else this.#blocked.delete(channel.person);
    this.emit("channels");
    return { ...result, value: { blocked: blocking, channel } };
  }

  /** Moderators: delete a message (chat.changed removes it). */
  deleteMessage(id) {
    return this.#wire.deleteMessage(id);
  }

  /** Moderators: mark a question answered (chat.changed marks it). */
  markAnswered(id) {
    return this.#wire.markAnswered(id);
  }

  /** Moderators: mute a person in every chat. */
  mute(person) {
    return this.#wire.mute(person, true);
  }

  /** I am in another space now (`{id, name}`): its channel replaces the old one. */
  setSpace(space) {
    const name = `space:${space.id}`;
    if (name === this.#spaceChannel) return;
    this.#drop(this.#spaceChannel);
    this.#spaceChannel = name;
    this.#ensure(name, "space", space.name);
    const current = this.current;
    if (!current || !this.channels.has(current) || current.startsWith("space:")) this.choose(name);
    else this.emit("channels");
  }

  /** My group or table changed (a GroupUpdate, with the table's `tableLabel`): its channel comes and goes with it. */
  setGroup(update) {
    const name = update.channel;
    if (name === this.#groupChannel) return;
    const wasShown = this.current === this.#groupChannel;
    this.#drop(this.#groupChannel);
    this.#groupChannel = name;
    if (name) {
      // offered (see `nearby`), never shown by itself: the chat stays where I put it
      this.#ensure(name, "group", update.table ? (update.tableLabel ?? update.table) : null);
      this.emit("channels");
    } else if (wasShown) {
      this.choose(this.#spaceChannel);
    } else {
      this.emit("channels");
    }
  }

  /** After (re)connecting: my direct-message conversations with unread counts. */
  async loadInbox() {
    const result = await this.#wire.inbox();
    if (!result.ok) return;
    this.#blocked = new Set(result.value.blocked);
    for (const c of result.value.conversations) {
      const channel = this.#ensure(c.channel, "dm", c.name, { person: c.person });
      channel.unread = c.channel === this.current ? 0 : c.unread;
    }
    this.emit("channels");
  }

  #ensure(name, kind, title, extra = {}) {
    let channel = this.channels.get(name);
    if (!channel) {
      channel = { name, kind, title, messages: new Map(), unread: 0, ...extra };
      this.channels.set(name, channel);
    } else if (title) {
      channel.title = title;
    }
    return channel;
  }

  #drop(name) {
    if (!name) return;
    this.channels.delete(name);
    if (this.current === name) this.current = this.#spaceChannel;
  }

  /** Tell the server I have read a direct-message channel up to its last message. */
  #markRead(channel) {
    const last = Math.max(0, ...channel.messages.keys());
    if (channel.kind === "dm" && last) this.#wire.markRead(channel.name, last);
  }

  #receive(message, own) {
    let channel = this.channels.get(message.channel);
    if (!channel && message.channel.startsWith("dm:")) {
      channel = this.#ensure(message.channel, "dm", message.author.name, { person: message.channel.slice(3) });
    }
    if (!channel) return;
    channel.messages.set(message.id, message);
    if (message.channel === this.current) {
      this.emit("messages");
      if (channel.kind === "dm" && !own) this.#wire.markRead(message.channel, message.id);
    } else if (!own) {
      channel.unread += 1;
      this.emit("channels");
      if (channel.kind === "dm") this.emit("dm", { channel: message.channel, name: message.author.name });
    }
  }

  #change({ id, channel: name, deleted, answered }) {
    const channel = this.channels.get(name);
    const message = channel?.messages.get(id);
    if (!message) return;
    if (deleted) channel.messages.delete(id);
    else if (answered) channel.messages.set(id, { ...message, answered: true });
    if (name === this.current) this.emit("messages");
  }
}
