/**
 * Looks and walking frames of the avatars' sprite sheets (scripts/make_avatars.py draws them):
 * avatars.png has one row per figure and colour, 12 frames of 32x48 per row (down, left,
 * right, up; each standing and two steps); emotes.png has one 32x32 bubble per emote.
 */

import { Colour, Emote, Figure } from "./protocol.js";

export const FIGURES = Object.values(Figure);
export const COLOURS = Object.values(Colour);
export const FRAME = { width: 32, height: 48 };
export const EMOTE_SIZE = 32;
const DIRECTIONS = ["down", "left", "right", "up"];
const STEP_PX = 9; // pixels walked per step of the animation
export const EMOTE_FRAMES = { [Emote.WAVE]: 0, [Emote.APPLAUSE]: 1, [Emote.HAND]: 2 };

function hash(text) {
  let value = 2166136261;
  for (const ch of text) value = Math.imul(value ^ ch.codePointAt(0), 16777619);
  return value >>> 0;
}

/** A person's figure and colour: the chosen look, or one derived from the id until chosen. */
export function lookOf(person) {
  const [figure, colour] = (person.look ?? "").split("-");
  if (FIGURES.includes(figure) && COLOURS.includes(colour)) return { figure, colour };
  const h = hash(person.id);
  return { figure: FIGURES[h % FIGURES.length], colour: COLOURS[(h >>> 8) % COLOURS.length] };
}

/** The sheet row of a look. */
export function lookRow({ figure, colour }) {
  return FIGURES.indexOf(figure) * COLOURS.length + COLOURS.indexOf(colour);
}

/** Which way someone faces after moving (dx, dy); standing still keeps `previous`. */
export function facing(dx, dy, previous = "down") {
  if (Math.abs(dx) < 0.01 && Math.abs(dy) < 0.01) return previous;
  if (Math.abs(dx) > Math.abs(dy)) return dx < 0 ? "left" : "right";
  return dy < 0 ? "up" : "down";
}

/** The frame index in avatars.png: `distance` walked so far picks the step while `moving`. */
export function walkFrame(row, direction, distance, moving) {
  const step = moving ? 1 + (Math.floor(distance / STEP_PX) % 2) : 0;
  return row * DIRECTIONS.length * 3 + DIRECTIONS.indexOf(direction) * 3 + step;
}
