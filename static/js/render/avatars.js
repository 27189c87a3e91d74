/**
 * Avatars on the map: the person's character from the sprite sheet (their look), facing
 * where they walk and stepping while they do, the name above, a status dot, and emotes in
 * a bubble. Remote avatars glide toward the latest position the server sent.
 * Uses only the scene's factories, so this module does not import Phaser itself.
 */

import { declutter } from "../labels.js";
import { EMOTE_FRAMES, EMOTE_SIZE, facing, lookOf, lookRow, walkFrame } from "../looks.js";
import { Emote } from "../protocol.js";
import { WALK_SPEED } from "../walker.js";

export const AVATAR_SHEET = "/static/img/avatars.png";
export const EMOTE_SHEET = "/static/img/emotes.png";
const LABEL_Y = -46;
const EMOTE_SECONDS = 4; // a wave or applause shows this long
const STILL_MS = 160; // no movement for this long: standing
const DECLUTTER_MS = 250; // names are sorted out a few times a second, not every frame

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

/**
 * How far (px) a remote avatar `gap` px from its latest position glides in `dt` seconds: it
 * covers the gap in about one server tick (1 / `tickHz` s), but never slower than walking.
 */
export function glideStep(gap, dt, tickHz) {
  return Math.min(gap, Math.max(WALK_SPEED, (gap * tickHz) / GLIDE_TICKS) * dt);
}

export class Avatars {
  /** Draw avatars into `scene`. */
  constructor(scene) {
    this.scene = scene;
    this.sprites = new Map();
    this.tickHz = 10; // the server's presence ticks per second (venue.welcome)
    this.meId = null;
    this.decluttered = 0;
  }

  /** Show the names that do not overlap (with "+n" for the others there), mine always; far
   * and hidden names show while the pointer is over their avatar. */
  declutter() {
    const people = [...this.sprites].map(([id, s]) => ({ id, x: s.container.x, y: s.container.y, w: s.label.width }));
    const decided = declutter(people, this.meId);
    // how many names the map shows of how many people: for tests and diagnostics
    const map = this.scene.game?.canvas?.closest?.("#map");
    if (map) map.dataset.names = `${[...decided.values()].filter((d) => d.shown).length}/${people.length}`;
    for (const [id, { shown, more }] of decided) {
      const sprite = this.sprites.get(id);
      const text = more ? `${sprite.name} +${more}` : sprite.name;
      if (sprite.label.text !== text) {
        sprite.label.setText(text);
        this.#drawStatus(sprite, sprite.status);
      }
      sprite.shown = shown;
      const visible = shown || sprite.hover;
      sprite.label.setVisible(visible);
      sprite.dot.setVisible(visible);
    }
  }

  /** The container of a person's avatar (the camera follows mine). */
  get(id) {
    return this.sprites.get(id)?.container;
  }

  /** Make the avatars match `people` (add, remove, update status, look, hand); `meId` gets a ring. */
  sync(people, meId) {
    this.meId = meId;
    const seen = new Set();
    for (const person of people) {
      seen.add(person.id);
      const sprite = this.sprites.get(person.id);
      if (!sprite) {
        this.#add(person, person.id === meId);
        continue;
      }
      if (sprite.status !== person.status) this.#drawStatus(sprite, person.status);
      sprite.row = lookRow(lookOf(person));
      sprite.hand = Boolean(person.hand);
      this.#drawFrame(sprite);
      this.#drawEmote(sprite);
    }
    for (const id of this.sprites.keys()) if (!seen.has(id)) this.remove(id);
  }

  /** Show an emote over a person's avatar (a raised hand stays until it is lowered). */
  emote(id, emote) {
    const sprite = this.sprites.get(id);
    if (!sprite) return;
    if (emote === Emote.HAND || emote === Emote.HAND_DOWN) sprite.hand = emote === Emote.HAND;
    else sprite.passing = { emote, until: this.scene.time.now + EMOTE_SECONDS * 1000 };
    this.#drawEmote(sprite);
  }

  /** The id of the person whose figure or name is at map point (x, y), front-most first; not `exceptId`. */
  personAt(x, y, exceptId) {
    let found = null;
    for (const [id, sprite] of this.sprites) {
      if (id === exceptId) continue;
      const { x: cx, y: cy } = sprite.container;
      const onFigure = Math.abs(x - cx) <= 13 && y >= cy - 44 && y <= cy + 4;
      const { width, height } = sprite.label;
      const onName = Math.abs(x - cx) <= width / 2 && y >= cy + LABEL_Y - height && y <= cy + LABEL_Y;
      if ((onFigure || onName) && (!found || cy > found.y)) found = { id, y: cy };
    }
    return found?.id ?? null;
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

  /** Advance gliding, walking steps and passing emotes by `dt` seconds. */
  update(dt) {
    const now = this.scene.time.now;
    if (now - this.decluttered > DECLUTTER_MS) {
      this.decluttered = now;
      this.declutter();
    }
    for (const sprite of this.sprites.values()) {
      if (sprite.moving && now - sprite.movedAt > STILL_MS) {
        sprite.moving = false;
        this.#drawFrame(sprite);
      }
      if (sprite.passing && now > sprite.passing.until) {
        sprite.passing = null;
        this.#drawEmote(sprite);
      }
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
    const shadow = scene.add.graphics();
    shadow.fillStyle(0x000000, 0.22).fillEllipse(0, 0, 24, 9);
    if (isMe) shadow.lineStyle(2, 0xffffff, 0.95).strokeEllipse(0, 0, 30, 12);
    const figure = scene.add.image(0, 3, "avatars", 0).setOrigin(0.5, 1);
    const label = scene.add.text(0, LABEL_Y, person.name, LABEL_STYLE).setOrigin(0.5, 1);
    const dot = scene.add.graphics();
    const bubble = scene.add.image(0, LABEL_Y - 16, "emotes", 0).setOrigin(0.5, 1).setVisible(false);
    bubble.setDisplaySize(EMOTE_SIZE, EMOTE_SIZE);
    const container = scene.add.container(person.x, person.y, [shadow, figure, label, dot, bubble]);
    const sprite = {
      container,
      figure,
      label,
      dot,
      bubble,
      status: null,
      tx: person.x,
      ty: person.y,
      row: lookRow(lookOf(person)),
      facing: "down",
      walked: 0,
      moving: false,
      movedAt: 0,
      hand: Boolean(person.hand),
      passing: null,
      name: person.name,
      shown: true,
      hover: false,
    };
    // a hidden name shows while the pointer is over the avatar
    figure.setInteractive();
    figure.on("pointerover", () => {
      sprite.hover = true;
      label.setVisible(true);
      dot.setVisible(true);
    });
    figure.on("pointerout", () => {
      sprite.hover = false;
      label.setVisible(sprite.shown);
      dot.setVisible(sprite.shown);
    });
    this.#drawStatus(sprite, person.status);
    this.#setPosition(sprite, person.x, person.y);
    this.#drawFrame(sprite);
    this.#drawEmote(sprite);
    this.sprites.set(person.id, sprite);
  }

  #drawFrame(sprite) {
    sprite.figure.setFrame(walkFrame(sprite.row, sprite.facing, sprite.walked, sprite.moving));
  }

  #drawEmote(sprite) {
    const emote = sprite.passing?.emote ?? (sprite.hand ? Emote.HAND : null);
    sprite.bubble.setVisible(emote !== null);
    if (emote !== null) sprite.bubble.setFrame(EMOTE_FRAMES[emote]);
  }

  #drawStatus(sprite, status) {
    sprite.status = status;
    const x = sprite.label.width / 2 + 6;
    const y = LABEL_Y - sprite.label.height / 2;
    sprite.dot.clear();
    sprite.dot.fillStyle(0xffffff, 1).fillCircle(x, y, 5.5);
    sprite.dot.fillStyle(STATUS_COLOURS[status] ?? STATUS_COLOURS.available, 1).fillCircle(x, y, 4);
  }

  #setPosition(sprite, x, y) {
    const dx = x - sprite.container.x;
    const dy = y - sprite.container.y;
    const step = Math.hypot(dx, dy);
    if (step > 0.01 && step <= SNAP_DISTANCE) {
      sprite.facing = facing(dx, dy, sprite.facing);
      sprite.walked += step;
      sprite.moving = true;
      sprite.movedAt = this.scene.time.now;
      this.#drawFrame(sprite);
    }
    sprite.container.setPosition(x, y);
    sprite.container.setDepth(1000 + y / 10000); // lower on the map is drawn in front
  }
}
