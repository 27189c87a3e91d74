/**
 * Speed networking at the bar, as a participant sees it: a banner with the round, one's
 * table and who sits there (and the interests shared), the warning before the tables change,
 * and a switch to pause (opt out from the next round) or take part again.
 */

import { pick, t } from "../i18n.js";
import { alertNow, announce } from "./announcer.js";
import { byId } from "./dom.js";
import { Notices } from "./notices.js";

const KEY = "networking";

/** Follow speed networking on `wire`; `here()` is the id of the space I am in. */
export function showNetworking(wire, here) {
  const notices = new Notices(byId("notices"));
  let state = null;
  let you = null;
  let warning = "";

  function render() {
    const mine = you && state && you.round === state.round ? you : null;
    if (!state?.running || (here() !== state.space && !mine?.table)) {
      notices.remove(KEY);
      return;
    }
    const round = { round: state.round, rounds: state.rounds };
    let text = t("networking.waiting", round);
    if (mine?.paused) text = t("networking.paused", round);
    else if (mine?.table) {
      const names = mine.partners.map((p) => p.name).join(", ");
      text = t("networking.seated", { ...round, table: mine.label ?? mine.table, names });
    }
    const shared = [...new Set(mine?.partners.flatMap((p) => p.shared.map((i) => pick(i.name))) ?? [])];
    const detail = [warning, shared.length ? t("networking.shared", { interests: shared.join(", ") }) : ""]
      .filter(Boolean)
      .join(" ");
    const paused = Boolean(mine?.paused ?? you?.paused);
    const toggle = {
      label: paused ? t("networking.resume") : t("networking.pause"),
      run: async () => {
        const result = await wire.pauseNetworking(!paused);
        if (result.ok) you = result.value;
        setTimeout(render); // the banner closes on success: show it again as it is now
        return result;
      },
    };
    notices.show(KEY, { text, detail: detail || null, tone: warning ? "warning" : "info", actions: [toggle] });
  }

  wire.on("networkingState", (value) => {
    const begun = value.round !== state?.round;
    state = value;
    if (begun) warning = "";
    render();
  });
  wire.on("networkingYou", (value) => {
    you = value;
    render();
    if (value.table) alertNow(t("networking.seated.announce", { table: value.label ?? value.table }));
  });
  wire.on("networkingWarning", ({ seconds, last }) => {
    warning = t(last ? "networking.warning.last" : "networking.warning", { seconds });
    render();
    announce(warning);
  });
  return render; // call when I change space
}
