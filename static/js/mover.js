/**
 * Sends my position while I walk: the latest one every 50 ms at most (20 per second),
 * nothing while standing still, and only steps the server can verify as a straight clear line.
 */

export const MOVE_INTERVAL_MS = 50;

export class MoveSender {
  /** `move(x, y)` resolves with the wire's Result; `onRefused({x, y})` snaps me back. */
  constructor(move, onRefused) {
    this.move = move;
    this.onRefused = onRefused;
    this.walkMap = null;
    this.lastSent = null;
    this.trail = [];
    this.generation = 0;
    this.lastAck = Promise.resolve({ ok: true });
    this.timer = setInterval(() => this.flush(), MOVE_INTERVAL_MS);
  }

  /** A new map or a position decided by the server: forget what was pending. */
  reset(walkMap, x, y) {
    this.walkMap = walkMap;
    this.lastSent = { x, y };
    this.trail = [];
    this.generation += 1; // acks of moves sent before now no longer apply
    this.lastAck = Promise.resolve({ ok: true });
  }

  /** Record where my avatar is now (integer pixels). */
  push(x, y) {
    const last = this.trail.at(-1) ?? this.lastSent;
    if (last && last.x === x && last.y === y) return;
    this.trail.push({ x, y });
  }

  /** Send the furthest recorded position reachable in a straight line; resolves with its Result. */
  flush() {
    if (!this.trail.length || !this.lastSent || !this.walkMap) return this.lastAck;
    let index = this.trail.length - 1;
    const from = this.lastSent;
    while (index > 0 && !this.walkMap.pathClear(from.x, from.y, this.trail[index].x, this.trail[index].y)) {
      index -= 1;
    }
    const position = this.trail[index];
    this.trail = this.trail.slice(index + 1);
    this.lastSent = position;
    const generation = this.generation;
    this.lastAck = this.move(position.x, position.y).then((result) => {
      if (!result.ok && result.position && generation === this.generation) {
        this.reset(this.walkMap, result.position.x, result.position.y);
        this.onRefused(result.position);
      }
      return result;
    });
    return this.lastAck;
  }

  /** Stop the timer for good. */
  close() {
    clearInterval(this.timer);
  }
}
