/**
 * The maps of the spaces: each is fetched and parsed once, and the map of the space I am in
 * is handed to everyone who needs it (map view and walking, booth signs, tables).
 */

import { Emitter } from "./emitter.js";
import { AreaKind, WalkMap, decodeLayers } from "./walkmap.js";

/** A space's map as its users need it. */
export class SpaceMap {
  /** From a decoded Tiled JSON map (see decodeLayers). */
  constructor(json) {
    /** The Tiled JSON, for the map view (which must be given a copy: Phaser changes it). */
    this.json = json;
    this.walk = new WalkMap(json);
    /** Door areas, {name, x, y, w, h, properties.exitUrl}. */
    this.doors = this.walk.doors;
    /** Booth areas: {id (the booth), area, x, y, w, h}. */
    this.booths = this.walk.areasOf(AreaKind.BOOTH).map((a) => ({ id: String(a.properties.booth), ...rectOf(a) }));
    /** Table areas: {area, label ("Tisch 1"), x, y, w, h}. */
    this.tables = this.walk.areasOf(AreaKind.TABLE).map((a) => ({ label: String(a.properties.table || a.name), ...rectOf(a) }));
  }
}

const rectOf = ({ name, x, y, w, h }) => ({ area: name, x, y, w, h });

/** GET a map's JSON (same origin, with the session cookie). */
async function fetchJson(url) {
  const response = await fetch(url, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/**
 * Loads maps once per URL and follows the space I am in. Emits "map" with
 * `{space, map}` when the map of my (new) space is ready, `{space, map: null, error}` when it
 * cannot be had.
 */
export class SpaceMaps extends Emitter {
  #loaded = new Map(); // url -> Promise<SpaceMap>
  #fetch;
  #venue = null;
  /** The last "map" emitted: the map of the space I am in, once it is ready. */
  current = null;

  /** `fetchMap(url)` resolves with a map's JSON (tests give their own). */
  constructor(fetchMap = fetchJson) {
    super();
    this.#fetch = fetchMap;
  }

  /** The parsed map at `url`, fetched on the first call (again after a failure). */
  load(url) {
    if (!this.#loaded.has(url)) {
      const loading = this.#fetch(url).then(decodeLayers).then((json) => new SpaceMap(json));
      loading.catch(() => this.#loaded.delete(url)); // retry on the next visit
      this.#loaded.set(url, loading);
    }
    return this.#loaded.get(url);
  }

  /** Load the map of every space `venue` (a VenueState) puts me in. */
  follow(venue) {
    this.#venue = venue;
    venue.on("space", () => this.refresh());
  }

  /** Emit "map" for the space I am in (fetching its map again if that failed before). */
  refresh() {
    const venue = this.#venue;
    this.current = null;
    if (venue?.currentSpace) this.#show(venue, venue.currentSpace);
  }

  async #show(venue, space) {
    let event;
    try {
      event = { space: space.id, map: await this.load(space.mapUrl) };
    } catch (error) {
      event = { space: space.id, map: null, error };
    }
    if (venue.spaceId !== space.id) return; // I moved on meanwhile
    this.current = event;
    this.emit("map", event);
  }
}
