/**
 * The chat panel: the space's channel, one's group or table, direct messages; questions to
 * the stage. Every text is put in as text nodes (markup stays inert); only http(s) addresses
 * become links, so no `javascript:` link can ever be made from a message.
 */

import { errorText, t } from "../i18n.js";
import { Inbound, Role } from "../protocol.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;
const STAFF = new Set([Role.MODERATOR, Role.ORGANISER]);
const QUESTION_KINDS = new Set(["plenary", "workshop"]);

/** Wire the chat panel; returns the handlers for the server's chat events and hooks. */
export function setupChat({ send, state }) {
  const select = byId("chat-channel");
  const log = byId("chat-log");
  const form = byId("chat-form");
  const input = byId("chat-input");
  const error = byId("chat-error");
  const askBox = byId("chat-ask-field");
  const ask = byId("chat-ask");
  const blockButton = byId("chat-block");

  /** name -> {label, kind, messages: Map(id -> message), unread, person?} */
  const channels = new Map();
  let current = null;
  let spaceChannel = null;
  let groupChannel = null;
  let blocked = new Set();

  const staff = () => STAFF.has(state.me?.role);

  function ensure(name, label, kind, extra = {}) {
    let channel = channels.get(name);
    if (!channel) {
      channel = { label, kind, messages: new Map(), unread: 0, ...extra };
      channels.set(name, channel);
    } else if (label) {
      channel.label = label;
    }
    return channel;
  }

  function renderChannels() {
    select.replaceChildren(
      ...[...channels.entries()].map(([name, c]) =>
        h(
          "option",
          { value: name, selected: name === current },
          c.unread ? t("chat.unread", { label: c.label, count: c.unread }) : c.label,
        ),
      ),
    );
    const channel = channels.get(current);
    blockButton.hidden = channel?.kind !== "dm";
    if (channel?.kind === "dm") {
      blockButton.textContent = t(blocked.has(channel.person) ? "chat.unblock" : "chat.block");
    }
    const space = state.currentSpace;
    askBox.hidden = !(channel?.kind === "space" && QUESTION_KINDS.has(space?.kind));
    if (askBox.hidden) ask.checked = false;
  }

  function render() {
    const channel = channels.get(current);
    const messages = channel ? [...channel.messages.values()].sort((a, b) => a.id - b.id) : [];
    log.replaceChildren(
      ...(messages.length ? messages.map(item) : [h("li", { class: "chat-empty", text: t("chat.empty") })]),
    );
    log.scrollTop = log.scrollHeight;
  }

  function item(message) {
    const author = message.author;
    const time = new Date(message.at);
    const head = h(
      "p",
      { class: "chat-meta" },
      h("strong", { class: "chat-author", text: author.name }),
      author.role && author.role !== Role.PARTICIPANT
        ? h("span", { class: `badge badge-${author.role}`, text: t(`role.${author.role}`) })
        : null,
      message.question ? h("span", { class: "badge badge-question", text: t("chat.question") }) : null,
      message.answered ? h("span", { class: "badge badge-answered", text: t("chat.answered") }) : null,
      h("time", {
        datetime: message.at,
        text: time.toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" }),
      }),
    );
    const tools = [];
    const mine = author.id === state.me?.id;
    if (author.id && !mine && channels.get(current)?.kind !== "dm") {
      tools.push(button(t("chat.dm", { name: author.name }), () => openDm(author.id, author.name)));
    }
    if (staff()) {
      if (message.question && !message.answered) {
        tools.push(button(t("chat.mark_answered"), () => act(Inbound.CHAT_ANSWERED, { id: message.id })));
      }
      tools.push(button(t("chat.delete"), () => act(Inbound.CHAT_DELETE, { id: message.id })));
      if (author.id && !mine && !STAFF.has(author.role)) {
        tools.push(button(t("chat.mute", { name: author.name }), () =>
          act(Inbound.MOD_MUTE, { person: author.id, muted: true }, t("chat.muted", { name: author.name })),
        ));
      }
    }
    return h(
      "li",
      { class: message.question ? "chat-message chat-question" : "chat-message", "data-id": message.id },
      head,
      h("p", { class: "chat-text" }, ...linkified(message.text)),
      tools.length ? h("p", { class: "chat-tools" }, ...tools) : null,
    );
  }

  function button(label, onclick) {
    return h("button", { type: "button", class: "button button-small button-quiet", onclick }, label);
  }

  async function act(event, payload, done) {
    const ack = await send(event, payload);
    if (!ack.ok) showError(ack.error);
    else if (done) announce(done);
  }

  function showError(err) {
    error.textContent = err ? errorText(err) : "";
    error.hidden = !err;
  }

  async function load(name) {
    const ack = await send(Inbound.CHAT_HISTORY, { channel: name });
    const channel = channels.get(name);
    if (!ack.ok || !channel) return;
    channel.messages = new Map(ack.data.messages.map((m) => [m.id, m]));
    if (name === current) render();
  }

  function choose(name) {
    current = name;
    const channel = channels.get(name);
    if (channel) {
      channel.unread = 0;
      const last = Math.max(0, ...channel.messages.keys());
      if (channel.kind === "dm" && last) send(Inbound.CHAT_READ, { channel: name, upto: last });
    }
    renderChannels();
    render();
    showError(null);
    load(name).then(() => {
      const ch = channels.get(name);
      const last = ch ? Math.max(0, ...ch.messages.keys()) : 0;
      if (ch?.kind === "dm" && last) send(Inbound.CHAT_READ, { channel: name, upto: last });
    });
  }

  function openDm(person, name) {
    ensure(`dm:${person}`, t("chat.channel.dm", { name }), "dm", { person });
    choose(`dm:${person}`);
    input.focus();
  }

  function drop(name) {
    if (!name) return;
    channels.delete(name);
    if (current === name) current = spaceChannel;
  }

  select.addEventListener("change", () => choose(select.value));
  blockButton.addEventListener("click", async () => {
    const channel = channels.get(current);
    if (channel?.kind !== "dm") return;
    const on = !blocked.has(channel.person);
    const ack = await send(Inbound.CHAT_BLOCK, { person: channel.person, blocked: on });
    if (!ack.ok) return showError(ack.error);
    if (on) blocked.add(channel.person);
    else blocked.delete(channel.person);
    announce(t(on ? "chat.blocked" : "chat.unblocked", { name: channel.label }));
    renderChannels();
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !current) return;
    const ack = ask.checked
      ? await send(Inbound.CHAT_QUESTION, { text })
      : await send(Inbound.CHAT_SEND, { channel: current, text });
    if (!ack.ok) {
      showError(ack.error);
      return;
    }
    showError(null);
    input.value = "";
    ask.checked = false;
    receive(ack.data, { own: true });
  });

  function receive(message, { own = false } = {}) {
    let channel = channels.get(message.channel);
    if (!channel && message.channel.startsWith("dm:")) {
      const person = message.channel.slice(3);
      channel = ensure(message.channel, t("chat.channel.dm", { name: message.author.name }), "dm", { person });
    }
    if (!channel) return;
    channel.messages.set(message.id, message);
    if (message.channel === current) {
      render();
      if (channel.kind === "dm" && !own) send(Inbound.CHAT_READ, { channel: current, upto: message.id });
    } else if (!own) {
      channel.unread += 1;
      renderChannels();
      if (channel.kind === "dm") announce(t("chat.dm.new", { name: message.author.name }));
    }
  }

  return {
    handlers: {
      message: (message) => receive(message),
      changed: ({ id, channel: name, deleted, answered }) => {
        const channel = channels.get(name);
        const message = channel?.messages.get(id);
        if (!message) return;
        if (deleted) channel.messages.delete(id);
        else if (answered) channel.messages.set(id, { ...message, answered: true });
        if (name === current) render();
      },
    },
    /** I am in another space now: its channel replaces the old one. */
    setSpace(space) {
      const name = `space:${space.id}`;
      if (name === spaceChannel) return;
      drop(spaceChannel);
      spaceChannel = name;
      ensure(name, t("chat.channel.space", { space: space.label }), "space");
      if (!current || !channels.has(current) || current.startsWith("space:")) choose(name);
      else renderChannels();
    },
    /** My group or table changed (group.update): its channel comes and goes with it. */
    setGroup(update) {
      const name = update.channel;
      if (name === groupChannel) return;
      const wasCurrent = current === groupChannel;
      drop(groupChannel);
      groupChannel = name;
      if (name) {
        const label = update.table
          ? t("chat.channel.table", { table: update.tableLabel ?? update.table })
          : t("chat.channel.group");
        ensure(name, label, "group");
        choose(name); // walking up to people starts the conversation, as in a room
      } else if (wasCurrent) {
        choose(spaceChannel);
      } else {
        renderChannels();
      }
    },
    /** After (re)connecting: my direct-message conversations with unread counts. */
    async loadInbox() {
      const ack = await send(Inbound.CHAT_INBOX, {});
      if (!ack.ok) return;
      blocked = new Set(ack.data.blocked);
      for (const c of ack.data.conversations) {
        const channel = ensure(c.channel, t("chat.channel.dm", { name: c.name }), "dm", { person: c.person });
        channel.unread = c.channel === current ? 0 : c.unread;
      }
      renderChannels();
    },
    openDm,
  };
}

/** Text nodes and safe links: only http(s) addresses, opened without the opener. */
export function linkified(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(h("a", { href: match[0], rel: "noopener noreferrer nofollow", target: "_blank" }, match[0]));
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
