/** Now and next block, headcounts per target space, start the next block, delay or extend. */

import { timeOfDay } from "../../clock.js";
import { t } from "../../i18n.js";
import { ErrorCode } from "../../protocol.js";
import { byId, h } from "../dom.js";
import { slotLines } from "../programme/strip.js";
import { act, confirmDialog, showError } from "./act.js";

/** Headcount list items: "Space: n" (of its places, in a preview), each with data-space;
 * `overflow` names where those go who find no room, warned of beside the space they wanted. */
export function countItems(counts, spaceName, overflow = "") {
  if (!counts.length) return [h("li", { class: "hint", text: t("mod.nobody") })];
  return counts.map(({ space, count, capacity, over }) => {
    const shown = capacity === null || capacity === undefined ? String(count) : t("mod.of_places", { count, capacity });
    const item = h("li", { "data-space": space, "data-count": count }, h("span", { text: space === "?" ? t("mod.undecided") : spaceName(space) }), h("strong", { text: shown }));
    if (over) {
      const warning = t("mod.over", { count: over, capacity, space: spaceName(overflow) });
      item.append(h("span", { class: "mod-over", role: "note", "data-over": over, text: `⚠ ${warning}` }));
    }
    return item;
  });
}

/** The programme card; `view()` returns {model, console}; `rerender()` draws everything again. */
export function setupOverview({ wire, view, spaceName, rerender }) {
  const startButton = byId("mod-start-next");
  const startError = byId("mod-start-next-error");

  startButton.addEventListener("click", async () => {
    const { model, console: out } = view();
    const next = model.next;
    if (!next) return;
    const ok = await confirmDialog({
      title: t("mod.start_next.confirm", { time: timeOfDay(next.start) }),
      body: [
        h("ul", { class: "slot-list" }, ...slotLines(next.slots, spaceName)),
        h("p", { text: t("mod.headcounts") }),
        h("ul", { class: "mod-counts", id: "mod-dialog-counts" }, ...countItems(out?.nextHeadcounts ?? [], spaceName, out?.overflow)),
      ],
      confirm: t("mod.start_next.yes"),
    });
    if (!ok) return;
    const result = await act(startButton, startError, () => wire.startNext(next.index), t("mod.done.start_next"));
    rerender(); // a stale console (slot.stale) shows what is next now, beside the error
    if (result.error?.code === ErrorCode.SLOT_STALE) startButton.focus();
  });

  const form = byId("mod-delay-form");
  const minutes = byId("mod-delay-minutes");
  const delayError = byId("mod-delay-error");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const value = Number(minutes.value);
    if (!Number.isInteger(value) || value < 1 || value > 240) {
      minutes.setAttribute("aria-invalid", "true");
      return showError(delayError, t("error.delay.invalid"));
    }
    minutes.removeAttribute("aria-invalid");
    const cascade = event.submitter?.value !== "extend";
    const done = t(cascade ? "mod.done.delay" : "mod.done.extend", { minutes: value });
    await act(event.submitter ?? form, delayError, () => wire.delay(value, cascade), done);
  });

  return {
    /** Draw now, next and the headcounts of the next block. */
    render({ model, console: out }) {
      byId("mod-now").replaceChildren(...blockView("mod.now", model.current, spaceName));
      byId("mod-next").replaceChildren(...blockView("mod.next", model.next, spaceName));
      byId("mod-headcounts").replaceChildren(...countItems(out?.nextHeadcounts ?? [], spaceName, out?.overflow));
      startButton.disabled = !model.next;
      // extending needs a running block: before the day or between blocks it would only move the next one
      form.querySelector("button[value=extend]").disabled = !model.current;
      startButton.dataset.block = model.next?.index ?? "";
    },
  };
}

function blockView(key, block, spaceName) {
  const label = h("h3", {}, t(key));
  if (!block) return [label, h("p", { class: "hint", text: t("programme.none") })];
  const times = t("programme.times", { start: timeOfDay(block.start), end: timeOfDay(block.end) });
  return [label, h("p", { class: "programme-times", text: times }), h("ul", { class: "slot-list" }, ...slotLines(block.slots, spaceName))];
}
