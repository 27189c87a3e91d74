/**
 * My movement in the current space: keys and taps drive the walker, positions go to the
 * server through the MoveSender, and stepping into a door uses it (once per entering).
 */

import { findPath } from "./path.js";
import { Walker } from "./walker.js";

const FOLLOW_REMOTE_AFTER_MS = 1000; // my own echoed moves only count once I stand still

export class Navigation {
  /**
   * `keyboard`: a KeyboardDirection; `mover`: a MoveSender; `place(x, y)`: draw my avatar;
   * `moved(x, y)`: tell the model; `useDoor(area)`: resolves with the door's Result.
   */
  constructor({ keyboard, mover, place, moved, useDoor }) {
    Object.assign(this, { keyboard, mover, place, moved, useDoor });
    this.walker = null;
    this.walkMap = null;
    this.insideDoors = new Set();
    this.busy = false;
    this.lastLocalMove = 0;
  }

  /** A new space is on screen: walk on `walkMap`, starting at (x, y). */
  enter(walkMap, x, y) {
    this.walkMap = walkMap;
    this.walker = new Walker(walkMap, x, y);
    this.mover.reset(walkMap, x, y);
    // Arriving inside a door (an entry next to it) must not send me straight back.
    this.insideDoors = new Set(walkMap.doors.filter((d) => contains(d, x, y)).map((d) => d.name));
    this.busy = false;
  }

  /** One animation frame of `dt` seconds. */
  frame(dt) {
    if (!this.walker || this.busy) return;
    const { x: dx, y: dy } = this.keyboard.direction;
    if (dx !== this.walker.dir.x || dy !== this.walker.dir.y) this.walker.setDirection(dx, dy);
    if (!this.walker.step(dt)) return;
    const { x, y } = this.walker.position;
    this.lastLocalMove = performance.now();
    this.place(x, y);
    this.moved(x, y);
    this.mover.push(x, y);
    this.#checkDoors(x, y);
  }

  /** Walk to a tapped point along the shortest free path. */
  tap(x, y) {
    if (!this.walker || this.busy) return;
    const from = this.walker.position;
    this.walker.walkTo(findPath(this.walkMap, from.x, from.y, x, y));
  }

  /** Walk to a free spot next to (x, y) (someone standing there); false without a map. */
  approach(x, y) {
    if (!this.walker || this.busy) return false;
    const from = this.walker.position;
    const spot = besideSpot(this.walkMap, x, y, from);
    if (!spot) return false;
    if (Math.hypot(spot.x - from.x, spot.y - from.y) > 2) {
      this.walker.walkTo(findPath(this.walkMap, from.x, from.y, spot.x, spot.y));
    }
    return true;
  }

  /** The server put me at (x, y) (a refused move): stand there. */
  snap(x, y) {
    if (!this.walker) return;
    this.walker.stop(x, y);
    this.place(x, y);
    this.moved(x, y);
  }

  /** Another tab of mine walked: follow it unless I am walking here myself. */
  followRemote(x, y) {
    if (!this.walker || this.walker.moving || this.busy) return;
    if (performance.now() - this.lastLocalMove < FOLLOW_REMOTE_AFTER_MS) return;
    this.walker.stop(x, y);
    this.mover.reset(this.walkMap, x, y);
    this.place(x, y);
    this.moved(x, y);
  }

  async #checkDoors(x, y) {
    const here = this.walkMap.doors.filter((d) => contains(d, x, y));
    const entered = here.find((d) => !this.insideDoors.has(d.name));
    this.insideDoors = new Set(here.map((d) => d.name));
    if (!entered) return;
    this.busy = true;
    this.walker.stop();
    // The server checks that I stand in the door: it must have my position first.
    const moved = await this.mover.flush();
    const result = moved.ok ? await this.useDoor(entered) : moved;
    // On success the new space's map arrives and enter() clears `busy`.
    if (!result.ok) this.busy = false;
  }
}

/** The walkable spot one tile beside (x, y) nearest to `from` (null: none is free). */
export function besideSpot(walkMap, x, y, from) {
  const tw = walkMap.tileWidth;
  const th = walkMap.tileHeight;
  const around = [[0, th], [-tw, 0], [tw, 0], [0, -th], [-tw, th], [tw, th], [-tw, -th], [tw, -th]];
  const spots = around
    .map(([dx, dy]) => ({ x: Math.round(x + dx), y: Math.round(y + dy) }))
    .filter((spot) => walkMap.walkable(spot.x, spot.y));
  const distance = (spot) => Math.hypot(spot.x - from.x, spot.y - from.y);
  spots.sort((a, b) => distance(a) - distance(b));
  return spots[0] ?? null;
}

function contains(area, x, y) {
  return x >= area.x && y >= area.y && x < area.x + area.w && y < area.y + area.h;
}
