/** "Mein Programm": every block of the day with where I belong in it. */

import { timeOfDay } from "../../clock.js";
import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";
import { slotLines } from "./strip.js";

/** Render the day into #agenda from `model`; `spaceName(id)` names a space. */
export function renderAgenda(model, spaceName) {
  const blocks = model.state?.blocks ?? [];
  byId("agenda").replaceChildren(
    ...blocks.map((block) => {
      const target = model.targetOf(block);
      const current = block.index === model.state.current;
      return h(
        "li",
        { "data-block": block.index, "aria-current": current ? "time" : null, class: current ? "agenda-current" : null },
        h("p", { class: "agenda-time", text: t("programme.times", { start: timeOfDay(block.start), end: timeOfDay(block.end) }) }),
        h("ul", { class: "slot-list" }, ...slotLines(block.slots, spaceName)),
        h("p", {
          class: "agenda-target",
          "data-target": target ?? "",
          text: target ? t("programme.agenda.target", { space: spaceName(target) }) : t("programme.agenda.choose"),
        }),
      );
    }),
  );
}
