/** A* on a WalkMap's tiles: 8 directions, never cutting a blocked corner. */

const STEPS = [
  [1, 0, 1], [-1, 0, 1], [0, 1, 1], [0, -1, 1],
  [1, 1, Math.SQRT2], [1, -1, Math.SQRT2], [-1, 1, Math.SQRT2], [-1, -1, Math.SQRT2],
];
const MAX_VISITS = 20000; // a bound for pathological maps; the seed maps have < 1000 tiles

/**
 * Pixel waypoints (tile centres) from (x, y) to the walkable tile nearest to (goalX, goalY),
 * the last one being the clicked point itself when it is walkable; [] when unreachable.
 */
export function findPath(walkMap, x, y, goalX, goalY) {
  const start = walkMap.tileOf(x, y);
  const goal = nearestWalkable(walkMap, ...walkMap.tileOf(goalX, goalY));
  if (!goal || !walkMap.tileWalkable(...start)) return [];
  const tiles = aStar(walkMap, start, goal);
  if (!tiles) return [];
  const centre = ([tx, ty]) => ({
    x: Math.round((tx + 0.5) * walkMap.tileWidth),
    y: Math.round((ty + 0.5) * walkMap.tileHeight),
  });
  const points = tiles.slice(1).map(centre);
  if (walkMap.walkable(goalX, goalY) && key(walkMap, goal) === key(walkMap, walkMap.tileOf(goalX, goalY))) {
    points.push({ x: Math.round(goalX), y: Math.round(goalY) });
  }
  return points;
}

function key(walkMap, [tx, ty]) {
  return ty * walkMap.width + tx;
}

function aStar(walkMap, start, goal) {
  const goalKey = key(walkMap, goal);
  const heuristic = ([tx, ty]) => Math.hypot(tx - goal[0], ty - goal[1]);
  const open = [{ tile: start, f: heuristic(start) }];
  const cost = new Map([[key(walkMap, start), 0]]);
  const cameFrom = new Map();
  let visits = 0;
  while (open.length && visits++ < MAX_VISITS) {
    // A linear scan is fine at venue map sizes and keeps this free of a heap implementation.
    let best = 0;
    for (let i = 1; i < open.length; i++) if (open[i].f < open[best].f) best = i;
    const { tile } = open.splice(best, 1)[0];
    const tileKey = key(walkMap, tile);
    if (tileKey === goalKey) return unwind(walkMap, cameFrom, tile);
    for (const [dx, dy, stepCost] of STEPS) {
      const next = [tile[0] + dx, tile[1] + dy];
      if (!walkMap.tileWalkable(...next)) continue;
      if (dx && dy && !(walkMap.tileWalkable(tile[0] + dx, tile[1]) && walkMap.tileWalkable(tile[0], tile[1] + dy))) continue;
      const nextKey = key(walkMap, next);
      const nextCost = cost.get(tileKey) + stepCost;
      if (nextCost >= (cost.get(nextKey) ?? Infinity)) continue;
      cost.set(nextKey, nextCost);
      cameFrom.set(nextKey, tile);
      open.push({ tile: next, f: nextCost + heuristic(next) });
    }
  }
  return null;
}

function unwind(walkMap, cameFrom, tile) {
  const tiles = [tile];
  let current = tile;
  while (cameFrom.has(key(walkMap, current))) {
    current = cameFrom.get(key(walkMap, current));
    tiles.unshift(current);
  }
  return tiles;
}

/** The walkable tile nearest to (tx, ty), searching rings outwards. */
function nearestWalkable(walkMap, tx, ty) {
  if (walkMap.tileWalkable(tx, ty)) return [tx, ty];
  const limit = Math.max(walkMap.width, walkMap.height);
  for (let r = 1; r < limit; r++) {
    for (let y = ty - r; y <= ty + r; y++) {
      for (let x = tx - r; x <= tx + r; x++) {
        if (Math.max(Math.abs(x - tx), Math.abs(y - ty)) === r && walkMap.tileWalkable(x, y)) return [x, y];
      }
    }
  }
  return null;
}
