/** The participant's programme: strip, agenda, banners for warnings, asks, reminders, news. */

import { timeOfDay } from "../../clock.js";
import { t } from "../../i18n.js";
import { ProgrammeState } from "../../programme.js";
import { Inbound, Outbound } from "../../protocol.js";
import { alertNow, announce } from "../announcer.js";
import { byId } from "../dom.js";
import { Notices } from "../notices.js";
import { renderAgenda } from "./agenda.js";
import { ProgrammeStrip } from "./strip.js";

// The grace period of programme.stay (venue data `stay_minutes`, default 5); the server
// does not send it, the staying_until it answers with is what counts.
const STAY_MINUTES = 5;
const TICK_MS = 500;

/**
 * Wire the programme. `send` returns ack Promises, `goTo(space)` changes space (ack),
 * `spaceName(id)` names a space, `venue` is the VenueState. Returns the Outbound handlers.
 */
export function setupProgramme({ send, goTo, spaceName, venue }) {
  const model = new ProgrammeState();
  const notices = new Notices(byId("notices"));
  const here = () => venue.spaceId;
  const strip = new ProgrammeStrip({ model, spaceName, goTo, here });
  let choices = "";

  const render = () => {
    strip.render();
    renderAgenda(model, spaceName);
  };
  model.on("programme", render);
  model.on("you", (you) => {
    render();
    offerChoice(you.choose ?? []);
  });
  venue.on("space", () => {
    render();
    // banners sending me where I am now have done their job
    notices.removeWhere((element) => element.dataset.target === here());
  });
  setInterval(() => strip.tick(), TICK_MS);

  const goAction = (target) => ({ label: t("programme.go_now"), primary: true, run: () => goTo(target) });

  function warn({ block, starts_at, target, minutes }) {
    const what = target ? spaceName(target) : t("programme.next_block");
    const text = t("programme.warning", { what, minutes, time: timeOfDay(starts_at) });
    const actions = [
      ...(target ? [goAction(target)] : []),
      { label: t("programme.stay", { minutes: STAY_MINUTES }), run: stay },
    ];
    notices.show("warning", { text, tone: "warning", actions, data: { "data-target": target ?? "", "data-block": block } });
    announce(text);
  }

  async function stay() {
    const ack = await send(Inbound.STAY, {});
    if (ack.ok) {
      model.applyYou(ack.data);
      announce(t("programme.staying", { time: timeOfDay(ack.data.staying_until) }));
    }
    return ack;
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

  return {
    [Outbound.PROGRAMME]: (state) => model.applyState(state),
    [Outbound.YOU]: (you) => model.applyYou(you),
    [Outbound.WARNING]: warn,
    [Outbound.ASK]: ask,
    [Outbound.REMINDER]: remind,
    [Outbound.ANNOUNCEMENT]: announcement,
  };
}
