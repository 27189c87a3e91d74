/** The audit log: time (event zone), actor, action, detail; newest first as the server sends. */

import { timeOfDay, timeWithSeconds } from "../../clock.js";
import { has, t } from "../../i18n.js";
import { byId, h } from "../dom.js";

/** How the server names a deleted person in the log (venue/store/registrations.py DELETED). */
export const DELETED = "deleted participant";
const PERSON = /^(.*) \[[0-9a-f]{8}\]$/; // "Ann [1f2e3d4c]": the store's person_ref
const CALL = /^(\S+) → (\S+) \((\d+) moved\)$/;

/**
 * Draw the `audit` entries (AuditOut) into the log table; `spaceName(id)` names a space and
 * `blockStart(index)` gives a block's live start, so that no raw id is shown.
 */
export function renderAudit(audit, { spaceName = (id) => id, blockStart = () => null } = {}) {
  const rows = audit.map((entry) =>
    h(
      "tr",
      { "data-action": entry.action },
      h("td", {}, h("time", { datetime: entry.at, text: timeWithSeconds(entry.at) })),
      h("td", { text: personName(entry.actor) }),
      h("td", { text: actionText(entry.action) }),
      h("td", { text: detailText(entry, { spaceName, blockStart }) }),
    ),
  );
  if (!rows.length) rows.push(h("tr", {}, h("td", { colspan: 4, class: "hint", text: t("mod.audit.empty") })));
  byId("mod-audit").replaceChildren(...rows);
}

/** "delay 5 min" and the like: translated by their first word when the catalogue knows it. */
export function actionText(action) {
  const [verb, ...rest] = action.split(" ");
  const key = `mod.action.${verb}`;
  if (!has(key)) return action;
  const minutes = rest[0] && rest[1] === "min" ? t("mod.audit.minutes", { minutes: rest[0] }) : rest.join(" ");
  return [t(key), minutes].filter(Boolean).join(" ");
}

/** A person as the log names them: the name, translated when the person was deleted. */
export function personName(text) {
  const name = PERSON.exec(text)?.[1] ?? text;
  return name === DELETED ? t("mod.audit.deleted") : name;
}

/** The detail in words: names instead of ids, spaces by name, blocks by their start. */
export function detailText({ action, detail }, { spaceName, blockStart }) {
  const verb = action.split(" ")[0];
  const space = (id) => (id === "everyone" ? t("mod.everyone") : spaceName(id));
  if (["remove", "nudge", "mute", "unmute"].includes(verb)) return personName(detail);
  if (verb === "space.open" || verb === "space.close") return spaceName(detail);
  if (verb === "delay" || verb === "extend" || verb === "start_next") {
    const index = Number(/^block (\d+)$/.exec(detail)?.[1]);
    const start = Number.isInteger(index) ? blockStart(index) : null;
    return start ? t("mod.audit.block", { time: timeOfDay(start) }) : detail;
  }
  if (verb === "call") {
    const call = CALL.exec(detail);
    return call ? t("mod.audit.call", { from: space(call[1]), to: space(call[2]), count: call[3] }) : detail;
  }
  if (verb === "announce" || verb === "chat.delete") {
    const cut = detail.indexOf(": ");
    if (cut < 0) return detail;
    const who = detail.slice(0, cut);
    return `${verb === "announce" ? space(who) : personName(who)}: ${detail.slice(cut + 2)}`;
  }
  return detail;
}
