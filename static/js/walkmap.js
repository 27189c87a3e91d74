/**
 * A space's walkable grid and areas, read from its Tiled JSON map.
 * Same rules as venue/domain/maps.py, so the client refuses what the server would refuse.
 */

const GID_MASK = 0x1fffffff; // the top three bits of a gid are flip flags

/** Custom properties of a Tiled object, layer or tile as a plain object. */
export function propertiesOf(thing) {
  const props = {};
  for (const p of thing?.properties ?? []) props[p.name] = p.value;
  return props;
}

/** Replace base64 (optionally zlib/gzip) layer data by plain gid arrays, in place. */
export async function decodeLayers(mapJson) {
  for (const layer of allLayers(mapJson.layers)) {
    if (layer.type !== "tilelayer" || layer.encoding !== "base64") continue;
    let bytes = Uint8Array.from(atob(layer.data.trim()), (c) => c.charCodeAt(0));
    if (layer.compression) {
      const format = { zlib: "deflate", gzip: "gzip" }[layer.compression];
      if (!format) throw new Error(`layer ${layer.name}: ${layer.compression} is not supported`);
      const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream(format));
      bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    }
    const view = new DataView(bytes.buffer);
    layer.data = Array.from({ length: bytes.length / 4 }, (_, i) => view.getUint32(i * 4, true));
    delete layer.encoding;
    delete layer.compression;
  }
  return mapJson;
}

/** Every layer, with group layers flattened. */
function allLayers(layers, out = []) {
  for (const layer of layers ?? []) {
    if (layer.type === "group") allLayers(layer.layers, out);
    else out.push(layer);
  }
  return out;
}

export class WalkMap {
  /** Build from a Tiled JSON map whose layers hold plain gid arrays (see decodeLayers). */
  constructor(mapJson) {
    this.width = mapJson.width;
    this.height = mapJson.height;
    this.tileWidth = mapJson.tilewidth;
    this.tileHeight = mapJson.tileheight;
    this.blocked = new Uint8Array(this.width * this.height);
    this.areas = [];
    const collidingGids = collidingGidsOf(mapJson.tilesets ?? []);
    for (const layer of allLayers(mapJson.layers)) {
      if (layer.visible === false) continue;
      if (layer.type === "tilelayer") this.#block(layer, collidingGids);
      if (layer.type === "objectgroup") this.#collectAreas(layer);
    }
  }

  get pixelWidth() {
    return this.width * this.tileWidth;
  }

  get pixelHeight() {
    return this.height * this.tileHeight;
  }

  /** Door areas: those with an `exitUrl`. */
  get doors() {
    return this.areas.filter((a) => typeof a.properties.exitUrl === "string");
  }

  /** The tile column and row under a pixel position. */
  tileOf(x, y) {
    return [Math.floor(x / this.tileWidth), Math.floor(y / this.tileHeight)];
  }

  /** Whether the tile (tx, ty) is inside the map and not blocked. */
  tileWalkable(tx, ty) {
    return tx >= 0 && ty >= 0 && tx < this.width && ty < this.height && !this.blocked[ty * this.width + tx];
  }

  /** Whether an avatar's feet may stand at the pixel (x, y). */
  walkable(x, y) {
    if (x < 0 || y < 0 || x >= this.pixelWidth || y >= this.pixelHeight) return false;
    return this.tileWalkable(...this.tileOf(x, y));
  }

  /** Whether a straight walk touches no blocked tile (sampled like the server does). */
  pathClear(x0, y0, x1, y1) {
    const step = Math.min(this.tileWidth, this.tileHeight) / 4;
    const steps = Math.max(1, Math.ceil(Math.hypot(x1 - x0, y1 - y0) / step));
    for (let i = 0; i <= steps; i++) {
      if (!this.walkable(x0 + ((x1 - x0) * i) / steps, y0 + ((y1 - y0) * i) / steps)) return false;
    }
    return true;
  }

  /** The areas containing the pixel (x, y). */
  areasAt(x, y) {
    return this.areas.filter((a) => x >= a.x && y >= a.y && x < a.x + a.w && y < a.y + a.h);
  }

  #block(layer, collidingGids) {
    const wholeLayer = propertiesOf(layer).collides === true;
    layer.data.forEach((raw, i) => {
      const gid = raw & GID_MASK;
      if (gid && (wholeLayer || collidingGids.has(gid))) this.blocked[i] = 1;
    });
  }

  #collectAreas(layer) {
    for (const obj of layer.objects ?? []) {
      if ((obj.class ?? obj.type) !== "area" || obj.ellipse || obj.point || obj.polygon) continue;
      this.areas.push({
        name: obj.name ?? "",
        x: obj.x,
        y: obj.y,
        w: obj.width,
        h: obj.height,
        properties: propertiesOf(obj),
      });
    }
  }
}

/** Global tile ids whose tileset tile has `collides = true`. */
function collidingGidsOf(tilesets) {
  const gids = new Set();
  for (const tileset of tilesets) {
    for (const tile of tileset.tiles ?? []) {
      if (propertiesOf(tile).collides === true) gids.add(tileset.firstgid + tile.id);
    }
  }
  return gids;
}
