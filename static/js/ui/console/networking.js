/** Speed networking in the console: start (round length, group size, rounds), stop, and every
 * round so far with who sits at which table, who waits and who has opted out. */

import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";
import { act } from "./act.js";

/** Wire the start form and the stop button to `wire` (the Wire). */
export function setupNetworking({ wire }) {
  const form = byId("mod-networking-form");
  const error = byId("mod-networking-error");
  const number = (id) => Number.parseInt(byId(id).value, 10);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const start = () => wire.startNetworking(number("mod-networking-minutes"), number("mod-networking-size"), number("mod-networking-rounds"));
    await act(event.submitter ?? form, error, start, t("console.networking.started"));
  });
  const stop = byId("mod-networking-stop");
  stop.addEventListener("click", () => act(stop, error, () => wire.stopNetworking(), t("console.networking.stopped")));
}

/** Draw the console's `networking` part (null: it has not run since the server started). */
export function renderNetworking(networking, { spaceName }) {
  const state = networking?.state;
  byId("mod-networking-state").textContent = !state
    ? t("console.networking.none")
    : t(state.running ? "console.networking.running" : "console.networking.ended", {
        space: spaceName(state.space),
        round: state.round,
        rounds: state.rounds,
        size: state.size,
        minutes: state.minutes,
      });
  const names = (people) => people.map((p) => p.name).join(", ");
  const rounds = [...(networking?.rounds ?? [])].reverse().map((r) =>
    h(
      "li",
      { "data-round": r.round },
      h("p", { class: "mod-networking-round", text: t("console.networking.round", { round: r.round }) }),
      h("ul", {}, ...r.tables.map(({ table, label, people }) => h("li", { "data-table": table, text: `${label}: ${names(people)}` }))),
      r.waiting.length ? h("p", { class: "hint", text: t("console.networking.waiting", { names: names(r.waiting) }) }) : null,
    ),
  );
  if (networking?.paused.length) {
    rounds.unshift(h("li", { class: "hint", text: t("console.networking.paused", { names: names(networking.paused) }) }));
  }
  byId("mod-networking-rounds-list").replaceChildren(...rounds);
}
