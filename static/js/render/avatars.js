/**
 * Avatars on the map: a small figure in a colour derived from the person's id, the name
 * above, a status dot. Remote avatars glide toward the latest position the server sent.
 * Uses only the scene's factories, so this module does not import Phaser itself.
 */

import { WALK_SPEED } from "../walker.js";

const STATUS_COLOURS = { available: 0x1d7a45, busy: 0xb3261e, away: 0xb07800 };
const SNAP_DISTANCE = 200; // further than this (a reconnect, a jump): no gliding
// A little longer than one tick: a glide then ends as the next position arrives, not before.
const GLIDE_TICKS = 1.1;
const LABEL_STYLE = {
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  fontSize: "12px",
  color: "#ffffff",
  backgroundColor: "rgba(23, 38, 43, 0.82)",
  padding: { x: 5, y: 2 },
  resolution: 2,
};

/** A stable, pleasant colour for a person id (hue from a string hash). */
export function colourOf(id) {
  let hash = 2166136261;
  for (const ch of id) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619);
  return hslToInt(((hash >>> 0) % 360) / 360, 0.55, 0.46);
}

/**
 * How far (px) a remote avatar `gap` px from its latest position glides in `dt` seconds: it
 * covers the gap in about one server tick (1 / `tickHz` s), but never slower than walking.
 */
export function glideStep(gap, dt, tickHz) {
  return Math.min(gap, Math.max(WALK_SPEED, (gap * tickHz) / GLIDE_TICKS) * dt);
}

function hslToInt(h, s, l) {
  const a = s * Math.min(l, 1 - l);
  const channel = (n) => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return (channel(0) << 16) | (channel(8) << 8) | channel(4);
}

function lighter(colour, amount) {
  const mix = (shift) => {
    const c = (colour >> shift) & 0xff;
    return Math.round(c + (255 - c) * amount) << shift;
  };
  return mix(16) | mix(8) | mix(0);
}

export class Avatars {
  /** Draw avatars into `scene`. */
  constructor(scene) {
    this.scene = scene;
    this.sprites = new Map();
    this.tickHz = 10; // the server's presence ticks per second (venue.welcome)
  }

  /** The container of a person's avatar (the camera follows mine). */
  get(id) {
    return this.sprites.get(id)?.container;
  }

  /** Make the avatars match `people` (add, remove, update status); `meId` gets a ring. */
  sync(people, meId) {
    const seen = new Set();
    for (const person of people) {
      seen.add(person.id);
      const sprite = this.sprites.get(person.id);
      if (!sprite) this.#add(person, person.id === meId);
      else if (sprite.status !== person.status) this.#drawStatus(sprite, person.status);
    }
    for (const id of this.sprites.keys()) if (!seen.has(id)) this.remove(id);
  }

  /** Remove one avatar. */
  remove(id) {
    this.sprites.get(id)?.container.destroy();
    this.sprites.delete(id);
  }

  /** Remove every avatar (a new space). */
  clear() {
    for (const id of [...this.sprites.keys()]) this.remove(id);
  }

  /** Glide a remote avatar toward (x, y). */
  target(id, x, y) {
    const sprite = this.sprites.get(id);
    if (!sprite) return;
    sprite.tx = x;
    sprite.ty = y;
  }

  /** Put an avatar at (x, y) at once (mine follows the local walker). */
  place(id, x, y) {
    const sprite = this.sprites.get(id);
    if (!sprite) return;
    sprite.tx = x;
    sprite.ty = y;
    this.#setPosition(sprite, x, y);
  }

  /** Advance gliding by `dt` seconds. */
  update(dt) {
    for (const sprite of this.sprites.values()) {
      const { container: c, tx, ty } = sprite;
      const gap = Math.hypot(tx - c.x, ty - c.y);
      if (gap < 0.5) continue;
      if (gap > SNAP_DISTANCE) {
        this.#setPosition(sprite, tx, ty);
        continue;
      }
      const step = glideStep(gap, dt, this.tickHz);
      this.#setPosition(sprite, c.x + ((tx - c.x) / gap) * step, c.y + ((ty - c.y) / gap) * step);
    }
  }

  #add(person, isMe) {
    const scene = this.scene;
    const colour = colourOf(person.id);
    const figure = scene.add.graphics();
    figure.fillStyle(0x000000, 0.22).fillEllipse(0, 0, 24, 9);
    if (isMe) figure.lineStyle(2, 0xffffff, 0.95).strokeEllipse(0, 0, 30, 12);
    figure.fillStyle(colour, 1).fillRoundedRect(-9, -24, 18, 21, 7);
    figure.fillStyle(lighter(colour, 0.55), 1).fillCircle(0, -29, 7.5);
    figure.lineStyle(1.5, 0x17262b, 0.55).strokeCircle(0, -29, 7.5);
    const label = scene.add.text(0, -40, person.name, LABEL_STYLE).setOrigin(0.5, 1);
    const dot = scene.add.graphics();
    const container = scene.add.container(person.x, person.y, [figure, label, dot]);
    const sprite = { container, label, dot, status: null, tx: person.x, ty: person.y };
    this.#drawStatus(sprite, person.status);
    this.#setPosition(sprite, person.x, person.y);
    this.sprites.set(person.id, sprite);
  }

  #drawStatus(sprite, status) {
    sprite.status = status;
    const x = sprite.label.width / 2 + 6;
    const y = -40 - sprite.label.height / 2;
    sprite.dot.clear();
    sprite.dot.fillStyle(0xffffff, 1).fillCircle(x, y, 5.5);
    sprite.dot.fillStyle(STATUS_COLOURS[status] ?? STATUS_COLOURS.available, 1).fillCircle(x, y, 4);
  }

  #setPosition(sprite, x, y) {
    sprite.container.setPosition(x, y);
    sprite.container.setDepth(1000 + y / 10000); // lower on the map is drawn in front
  }
}
