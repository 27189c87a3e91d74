/** The participant's programme: strip, agenda, banners for warnings, asks, reminders, news. */

import { timeOfDay } from "../../clock.js";
import { t } from "../../i18n.js";
import { ProgrammeState } from "../../programme.js";
import { alertNow, announce } from "../announcer.js";
import { byId } from "../dom.js";
import { Notices } from "../notices.js";
import { renderAgenda } from "./agenda.js";
import { ProgrammeStrip } from "./strip.js";

const TICK_MS = 500;

/**
 * Wire the programme to `wire` (the Wire). `goTo(space)` changes space (a Result),
 * `spaceName(id)` names a space, `venue` is the VenueState. Returns the ProgrammeState.
 */
export function setupProgramme({ wire, goTo, spaceName, venue }) {
  const model = new ProgrammeState();
  const notices = new Notices(byId("notices"));
  const here = () => venue.spaceId;
  const strip = new ProgrammeStrip({ model, spaceName, goTo, here });
  let choices = "";

  const render = () => {
    strip.render();
    renderAgenda(model, spaceName);
  };
  model.on("programme", () => {
    render();
    dropStale(model.state?.current);
  });
  model.on("you", (you) => {
    render();
    offerChoice(you.choose);
  });
  venue.on("space", () => {
    render();
    // banners sending me where I am now have done their job
    notices.removeWhere((element) => element.dataset.target === here());
  });
  setInterval(() => strip.tick(), TICK_MS);

  const goAction = (target) => ({ label: t("programme.go_now"), primary: true, run: () => goTo(target) });

  function warn({ block, startsAt, target, minutes }) {
    const what = target ? spaceName(target) : t("programme.next_block");
    const text = t("programme.warning", { what, minutes, time: timeOfDay(startsAt) });
    const actions = [
      ...(target ? [goAction(target)] : []),
      // the venue sets how long one may stay (programme.state); the answer says until when
      ...(model.stayMinutes ? [{ label: t("programme.stay", { minutes: model.stayMinutes }), run: stay }] : []),
    ];
    notices.show("warning", { text, tone: "warning", actions, data: { "data-target": target ?? "", "data-block": block } });
    announce(text);
  }

  async function stay() {
    const result = await wire.stay();
    if (result.ok) {
      model.applyYou(result.value);
      announce(t("programme.staying", { time: timeOfDay(result.value.stayingUntil) }));
    }
    return result;
  }

  /** A block began: its warning is history (an exhibitor asked to go is not moved, and
   * would keep it), and so are the questions of earlier blocks. */
  function dropStale(current) {
    if (current === null || current === undefined) return;
    notices.removeWhere(({ dataset }) => {
      if (dataset.block === undefined || dataset.block === "") return false;
      const block = Number(dataset.block);
      return dataset.notice === "warning" ? block <= current : block < current;
    });
  }

  function ask({ block, target }) {
    const text = t("programme.ask", { space: spaceName(target) });
    const actions = [goAction(target), { label: t("programme.ask.stay"), run: () => ({ ok: true }) }];
    notices.show("ask", { text, tone: "warning", actions, data: { "data-target": target, "data-block": block } });
    announce(text);
  }

  function remind({ target, by }) {
    const text = t(by ? "programme.reminder.by" : "programme.reminder", { space: spaceName(target), name: by });
    notices.show("reminder", { text, tone: "warning", actions: [goAction(target)], dismiss: true, data: { "data-target": target } });
    announce(text);
  }

  function offerChoice(spaces) {
    const key = spaces.join();
    if (key === choices) return;
    choices = key;
    if (!spaces.length) return notices.remove("choose");
    const actions = spaces.map((space) => ({ label: spaceName(space), run: () => goTo(space) }));
    notices.show("choose", { text: t("programme.choose"), tone: "info", actions });
    announce(t("programme.choose"));
  }

  function announcement({ id, text, by }) {
    // `at` is wall-clock time, not programme time: in a rehearsal it would contradict the strip
    const detail = t("programme.announcement.by", { name: by });
    notices.show(`announcement-${id}`, { text, detail, tone: "announcement", dismiss: true, data: { "data-announcement": id } });
    alertNow(`${detail}: ${text}`);
  }

  wire.on("programme", (state) => model.applyState(state));
  wire.on("you", (you) => model.applyYou(you));
  wire.on("warning", warn);
  wire.on("ask", ask);
  wire.on("reminder", remind);
  wire.on("announcement", announcement);
  return model;
}
