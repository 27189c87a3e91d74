/**
 * The programme clock as the browser sees it, and the one time formatter: every time shown
 * is in the event's time zone (venue.welcome's) and the page's language.
 */

import { currentLanguage } from "./i18n.js";

let zone; // undefined: the browser's own, until the server has said which is the event's

/** Show times in `name` (an IANA zone, e.g. "Europe/Berlin") from now on. */
export function setTimeZone(name) {
  zone = name || undefined;
}

/** Extrapolates the server's programme clock between frames; it runs `speed` times real time. */
export class ProgrammeClock {
  #base = Date.now();
  #at = performance.now();
  speed = 1;
  rehearsal = false;

  /** Take the `clock` (ClockOut) of a programme.state frame. */
  sync(clock) {
    this.#base = Date.parse(clock.now);
    this.#at = performance.now();
    this.speed = clock.speed;
    this.rehearsal = clock.rehearsal;
  }

  /** Programme time now, in epoch milliseconds. */
  now() {
    return this.#base + (performance.now() - this.#at) * this.speed;
  }
}

const MINUTES = { hour: "2-digit", minute: "2-digit" };
const SECONDS = { ...MINUTES, second: "2-digit" };
const formats = new Map(); // language, zone and precision -> Intl.DateTimeFormat (costly to make)

/** "13:30": the time of day of an ISO string or epoch milliseconds, in the event's zone. */
export function timeOfDay(value) {
  return format(value, MINUTES);
}

/** "13:30:05", for logs and the console clock. */
export function timeWithSeconds(value) {
  return format(value, SECONDS);
}

function format(value, options) {
  const language = currentLanguage();
  const key = `${language} ${zone} ${options === SECONDS}`;
  if (!formats.has(key)) formats.set(key, new Intl.DateTimeFormat(language, { timeZone: zone, ...options }));
  return formats.get(key).format(new Date(typeof value === "number" ? value : Date.parse(value)));
}

/** "4:05": a duration in milliseconds as minutes and seconds (never negative). */
export function minutesSeconds(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
