/**
 * A space's walkable grid and areas, read from its Tiled JSON map.
 * Same rules as venue/venuefile/tiled.py and venue/domain/maps.py, so the client refuses what
 * the server would refuse; tests/client/test_walkmap_parity.py holds the two side by side.
 */

const GID_MASK = 0x0fffffff; // the top four bits of a gid are flip and rotation flags

/** What an area is, by its properties, in the server's order of precedence (AreaKind). */
export const AreaKind = Object.freeze({
  DOOR: "door",
  ENTRY: "entry",
  BOOTH: "booth",
  STAGE: "stage",
  TABLE: "table",
  SILENT: "silent",
  OTHER: "other",
});

/** Custom properties of a Tiled object, layer or tile as a plain object. */
export function propertiesOf(thing) {
  const props = {};
  for (const p of thing?.properties ?? []) props[p.name] = p.value;
  return props;
}

/** The kind of an area with `properties` (venue.domain.maps.Area.kind). */
export function kindOf(properties) {
  if (typeof properties.exitUrl === "string") return AreaKind.DOOR;
  if (properties.start === true) return AreaKind.ENTRY;
  if ("booth" in properties) return AreaKind.BOOTH;
  if (properties.stage === true) return AreaKind.STAGE;
  if ("table" in properties) return AreaKind.TABLE;
  if (properties.silent === true) return AreaKind.SILENT;
  return AreaKind.OTHER;
}

/** Replace base64 (optionally zlib/gzip) layer data by plain gid arrays, in place. */
export async function decodeLayers(mapJson) {
  for (const { layer } of allLayers(mapJson.layers)) {
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

/** Every leaf layer with its visibility and pixel offset, group layers flattened. */
function allLayers(layers, parent = { visible: true, dx: 0, dy: 0 }, out = []) {
  for (const layer of layers ?? []) {
    const visible = parent.visible && layer.visible !== false;
    const dx = parent.dx + (layer.offsetx ?? 0);
    const dy = parent.dy + (layer.offsety ?? 0);
    if (layer.type === "group") allLayers(layer.layers, { visible, dx, dy }, out);
    else out.push({ layer, visible, dx, dy });
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
    /** Walkable tiles holding a chair (a tile with `seat = true`) on a visible layer. */
    this.seats = new Uint8Array(this.width * this.height);
    /** @type {Array<{name: string, x: number, y: number, w: number, h: number, kind: string, properties: object}>} */
    this.areas = [];
    const collidingGids = gidsWith(mapJson.tilesets ?? [], "collides");
    const seatGids = gidsWith(mapJson.tilesets ?? [], "seat");
    for (const { layer, visible, dx, dy } of allLayers(mapJson.layers)) {
      if (layer.type === "tilelayer") this.#block(layer, visible, collidingGids);
      if (layer.type === "tilelayer" && visible) this.#seat(layer, seatGids);
      // areas are invisible meta objects: hidden object layers count too
      if (layer.type === "objectgroup") this.#collectAreas(layer, dx, dy);
    }
    for (let i = 0; i < this.seats.length; i++) if (this.blocked[i]) this.seats[i] = 0;
  }

  get pixelWidth() {
    return this.width * this.tileWidth;
  }

  get pixelHeight() {
    return this.height * this.tileHeight;
  }

  /** The areas of one kind (AreaKind), in map order. */
  areasOf(kind) {
    return this.areas.filter((a) => a.kind === kind);
  }

  /** Door areas: those with an `exitUrl`. */
  get doors() {
    return this.areasOf(AreaKind.DOOR);
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
    return this.areas.filter((a) => contains(a, x, y));
  }

  #block(layer, visible, collidingGids) {
    // A layer declaring `collides` is a collision mask, often hidden in the editor.
    const wholeLayer = propertiesOf(layer).collides === true;
    if (!visible && !wholeLayer) return;
    const cells = Math.min(layer.data.length, this.blocked.length);
    for (let i = 0; i < cells; i++) {
      const gid = layer.data[i] & GID_MASK;
      if (gid && (wholeLayer || collidingGids.has(gid))) this.blocked[i] = 1;
    }
  }

  #seat(layer, seatGids) {
    const cells = Math.min(layer.data.length, this.seats.length);
    for (let i = 0; i < cells; i++) if (seatGids.has(layer.data[i] & GID_MASK)) this.seats[i] = 1;
  }

  #collectAreas(layer, dx, dy) {
    for (const obj of layer.objects ?? []) {
      if ((obj.class ?? obj.type) !== "area" || !isRectangle(obj)) continue;
      const name = obj.name ?? "";
      // the server refuses these (and the whole venue with a nameless or duplicate one)
      if (obj.rotation || !(obj.width > 0 && obj.height > 0) || !name.trim()) continue;
      if (this.areas.some((a) => a.name === name)) continue;
      const properties = propertiesOf(obj);
      this.areas.push({ name, x: obj.x + dx, y: obj.y + dy, w: obj.width, h: obj.height, kind: kindOf(properties), properties });
    }
  }
}

/** Whether the area rectangle {x, y, w, h} contains the pixel (x, y). */
export function contains(area, x, y) {
  return x >= area.x && y >= area.y && x < area.x + area.w && y < area.y + area.h;
}

/** Plain rectangles only: no ellipse, point, polygon, polyline, tile or text object. */
function isRectangle(obj) {
  return !(obj.ellipse || obj.point || obj.polygon || obj.polyline || obj.text || obj.gid !== undefined);
}

/** Global tile ids whose tileset tile has the property `name` set to true (collides, seat). */
function gidsWith(tilesets, name) {
  const gids = new Set();
  for (const tileset of tilesets) {
    for (const tile of tileset.tiles ?? []) {
      if (propertiesOf(tile)[name] === true) gids.add(tileset.firstgid + tile.id);
    }
  }
  return gids;
}
