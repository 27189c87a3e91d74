/** The programme clock as the browser sees it, and times of day in the event's time zone. */

import { currentLanguage } from "./i18n.js";

const DEFAULT_ZONE = "Europe/Berlin"; // the seed event's; pages may pass another in boot.zone
let zone = DEFAULT_ZONE;

/** Show times of day in `name` (an IANA zone) from now on. */
export function setZone(name) {
  zone = name || DEFAULT_ZONE;
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

/** "13:30": the time of day of an ISO string or epoch milliseconds. */
export function timeOfDay(value) {
  return format(value, { hour: "2-digit", minute: "2-digit" });
}

/** "13:30:05", for logs and the console clock. */
export function timeWithSeconds(value) {
  return format(value, { hour: "2-digit", minute: "2-digit", second: "2-digit" });
}

function format(value, options) {
  const date = new Date(typeof value === "number" ? value : Date.parse(value));
  return new Intl.DateTimeFormat(currentLanguage(), { timeZone: zone, ...options }).format(date);
}

/** "4:05": a duration in milliseconds as minutes and seconds (never negative). */
export function minutesSeconds(ms) {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}
