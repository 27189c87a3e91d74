/**
 * "Sie sprechen mit …", drawn from a GroupsState: my nearby group or table, announced as
 * people join and leave, and the tables of my space, where list mode can take a seat.
 */

import { errorText, t } from "../i18n.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

const NEWS = { joinedMe: "group.joined_me", leftMe: "group.left_me", joined: "group.joined", left: "group.left" };

/** Draw `model` (a GroupsState) into the conversation section. */
export function showGroups(model) {
  const talk = byId("group-talk");
  const tables = byId("tables");
  const tableList = byId("table-list");
  const tableError = byId("table-error");

  function renderTalk() {
    const table = model.update?.table;
    const names = model.others.map((m) => m.name).join(", ");
    if (!model.talking) {
      talk.textContent = table ? t("group.table_alone", { table: model.tableLabel(table) }) : t("group.nobody");
    } else {
      talk.textContent = table ? t("group.table", { table: model.tableLabel(table), names }) : t("group.with", { names });
    }
  }

  function renderTables() {
    tableList.replaceChildren(
      ...model.tables.map(({ area, label }) =>
        h("li", {}, h("button", { type: "button", class: "button", onclick: () => sit(area, label) }, t("table.sit", { table: label }))),
      ),
    );
    tables.hidden = !model.tables.length;
  }

  async function sit(area, label) {
    const result = await model.sitAt(area);
    tableError.hidden = result.ok;
    if (!result.ok) {
      tableError.textContent = errorText(result.error);
      return;
    }
    announce(t("table.seated", { table: label }));
  }

  model.on("talk", renderTalk);
  model.on("tables", renderTables);
  model.on("news", ({ kind, names }) => announce(t(NEWS[kind], { names: names.join(", ") })));
}
