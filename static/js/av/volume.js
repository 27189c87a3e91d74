/**
 * How loud someone in a call sounds, from where the two of us stand: full within a tile and a
 * half, falling with distance to a murmur at the group's edge, each wall between us damping it,
 * and panned left or right by direction. Pure functions: the mixer applies them.
 */

/** Tiles within which one hears a person at full volume. */
export const NEAR_TILES = 1.5;
/** Tiles at which the volume has fallen to FAR_GAIN (a nearby group reaches about 3). */
export const FAR_TILES = 5;
export const FAR_GAIN = 0.1;
/** What one wall tile between two people leaves of the volume; at most MAX_WALLS count. */
export const WALL_DAMPING = 0.4;
export const MAX_WALLS = 3;

/**
 * The gain (0–1) for a person `distance` pixels away with `walls` blocked tiles between us;
 * `tile` is the tile size in pixels.
 */
export function gainAt(distance, tile, walls = 0) {
  const tiles = distance / tile;
  let gain;
  if (tiles <= NEAR_TILES) gain = 1;
  else if (tiles >= FAR_TILES) gain = FAR_GAIN;
  else gain = 1 - ((1 - FAR_GAIN) * (tiles - NEAR_TILES)) / (FAR_TILES - NEAR_TILES);
  return gain * WALL_DAMPING ** Math.min(walls, MAX_WALLS);
}

/** Stereo pan (-0.7 left … 0.7 right) of someone `dx` pixels to my right. */
export function panFor(dx, tile) {
  return Math.max(-0.7, Math.min(0.7, dx / (FAR_TILES * tile)));
}

/**
 * The number of blocked tiles a straight line from `a` to `b` crosses on `walk` (a WalkMap),
 * each counted once; the two people's own tiles do not count.
 */
export function wallsBetween(walk, a, b) {
  const tile = Math.min(walk.tileWidth, walk.tileHeight);
  const steps = Math.max(1, Math.ceil((2 * Math.hypot(b.x - a.x, b.y - a.y)) / tile));
  const ends = new Set([walk.tileOf(a.x, a.y).join(), walk.tileOf(b.x, b.y).join()]);
  const seen = new Set();
  for (let i = 1; i < steps; i++) {
    const [tx, ty] = walk.tileOf(a.x + ((b.x - a.x) * i) / steps, a.y + ((b.y - a.y) * i) / steps);
    const key = `${tx},${ty}`;
    if (ends.has(key) || seen.has(key)) continue;
    seen.add(key);
  }
  let walls = 0;
  for (const key of seen) {
    const [tx, ty] = key.split(",").map(Number);
    if (!walk.tileWalkable(tx, ty)) walls += 1;
  }
  return walls;
}

/** The gain and pan of `them` as heard by `me` ({x, y} each) on `walk`, times `volume` (0–1). */
export function hearing(walk, me, them, volume = 1) {
  const tile = Math.min(walk.tileWidth, walk.tileHeight);
  const distance = Math.hypot(them.x - me.x, them.y - me.y);
  return {
    gain: gainAt(distance, tile, wallsBetween(walk, me, them)) * volume,
    pan: panFor(them.x - me.x, tile),
  };
}
