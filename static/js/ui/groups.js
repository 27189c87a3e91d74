/**
 * "Sie sprechen mit …": my nearby group or table, announced as people join and leave, and the
 * tables of my space, where list mode can take a seat (table.sit).
 */

import { errorText, t } from "../i18n.js";
import { Inbound } from "../protocol.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

/** Wire the conversation section; `onGroup(update)` tells chat and map about changes. */
export function setupGroups({ send, state, onGroup }) {
  const talk = byId("group-talk");
  const tableList = byId("table-list");
  const tableError = byId("table-error");
  let members = [];
  let labels = new Map(); // table area -> its label ("Tisch 1")
  const tableName = (area) => labels.get(area) ?? area;

  function renderTalk(update) {
    const others = (update?.members ?? []).filter((m) => m.id !== state.me?.id);
    members = others;
    if (!update?.group || !others.length) {
      talk.textContent = update?.table
        ? t("group.table_alone", { table: tableName(update.table) })
        : t("group.nobody");
      return;
    }
    const names = others.map((m) => m.name).join(", ");
    talk.textContent = update.table
      ? t("group.table", { table: tableName(update.table), names })
      : t("group.with", { names });
  }

  async function loadTables(space) {
    tableList.replaceChildren();
    if (!space) return;
    try {
      const response = await fetch(space.map_url, { credentials: "same-origin" });
      const json = await response.json();
      if (state.spaceId !== space.id) return;
      const tables = tablesOf(json);
      labels = new Map(tables.map(({ area, label }) => [area, label]));
      tableList.replaceChildren(
        ...tables.map(({ area, label }) =>
          h(
            "li",
            {},
            h("button", { type: "button", class: "button", onclick: () => sit(area, label) }, t("table.sit", { table: label })),
          ),
        ),
      );
      byId("tables").hidden = !tables.length;
    } catch {
      byId("tables").hidden = true;
    }
  }

  async function sit(area, label) {
    const ack = await send(Inbound.TABLE_SIT, { area });
    tableError.hidden = ack.ok;
    if (!ack.ok) {
      tableError.textContent = errorText(ack.error);
      return;
    }
    if (ack.ok) state.snapMe(ack.data.x, ack.data.y);
    announce(t("table.seated", { table: label }));
  }

  state.on("space", ({ space }) => {
    // the old space's group is over; its "left" update may come after the new snapshot
    renderTalk(null);
    onGroup({ space: space?.id, group: null, channel: null, table: null, members: [], joined: [], left: [] });
    loadTables(space);
  });

  return {
    /** `group.update`: who I talk with now; joins and leaves are announced. */
    apply(update) {
      if (update.space !== state.spaceId) return;
      const me = state.me?.id;
      const joined = update.joined.filter((m) => m.id !== me).map((m) => m.name);
      const left = update.left.filter((m) => m.id !== me).map((m) => m.name);
      const iJoined = update.joined.some((m) => m.id === me);
      const iLeft = update.left.some((m) => m.id === me) && !update.group;
      renderTalk(update);
      if (iJoined && members.length) announce(t("group.joined_me", { names: members.map((m) => m.name).join(", ") }));
      else if (iLeft) announce(t("group.left_me"));
      else {
        if (joined.length) announce(t("group.joined", { names: joined.join(", ") }));
        if (left.length) announce(t("group.left", { names: left.join(", ") }));
      }
      onGroup({ ...update, tableLabel: update.table ? tableName(update.table) : null });
    },
  };
}

/** Table areas of a Tiled map: objects of class/type area with a `table` property. */
function tablesOf(json) {
  const found = [];
  const walk = (layers) => {
    for (const layer of layers ?? []) {
      if (layer.type === "group") walk(layer.layers);
      for (const object of layer.objects ?? []) {
        const table = (object.properties ?? []).find((p) => p.name === "table");
        if ((object.class ?? object.type) === "area" && table) {
          found.push({ area: object.name, label: String(table.value || object.name) });
        }
      }
    }
  };
  walk(json.layers);
  return found;
}
