/** Turns arrivals, departures and my own space changes into short announcements. */

import { pick, t } from "./i18n.js";

const BATCH_MS = 1200; // a crowd arriving at once becomes one sentence, not fifty
const LIST_AT_MOST = 3;

/** Announce what happens in my space through `announce(text)`. */
export function startNews(state, announce) {
  let arrived = [];
  let departed = [];
  let timer = null;
  let welcomed = false;

  function flush() {
    timer = null;
    const parts = [];
    if (arrived.length > LIST_AT_MOST) parts.push(t("announce.arrived_many", { count: arrived.length }));
    else parts.push(...arrived.map((p) => t("announce.arrived", { name: p.name })));
    if (departed.length > LIST_AT_MOST) parts.push(t("announce.departed_many", { count: departed.length }));
    else parts.push(...departed.map(departureText));
    arrived = [];
    departed = [];
    if (parts.length) announce(parts.join(" "));
  }

  function departureText({ person, to }) {
    const target = to ? state.space(to) : null;
    return target
      ? t("announce.departed_to", { name: person.name, space: pick(target.name) })
      : t("announce.departed", { name: person.name });
  }

  function later() {
    timer ??= setTimeout(flush, BATCH_MS);
  }

  state.on("arrived", (person) => {
    arrived.push(person);
    later();
  });
  state.on("departed", (departure) => {
    departed.push(departure);
    later();
  });
  state.on("space", ({ space, me }) => {
    // News of the old space no longer matter.
    arrived = [];
    departed = [];
    const name = pick(space?.name);
    announce(welcomed ? t("announce.entered", { space: name }) : t("announce.welcome", { name: me.name, space: name }));
    welcomed = true;
  });
}
