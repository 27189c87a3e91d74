/** After a transition: arrivals per space, and who is still elsewhere (nudge, remove); everyone, searchable. */

import { t } from "../../i18n.js";
import { Role } from "../../protocol.js";
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
  const where = t("mod.elsewhere.where", {
    space: spaceName(person.space),
    target: person.target ? spaceName(person.target) : t("mod.undecided"),
  });
  return h(
    "li",
    { "data-person": person.id },
    h("span", { class: "person-name", text: person.name }),
    h("span", { class: "where", text: where }),
    h("span", { class: "mod-person-actions" }, ...personActions(person, { wire, error })),
    error,
  );
}

/**
 * Nudge and remove `person`, and mute or unmute them when `muted` is known (true/false);
 * `done()` runs after an action succeeded.
 */
function personActions(person, { wire, error, muted = null, done = () => {} }) {
  const hidden = (text) => h("span", { class: "visually-hidden", text: `: ${text}` });
  const button = (label, extra = "") => h("button", { type: "button", class: `button button-small${extra}` }, label, hidden(person.name));
  const run = async (element, request, text) => {
    const result = await act(element, error, request, text);
    if (result?.ok) done();
  };
  const nudge = button(t("mod.nudge"));
  nudge.addEventListener("click", () => run(nudge, () => wire.nudge(person.id), t("mod.done.nudge", { name: person.name })));
  const remove = button(t("mod.remove"), " button-danger-quiet");
  remove.addEventListener("click", async () => {
    const ok = await confirmDialog({
      title: t("mod.remove.confirm", { name: person.name }),
      body: [h("p", { text: t("mod.remove.explain") })],
      confirm: t("mod.remove"),
      danger: true,
    });
    if (ok) await run(remove, () => wire.removePerson(person.id), t("mod.done.remove", { name: person.name }));
    else remove.focus();
  });
  if (muted === null) return [nudge, remove];
  const mute = button(t(muted ? "mod.unmute" : "mod.mute"));
  mute.dataset.muted = String(muted);
  mute.addEventListener("click", () =>
    run(mute, () => wire.mute(person.id, !muted), t(muted ? "mod.done.unmute" : "mod.done.mute", { name: person.name })),
  );
  return [nudge, mute, remove];
}

/** The searchable list of everyone present, any space: nudge, mute, unmute, remove. */
export function setupPeopleSearch({ wire, spaceName }) {
  const form = byId("mod-people-form");
  const query = byId("mod-people-query");
  const search = async () => {
    const result = await wire.people(query.value.trim());
    if (!result.ok) return;
    const { people, total } = result.value;
    byId("mod-people-summary").textContent = t("mod.people.found", { count: people.length, total });
    byId("mod-people").replaceChildren(
      ...people.map((person) => {
        const error = errorSlot();
        const badges = [
          h("span", { class: "where", text: t("mod.people.in", { space: spaceName(person.space) }) }),
          person.role !== Role.PARTICIPANT ? h("span", { class: `badge badge-${person.role}`, text: t(`role.${person.role}`) }) : null,
          person.muted ? h("span", { class: "badge", text: t("mod.people.muted") }) : null,
        ];
        const staff = person.role === Role.MODERATOR || person.role === Role.ORGANISER;
        const actions = staff ? [] : personActions(person, { wire, error, muted: person.muted, done: search });
        return h(
          "li",
          { "data-person": person.id },
          h("span", { class: "person-name", text: person.name }),
          ...badges,
          h("span", { class: "mod-person-actions" }, ...actions),
          error,
        );
      }),
    );
  };
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    search();
  });
  return { search };
}
