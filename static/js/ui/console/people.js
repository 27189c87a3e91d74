/** After a transition: arrivals per space, and who is still elsewhere (nudge, remove). */

import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";
import { act, confirmDialog, errorSlot } from "./act.js";
import { countItems } from "./overview.js";

let shown = "";

/** Draw `out.arrived` and `out.elsewhere` (a Console); unchanged lists keep their focus. */
export function renderPeople(out, { wire, spaceName }) {
  byId("mod-arrived").replaceChildren(...countItems(out.arrived, spaceName));
  // the console arrives every few seconds: rebuilding the buttons each time would lose focus
  const key = JSON.stringify(out.elsewhere);
  if (key === shown) return;
  shown = key;
  byId("mod-elsewhere-count").textContent = `(${out.elsewhere.length})`;
  const rows = out.elsewhere.map((person) => personRow(person, { wire, spaceName }));
  if (!rows.length) rows.push(h("li", { class: "hint", text: t("mod.elsewhere.none") }));
  byId("mod-elsewhere").replaceChildren(...rows);
}

function personRow(person, { wire, spaceName }) {
  const error = errorSlot();
  const hidden = (text) => h("span", { class: "visually-hidden", text: `: ${text}` });
  const nudge = h("button", { type: "button", class: "button button-small" }, t("mod.nudge"), hidden(person.name));
  nudge.addEventListener("click", () =>
    act(nudge, error, () => wire.nudge(person.id), t("mod.done.nudge", { name: person.name })),
  );
  const remove = h("button", { type: "button", class: "button button-small button-danger-quiet" }, t("mod.remove"), hidden(person.name));
  remove.addEventListener("click", async () => {
    const ok = await confirmDialog({
      title: t("mod.remove.confirm", { name: person.name }),
      body: [h("p", { text: t("mod.remove.explain") })],
      confirm: t("mod.remove"),
      danger: true,
    });
    if (ok) await act(remove, error, () => wire.removePerson(person.id), t("mod.done.remove", { name: person.name }));
    else remove.focus();
  });
  const where = t("mod.elsewhere.where", {
    space: spaceName(person.space),
    target: person.target ? spaceName(person.target) : t("mod.undecided"),
  });
  return h(
    "li",
    { "data-person": person.id },
    h("span", { class: "person-name", text: person.name }),
    h("span", { class: "where", text: where }),
    h("span", { class: "mod-person-actions" }, nudge, remove),
    error,
  );
}
