/**
 * The chat panel, drawn from a ChatState: the space's channel, one's group or table, direct
 * messages; questions to the stage. Every text is put in as text nodes (markup stays inert);
 * only http(s) addresses become links, so no `javascript:` link can ever be made from a message.
 */

import { MessageAction } from "../chat.js";
import { timeOfDay } from "../clock.js";
import { errorText, pick, t } from "../i18n.js";
import { Role } from "../protocol.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

const LINK = /\bhttps?:\/\/[^\s<>"']+[^\s<>"'.,;:!?)]/g;

/** Draw `model` (a ChatState) into the chat panel and wire its controls. */
export function showChat(model) {
  const select = byId("chat-channel");
  const log = byId("chat-log");
  const form = byId("chat-form");
  const input = byId("chat-input");
  const error = byId("chat-error");
  const askBox = byId("chat-ask-field");
  const ask = byId("chat-ask");
  const blockButton = byId("chat-block");
  const nearbyButton = byId("chat-nearby");

  function label(channel) {
    if (channel.kind === "space") return t("chat.channel.space", { space: pick(channel.title) });
    if (channel.kind === "dm") return t("chat.channel.dm", { name: channel.title });
    return channel.title ? t("chat.channel.table", { table: channel.title }) : t("chat.channel.group");
  }

  function renderChannels() {
    select.replaceChildren(
      ...[...model.channels.values()].map((c) =>
        h("option", { value: c.name, selected: c.name === model.current }, c.unread ? t("chat.unread", { label: label(c), count: c.unread }) : label(c)),
      ),
    );
    const nearby = model.nearby;
    nearbyButton.hidden = !nearby;
    if (nearby) {
      const text = nearby.unread ? t("chat.nearby.unread", { label: label(nearby), count: nearby.unread }) : t("chat.nearby", { label: label(nearby) });
      nearbyButton.textContent = text;
      nearbyButton.dataset.channel = nearby.name;
      nearbyButton.dataset.unread = String(nearby.unread);
    }
    const channel = model.shown;
    blockButton.hidden = channel?.kind !== "dm";
    if (channel?.kind === "dm") blockButton.textContent = t(model.blocks(channel.person) ? "chat.unblock" : "chat.block");
    askBox.hidden = !model.canAsk;
    if (askBox.hidden) ask.checked = false;
  }

  function render() {
    const messages = model.messages;
    log.replaceChildren(...(messages.length ? messages.map(item) : [h("li", { class: "chat-empty", text: t("chat.empty") })]));
    log.scrollTop = log.scrollHeight;
  }

  function item(message) {
    const { author } = message;
    const head = h(
      "p",
      { class: "chat-meta" },
      h("strong", { class: "chat-author", text: author.name }),
      author.role && author.role !== Role.PARTICIPANT ? h("span", { class: `badge badge-${author.role}`, text: t(`role.${author.role}`) }) : null,
      message.question ? h("span", { class: "badge badge-question", text: t("chat.question") }) : null,
      message.answered ? h("span", { class: "badge badge-answered", text: t("chat.answered") }) : null,
      h("time", { datetime: message.at, text: timeOfDay(message.at) }),
    );
    const tools = model.actionsFor(message).map((action) => tool(action, message));
    return h(
      "li",
      { class: message.question ? "chat-message chat-question" : "chat-message", "data-id": message.id },
      head,
      h("p", { class: "chat-text" }, ...linkified(message.text)),
      tools.length ? h("p", { class: "chat-tools" }, ...tools) : null,
    );
  }

  function tool(action, { id, author }) {
    switch (action) {
      case MessageAction.DM:
        return button(t("chat.dm", { name: author.name }), () => {
          model.openDm(author.id, author.name);
          input.focus();
        });
      case MessageAction.ANSWERED:
        return button(t("chat.mark_answered"), () => act(model.markAnswered(id)));
      case MessageAction.DELETE:
        return button(t("chat.delete"), () => act(model.deleteMessage(id)));
      case MessageAction.MUTE:
        return button(t("chat.mute", { name: author.name }), () => act(model.mute(author.id), t("chat.muted", { name: author.name })));
      default:
        throw new Error(`unknown message action ${action}`);
    }
  }

  function button(text, onclick) {
    return h("button", { type: "button", class: "button button-small button-quiet", onclick }, text);
  }

  async function act(request, done) {
    const result = await request;
    if (!result.ok) showError(result.error);
    else if (done) announce(done);
  }

  function showError(err) {
    error.textContent = err ? errorText(err) : "";
    error.hidden = !err;
  }

  select.addEventListener("change", () => model.choose(select.value));
  nearbyButton.addEventListener("click", () => {
    if (nearbyButton.dataset.channel) model.choose(nearbyButton.dataset.channel);
    input.focus();
  });
  blockButton.addEventListener("click", async () => {
    const result = await model.toggleBlock();
    if (!result) return;
    if (!result.ok) return showError(result.error);
    const { blocked, channel } = result.value;
    announce(t(blocked ? "chat.blocked" : "chat.unblocked", { name: label(channel) }));
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const result = await model.send(input.value, { question: ask.checked });
    if (!result) return;
    if (!result.ok) return showError(result.error);
    showError(null);
    input.value = "";
    ask.checked = false;
  });

  model.on("channels", renderChannels);
  model.on("switched", () => showError(null));
  model.on("messages", render);
  model.on("dm", ({ name }) => announce(t("chat.dm.new", { name })));
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
