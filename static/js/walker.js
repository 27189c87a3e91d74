/** My avatar's walking: keyboard direction or a path, at a fixed speed, never into a wall. */

export const WALK_SPEED = 160; // px/s; the server allows 240 px/s plus slack

export class Walker {
  /** Start at (x, y) on `walkMap`. */
  constructor(walkMap, x, y, speed = WALK_SPEED) {
    this.walkMap = walkMap;
    this.x = x;
    this.y = y;
    this.speed = speed;
    this.dir = { x: 0, y: 0 };
    this.path = [];
  }

  /** Whether the avatar walks now (keys held or a path left). */
  get moving() {
    return this.dir.x !== 0 || this.dir.y !== 0 || this.path.length > 0;
  }

  /** The position as sent on the wire: integer pixels. */
  get position() {
    return { x: Math.round(this.x), y: Math.round(this.y) };
  }

  /** Keyboard direction (each -1, 0 or 1); a key press cancels a click-to-move path. */
  setDirection(dx, dy) {
    this.dir = { x: dx, y: dy };
    if (dx || dy) this.path = [];
  }

  /** Follow pixel waypoints. */
  walkTo(points) {
    this.path = points.slice();
  }

  /** Stop, and stand at (x, y) if given (the server put me there). */
  stop(x = this.x, y = this.y) {
    this.path = [];
    this.dir = { x: 0, y: 0 };
    this.x = x;
    this.y = y;
  }

  /** Advance by `dt` seconds; returns whether the position changed. */
  step(dt) {
    const before = this.position;
    const distance = this.speed * Math.min(dt, 0.1); // a stalled frame must not teleport
    if (this.dir.x || this.dir.y) this.#stepDirection(distance);
    else if (this.path.length) this.#stepPath(distance);
    const after = this.position;
    return after.x !== before.x || after.y !== before.y;
  }

  #stepDirection(distance) {
    const length = Math.hypot(this.dir.x, this.dir.y);
    const nx = this.x + (this.dir.x / length) * distance;
    const ny = this.y + (this.dir.y / length) * distance;
    // Diagonal only when both axis neighbours are free too, so the straight line stays clear;
    // otherwise slide along the wall on the free axis.
    if (this.#free(nx, ny) && this.#free(nx, this.y) && this.#free(this.x, ny)) {
      this.x = nx;
      this.y = ny;
    } else if (this.dir.x && this.#free(nx, this.y)) {
      this.x = nx;
    } else if (this.dir.y && this.#free(this.x, ny)) {
      this.y = ny;
    }
  }

  #stepPath(distance) {
    let left = distance;
    while (left > 0 && this.path.length) {
      const target = this.path[0];
      const dx = target.x - this.x;
      const dy = target.y - this.y;
      const gap = Math.hypot(dx, dy);
      if (gap <= left) {
        this.x = target.x;
        this.y = target.y;
        this.path.shift();
        left -= gap;
      } else {
        const nx = this.x + (dx / gap) * left;
        const ny = this.y + (dy / gap) * left;
        if (!this.#free(nx, ny)) {
          this.path = [];
          return;
        }
        this.x = nx;
        this.y = ny;
        left = 0;
      }
    }
  }

  /** Walkable both as a float and as the integer position the server will see. */
  #free(x, y) {
    return this.walkMap.walkable(x, y) && this.walkMap.walkable(Math.round(x), Math.round(y));
  }
}
