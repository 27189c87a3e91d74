/**
 * The exhibition in the panel, drawn from a BoothsState: the booth I stand in ("Mit uns
 * sprechen"), rings for staff with an accept button, the private booth conversation, and the
 * open/closed list of booths (with check-in for exhibitors, so list mode can staff a booth).
 * Everything is announced in the live region; the map only draws the signs it is given.
 */

import { timeOfDay } from "../clock.js";
import { errorText, has, pick, t } from "../i18n.js";
import { alertNow, announce } from "./announcer.js";
import { byId, h } from "./dom.js";
import { Notices } from "./notices.js";

/** Draw `model` (a BoothsState) into `#booth-sections`; `onSigns(space, signs)` feeds the map. */
export function showBooths(model, { onSigns }) {
  const root = byId("booth-sections");
  const notices = new Notices(byId("notices"));

  const panelTitle = h("h2", { id: "booth-panel-title" });
  const panelBody = h("div", { class: "booth-panel-body" });
  const panel = h(
    "section",
    { id: "booth-panel", class: "panel-section booth-panel", "aria-labelledby": "booth-panel-title", hidden: true },
    panelTitle,
    panelBody,
  );

  const talkLog = h("ol", { id: "booth-talk-log", class: "chat-log", "aria-live": "polite", "aria-relevant": "additions", "aria-labelledby": "booth-talk-title" });
  const talkInput = h("textarea", { id: "booth-talk-input", rows: "2", maxlength: "1000" });
  const talkError = h("p", { class: "field-error", role: "alert", hidden: true });
  const talkCall = h("p", { class: "booth-call", hidden: true });
  const talkWith = h("p", { class: "booth-talk-with" });
  const talkForm = h(
    "form",
    { class: "chat-form", novalidate: true, onsubmit: (event) => { event.preventDefault(); say(); } },
    h("label", { for: "booth-talk-input", class: "visually-hidden", text: t("booth.talk.input") }),
    talkInput,
    h("button", { type: "submit", class: "button button-primary" }, t("booth.talk.send")),
    talkError,
  );
  const talk = h(
    "section",
    { id: "booth-talk", class: "panel-section booth-talk", "aria-labelledby": "booth-talk-title", hidden: true },
    h("h2", { id: "booth-talk-title", text: t("booth.talk.title") }),
    talkWith,
    talkCall,
    talkLog,
    talkForm,
  );

  const listItems = h("ul", { id: "booth-list", class: "booth-list" });
  const list = h(
    "section",
    { id: "booths", class: "panel-section booths", "aria-labelledby": "booths-title", hidden: true },
    h("h2", { id: "booths-title" }, t("booth.list.title"), " ", h("a", { href: "/booths", class: "booth-all", text: t("booth.list.all") })),
    listItems,
  );
  root.replaceChildren(talk, panel, list);

  const name = (id) => model.nameOf(id);
  const pageOf = (id) => model.info.get(id)?.url ?? `/booths/${encodeURIComponent(id)}`;

  function stateText(id) {
    const s = model.status.get(id);
    if (!s) return t("booth.closed");
    if (s.open) return t("booth.open_with", { names: s.staff.map((p) => p.name).join(", ") });
    if (s.nextOpen) return `${t("booth.closed")} · ${t("booth.opens_at", { time: timeOfDay(s.nextOpen) })}`;
    return t("booth.closed");
  }

  // -- the list ------------------------------------------------------------

  function renderList() {
    list.hidden = !model.listShown;
    listItems.replaceChildren(...model.listed.map(listItem));
  }

  function listItem(id) {
    const open = model.status.get(id)?.open ?? false;
    const item = h(
      "li",
      { class: "booth-item", "data-booth": id, "data-open": String(open) },
      h("a", { href: pageOf(id), class: "booth-name", text: name(id) }),
      h("span", { class: "booth-state", text: stateText(id) }),
    );
    if (model.mine.has(id)) {
      const present = model.checkedIn.has(id);
      const label = t(present ? "booth.checkout" : "booth.checkin", { name: name(id) });
      item.append(h("button", { type: "button", class: "button button-small", "aria-pressed": String(present), onclick: () => checkIn(id, !present) }, label));
    } else {
      const show = () => {
        model.pick(id);
        panel.querySelector("button, a")?.focus();
      };
      item.append(h("button", { type: "button", class: "button button-small", "aria-controls": "booth-panel", onclick: show }, t("booth.show", { name: name(id) })));
    }
    return item;
  }

  async function checkIn(id, present) {
    const result = await model.checkIn(id, present);
    announce(result.ok ? t(present ? "booth.checked_in" : "booth.checked_out", { name: name(id) }) : boothError(result.error));
  }

  // -- the booth I stand in (or picked from the list) ------------------------

  function renderPanel() {
    const id = model.shown;
    panel.hidden = !id;
    if (!id) return;
    const booth = model.info.get(id);
    panelTitle.textContent = t("booth.panel.title", { name: name(id) });
    const children = [];
    if (booth?.organisation) children.push(h("p", { class: "booth-org", text: booth.organisation }));
    children.push(h("p", { class: "booth-state", "data-open": String(Boolean(model.status.get(id)?.open)), text: stateText(id) }));
    if (booth?.summary) children.push(h("p", { class: "booth-summary", text: pick(booth.summary) }));
    children.push(h("p", {}, h("a", { href: pageOf(id), target: "_blank", rel: "noopener", text: t("booth.panel.page") })));
    if (model.mine.has(id)) children.push(h("p", { class: "hint", text: t("booth.panel.yours") }));
    else if (model.asked?.booth === id) children.push(h("p", { class: "booth-asked", role: "status", text: t("booth.asked") }));
    else if (model.canRequest(id)) children.push(...requestControls());
    panelBody.replaceChildren(...children);
  }

  function requestControls() {
    const share = h("input", { id: "booth-share-email", type: "checkbox" });
    const error = h("p", { class: "field-error", role: "alert", hidden: true });
    const button = h("button", { type: "button", class: "button button-primary", id: "booth-request" }, t("booth.talk_to_us"));
    button.addEventListener("click", async () => {
      button.disabled = true;
      const result = await model.request(share.checked);
      button.disabled = false;
      if (result.ok) {
        announce(t("booth.asked"));
      } else {
        error.textContent = boothError(result.error);
        error.hidden = false;
      }
    });
    return [h("p", { class: "booth-share" }, share, " ", h("label", { for: "booth-share-email", text: t("booth.share_email") })), button, error];
  }

  // -- rings (staff) ---------------------------------------------------------

  function showRing({ ring, quiet }) {
    const text = t("booth.ring", { name: ring.visitor, booth: name(ring.booth) });
    notices.show(`booth-ring-${ring.request}`, {
      text,
      detail: ring.email ? t("booth.ring_email", { email: ring.email }) : null,
      tone: "warning",
      data: { "data-ring": ring.request },
      actions: [{ label: t("booth.accept"), primary: true, run: () => accept(ring.request) }],
      dismiss: true,
    });
    if (!quiet) alertNow(text);
  }

  async function accept(request) {
    const result = await model.accept(request);
    // the banner shows refusals in the booth's words ("someone else was quicker")
    return result.ok ? result : { ...result, error: { ...result.error, message: boothError(result.error) } };
  }

  // -- the conversation ----------------------------------------------------

  function openTalk(conversation) {
    notices.remove(`booth-ring-${conversation.request}`);
    const other = model.partner;
    talkWith.textContent = t("booth.talk.with", { name: other.name, booth: name(conversation.booth) });
    talkLog.replaceChildren();
    talkError.hidden = true;
    talkForm.hidden = false;
    talkCall.hidden = false;
    if (conversation.callUrl) {
      talkCall.replaceChildren(
        h("a", { href: conversation.callUrl, target: "_blank", rel: "noopener noreferrer", class: "button", text: t("booth.talk.call") }),
      );
    } else {
      // without a call link of its own the booth talks in venue's call (audio/video section)
      talkCall.replaceChildren(h("a", { href: "#calls", class: "button", text: t("booth.talk.av") }));
    }
    talk.hidden = false;
    announce(t("booth.talk.opened", { name: other.name }));
    talkInput.focus();
  }

  async function say() {
    const result = await model.say(talkInput.value);
    if (!result) return;
    if (result.ok) {
      talkInput.value = "";
      talkError.hidden = true;
    } else {
      talkError.textContent = boothError(result.error);
      talkError.hidden = false;
    }
  }

  function addMessage({ message, mine }) {
    talkLog.append(
      h(
        "li",
        { class: `chat-message${mine ? " chat-mine" : ""}` },
        h("p", { class: "chat-meta" }, h("strong", { text: message.name }), ` · ${timeOfDay(message.at)}`),
        h("p", { class: "chat-text", text: message.text }),
      ),
    );
    talkLog.scrollTop = talkLog.scrollHeight;
  }

  function endTalk() {
    talkLog.append(h("li", { class: "chat-note", text: t("booth.talk.left") }));
    talkForm.hidden = true;
    announce(t("booth.talk.left"));
  }

  // -- signs on the map ----------------------------------------------------

  function renderSigns() {
    const { space, signs } = model.signs();
    const words = { openText: t("booth.open"), closedText: t("booth.closed") };
    onSigns(space, signs.map((sign) => ({ ...sign, label: name(sign.id), ...words })));
  }

  model.on("list", renderList);
  model.on("panel", renderPanel);
  model.on("signs", renderSigns);
  model.on("changedOpen", ({ booth, open }) => announce(t(open ? "booth.now_open" : "booth.now_closed", { name: name(booth) })));
  model.on("entered", (booth) => announce(t("booth.entered", { name: name(booth) })));
  model.on("ring", showRing);
  model.on("taken", ({ request, by }) => {
    notices.remove(`booth-ring-${request}`);
    announce(t("booth.taken", { name: by }));
  });
  model.on("withdrawn", (request) => {
    notices.remove(`booth-ring-${request}`);
    announce(t("booth.withdrawn"));
  });
  model.on("talk", openTalk);
  model.on("said", addMessage);
  model.on("talkEnded", endTalk);
}

/** An error in words: booth codes from the booth.err.* keys, the rest as everywhere. */
function boothError(error) {
  const key = `booth.err.${error?.code}`;
  return has(key) ? t(key) : errorText(error);
}
