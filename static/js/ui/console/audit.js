/** The audit log: time (event zone), actor, action, detail; newest first as the server sends. */

import { timeWithSeconds } from "../../clock.js";
import { has, t } from "../../i18n.js";
import { byId, h } from "../dom.js";

/** Draw the `audit` entries (AuditOut) into the log table. */
export function renderAudit(audit) {
  const rows = audit.map((entry) =>
    h(
      "tr",
      { "data-action": entry.action },
      h("td", {}, h("time", { datetime: entry.at, text: timeWithSeconds(entry.at) })),
      h("td", { text: entry.actor }),
      h("td", { text: actionText(entry.action) }),
      h("td", { text: entry.detail }),
    ),
  );
  if (!rows.length) rows.push(h("tr", {}, h("td", { colspan: 4, class: "hint", text: t("mod.audit.empty") })));
  byId("mod-audit").replaceChildren(...rows);
}

/** "delay 5 min" and the like: translated by their first word when the catalogue knows it. */
function actionText(action) {
  const [verb, ...rest] = action.split(" ");
  const key = `mod.action.${verb}`;
  return has(key) ? [t(key), ...rest].join(" ") : action;
}
