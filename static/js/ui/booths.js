/**
 * The exhibition in the panel: the booth I stand in ("Mit uns sprechen"), rings for staff with
 * an accept button, the private booth conversation, and the open/closed list of booths in the
 * exhibition hall and the lobby (with check-in for exhibitors, so list mode can staff a booth).
 * Everything is announced in the live region; the map only draws the signs it is given.
 */

import { errorText, has, pick, t } from "../i18n.js";
import { Inbound } from "../protocol.js";
import { alertNow, announce } from "./announcer.js";
import { byId, h } from "./dom.js";
import { Notices } from "./notices.js";

const LIST_SPACES = new Set(["exhibition", "lobby"]);

/** Wire the booth sections into `#booth-sections`; `onSigns(signs)` gets the map's signs. */
export function setupBooths({ send, state, onSigns }) {
  const root = byId("booth-sections");
  const notices = new Notices(byId("notices"));
  const info = new Map(); // booth id -> {title, organisation, summary, url, space, area}
  const status = new Map(); // booth id -> {open, staff, next_open}
  let mine = new Set(); // booths I am an exhibitor of
  const checkedIn = new Set();
  let here = null; // the booth whose area I stand in
  let picked = null; // the booth chosen from the list (list mode: no walking needed)
  let asked = null; // my pending request {request, booth}
  let conversation = null; // {conversation, booth, visitor, staff, call_url}
  let areas = []; // booth areas of my space's map: {id, x, y, w, h}
  let areasSpace = null; // the space those areas belong to

  // -- sections ------------------------------------------------------------

  const panelTitle = h("h2", { id: "booth-panel-title" });
  const panelBody = h("div", { class: "booth-panel-body" });
  const panel = h(
    "section",
    { id: "booth-panel", class: "panel-section booth-panel", "aria-labelledby": "booth-panel-title", hidden: true },
    panelTitle,
    panelBody,
  );

  const talkLog = h("ol", { id: "booth-talk-log", class: "chat-log", role: "log", "aria-live": "polite", "aria-labelledby": "booth-talk-title" });
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

  const nameOf = (id) => info.get(id)?.title ?? id;

  // -- data ----------------------------------------------------------------

  async function load() {
    try {
      const response = await fetch("/booths.json", { credentials: "same-origin" });
      if (response.ok) {
        const data = await response.json();
        info.clear();
        for (const booth of data.booths) info.set(booth.id, booth);
        mine = new Set(data.mine);
      }
    } catch {
      // names fall back to ids; the live status still works
    }
    const ack = await send(Inbound.BOOTH_LIST, {});
    if (ack?.ok) {
      status.clear();
      for (const booth of ack.data.booths) status.set(booth.id, booth);
      for (const ring of ack.data.pending) showRing(ring, { quiet: true });
    }
    renderAll();
    loadAreas(state.currentSpace);
  }

  async function loadAreas(space) {
    areas = [];
    areasSpace = space?.id ?? null;
    if (space) {
      try {
        const response = await fetch(space.map_url, { credentials: "same-origin" });
        const json = await response.json();
        if (state.spaceId !== space.id) return;
        areas = boothAreas(json);
      } catch {
        areas = [];
      }
    }
    renderSigns();
  }

  function renderAll() {
    renderList();
    renderPanel();
    renderSigns();
  }

  function stateText(id) {
    const s = status.get(id);
    if (!s) return t("booth.closed");
    if (s.open) return t("booth.open_with", { names: s.staff.map((p) => p.name).join(", ") });
    if (s.next_open) return `${t("booth.closed")} · ${t("booth.opens_at", { time: clock(s.next_open) })}`;
    return t("booth.closed");
  }

  // -- the list ------------------------------------------------------------

  function renderList() {
    const space = state.currentSpace;
    const shown = space && LIST_SPACES.has(space.kind) || mine.size > 0;
    list.hidden = !shown || !status.size;
    const ids = [...status.keys()].filter((id) => info.has(id) || mine.has(id));
    listItems.replaceChildren(
      ...ids.map((id) => {
        const open = status.get(id)?.open ?? false;
        const item = h(
          "li",
          { class: "booth-item", "data-booth": id, "data-open": String(open) },
          h("a", { href: info.get(id)?.url ?? `/booths/${encodeURIComponent(id)}`, class: "booth-name", text: nameOf(id) }),
          h("span", { class: "booth-state", text: stateText(id) }),
        );
        if (!mine.has(id)) {
          item.append(
            h(
              "button",
              {
                type: "button",
                class: "button button-small",
                "aria-controls": "booth-panel",
                onclick: () => {
                  picked = id;
                  renderPanel();
                  panel.querySelector("button, a")?.focus();
                },
              },
              t("booth.show", { name: nameOf(id) }),
            ),
          );
        }
        if (mine.has(id)) {
          const present = checkedIn.has(id);
          item.append(
            h(
              "button",
              { type: "button", class: "button button-small", "aria-pressed": String(present), onclick: () => checkin(id, !present) },
              t(present ? "booth.checkout" : "booth.checkin", { name: nameOf(id) }),
            ),
          );
        }
        return item;
      }),
    );
  }

  async function checkin(id, present) {
    const ack = await send(Inbound.BOOTH_CHECKIN, { booth: id, present });
    if (!ack?.ok) {
      announce(boothError(ack?.error));
      return;
    }
    if (present) checkedIn.add(id);
    else checkedIn.delete(id);
    announce(t(present ? "booth.checked_in" : "booth.checked_out", { name: nameOf(id) }));
    renderList();
  }

  // -- the booth I stand in (or picked from the list) ------------------------

  function shownBooth() {
    return here ?? picked;
  }

  function renderPanel() {
    const here = shownBooth();
    panel.hidden = !here;
    if (!here) return;
    const booth = info.get(here);
    const s = status.get(here);
    panelTitle.textContent = t("booth.panel.title", { name: nameOf(here) });
    const children = [];
    if (booth?.organisation) children.push(h("p", { class: "booth-org", text: booth.organisation }));
    children.push(h("p", { class: "booth-state", "data-open": String(Boolean(s?.open)), text: stateText(here) }));
    if (booth?.summary) children.push(h("p", { class: "booth-summary", text: pick(booth.summary) }));
    children.push(h("p", {}, h("a", { href: booth?.url ?? `/booths/${encodeURIComponent(here)}`, target: "_blank", rel: "noopener", text: t("booth.panel.page") })));
    if (mine.has(here)) {
      children.push(h("p", { class: "hint", text: t("booth.panel.yours") }));
    } else if (asked?.booth === here) {
      children.push(h("p", { class: "booth-asked", role: "status", text: t("booth.asked") }));
    } else if (s?.open && !(conversation?.booth === here)) {
      const share = h("input", { id: "booth-share-email", type: "checkbox" });
      const error = h("p", { class: "field-error", role: "alert", hidden: true });
      const button = h(
        "button",
        {
          type: "button",
          class: "button button-primary",
          id: "booth-request",
          onclick: async () => {
            button.disabled = true;
            const ack = await send(Inbound.BOOTH_REQUEST, { booth: here, share: { email: share.checked } });
            button.disabled = false;
            if (ack?.ok) {
              asked = { request: ack.data.request, booth: here };
              announce(t("booth.asked"));
              renderPanel();
            } else {
              error.textContent = boothError(ack?.error);
              error.hidden = false;
            }
          },
        },
        t("booth.talk_to_us"),
      );
      children.push(
        h("p", { class: "booth-share" }, share, " ", h("label", { for: "booth-share-email", text: t("booth.share_email") })),
        button,
        error,
      );
    }
    panelBody.replaceChildren(...children);
  }

  // -- rings (staff) ---------------------------------------------------------

  function showRing(ring, { quiet = false } = {}) {
    const text = t("booth.ring", { name: ring.visitor, booth: nameOf(ring.booth) });
    notices.show(`booth-ring-${ring.request}`, {
      text,
      detail: ring.email ? t("booth.ring_email", { email: ring.email }) : null,
      tone: "warning",
      data: { "data-ring": ring.request },
      actions: [
        {
          label: t("booth.accept"),
          primary: true,
          run: async () => {
            const ack = await send(Inbound.BOOTH_ACCEPT, { request: ring.request });
            if (ack?.ok) openConversation(ack.data);
            else if (ack?.error) ack.error = { ...ack.error, message: boothError(ack.error) };
            return ack;
          },
        },
      ],
      dismiss: true,
    });
    if (!quiet) alertNow(text);
  }

  // -- the conversation ----------------------------------------------------

  function openConversation(conv) {
    if (conversation?.conversation === conv.conversation) return;
    conversation = conv;
    asked = null;
    notices.remove(`booth-ring-${conv.request}`);
    const other = conv.visitor.id === state.me?.id ? conv.staff : conv.visitor;
    talkWith.textContent = t("booth.talk.with", { name: other.name, booth: nameOf(conv.booth) });
    talkLog.replaceChildren();
    talkError.hidden = true;
    talkForm.hidden = false;
    talkCall.hidden = !conv.call_url;
    if (conv.call_url) {
      talkCall.replaceChildren(
        h("a", { href: conv.call_url, target: "_blank", rel: "noopener noreferrer", class: "button", text: t("booth.talk.call") }),
      );
    }
    talk.hidden = false;
    announce(t("booth.talk.opened", { name: other.name }));
    renderPanel();
    talkInput.focus();
  }

  async function say() {
    const text = talkInput.value.trim();
    if (!text || !conversation) return;
    const ack = await send(Inbound.BOOTH_SAY, { conversation: conversation.conversation, text });
    if (ack?.ok) {
      talkInput.value = "";
      talkError.hidden = true;
    } else {
      talkError.textContent = boothError(ack?.error);
      talkError.hidden = false;
    }
  }

  function addMessage(message) {
    if (message.conversation !== conversation?.conversation) return;
    const mineMsg = message.sender === state.me?.id;
    const time = new Date(message.at).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    talkLog.append(
      h(
        "li",
        { class: `chat-message${mineMsg ? " chat-mine" : ""}` },
        h("p", { class: "chat-meta" }, h("strong", { text: message.name }), ` · ${time}`),
        h("p", { class: "chat-text", text: message.text }),
      ),
    );
    talkLog.scrollTop = talkLog.scrollHeight;
  }

  // -- signs on the map ----------------------------------------------------

  function renderSigns() {
    onSigns(
      areasSpace,
      areas
        .filter((a) => info.has(a.id) || status.has(a.id))
        .map((a) => ({ ...a, label: nameOf(a.id), open: Boolean(status.get(a.id)?.open), openText: t("booth.open"), closedText: t("booth.closed") })),
    );
  }

  // -- frames --------------------------------------------------------------

  const handlers = {
    status({ booths }) {
      const space = state.currentSpace;
      const listening = space && LIST_SPACES.has(space.kind);
      for (const booth of booths) {
        const before = status.get(booth.id);
        status.set(booth.id, booth);
        if (before && before.open !== booth.open && (listening || booth.id === here || mine.has(booth.id))) {
          announce(t(booth.open ? "booth.now_open" : "booth.now_closed", { name: nameOf(booth.id) }));
        }
      }
      renderAll();
    },
    here({ booth }) {
      if (booth === here) return;
      here = booth;
      if (booth) announce(t("booth.entered", { name: nameOf(booth) }));
      renderPanel();
    },
    ring(ring) {
      showRing(ring);
    },
    taken({ request, by }) {
      notices.remove(`booth-ring-${request}`);
      announce(t("booth.taken", { name: by }));
    },
    withdrawn({ request }) {
      notices.remove(`booth-ring-${request}`);
      announce(t("booth.withdrawn"));
    },
    conversation(conv) {
      openConversation(conv);
    },
    message(message) {
      addMessage(message);
    },
    left({ conversation: id }) {
      if (conversation?.conversation !== id) return;
      talkLog.append(h("li", { class: "chat-note", text: t("booth.talk.left") }));
      talkForm.hidden = true;
      announce(t("booth.talk.left"));
      conversation = null;
      renderPanel();
    },
  };

  state.on("space", ({ space }) => {
    here = null;
    picked = null;
    renderList();
    renderPanel();
    loadAreas(space);
  });

  return { load, handlers };
}

/** The booth areas of a Tiled map: objects with a `booth` property. */
function boothAreas(json) {
  const out = [];
  const walk = (layers) => {
    for (const layer of layers ?? []) {
      if (layer.type === "group") walk(layer.layers);
      if (layer.type !== "objectgroup") continue;
      for (const object of layer.objects ?? []) {
        const prop = (object.properties ?? []).find((p) => p.name === "booth");
        if (prop) out.push({ id: String(prop.value), x: object.x, y: object.y, w: object.width, h: object.height });
      }
    }
  };
  walk(json.layers);
  return out;
}

/** A time of day from an ISO timestamp, in the browser's zone. */
function clock(iso) {
  return new Date(iso).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
}

/** An ack error in words: booth codes from the booth.* keys, the rest as everywhere. */
function boothError(error) {
  const key = `booth.err.${error?.code}`;
  return has(key) ? t(key) : errorText(error);
}
