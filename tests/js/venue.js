/** A welcomed venue for model tests: a Wire over a FakeSocket, the VenueState and its SpaceMaps. */

import { SpaceMaps } from "../../static/js/maps.js";
import { Outbound } from "../../static/js/protocol.js";
import { VenueState } from "../../static/js/state.js";
import { fakeWire, settle } from "./fakes.js";

export const person = (id, extra = {}) => ({ id, name: extra.name ?? id, role: "participant", space: "exhibition", x: 16, y: 16, status: "available", ...extra });
const space = (id, kind) => ({ id, kind, name: { de: id, en: id }, capacity: 50, count: 0, map_url: `/maps/${id}.json`, meeting: null, meetings: [] });

export const SPACES = [space("lobby", "lobby"), space("exhibition", "exhibition"), space("plenary", "plenary"), space("bar", "bar")];

/**
 * A venue where I (`me`, with `role`) am welcomed into `at`; `maps` maps a map URL to its
 * Tiled JSON. Returns {wire, socket, state, maps, welcome(at), moveTo(space)}.
 */
export function venue({ me = "me", role = "participant", at = "exhibition", maps: mapJson = {} } = {}) {
  const { wire, socket } = fakeWire();
  const state = new VenueState();
  const maps = new SpaceMaps(async (url) => structuredClone(mapJson[url] ?? { width: 1, height: 1, tilewidth: 32, tileheight: 32, layers: [], tilesets: [] }));
  wire.on("welcome", (welcome) => state.applyWelcome(welcome));
  wire.on("snapshot", (snapshot) => state.applySnapshot(snapshot));
  const self = (where) => person(me, { role, space: where, name: "Me" });
  return {
    wire,
    socket,
    state,
    maps,
    /** The welcome of a (re)connect, into space `where`. */
    welcome(where = at) {
      socket.push(Outbound.WELCOME, { venue: "v", title: { de: "V", en: "V" }, spaces: SPACES, snapshot: { space: where, me: self(where), people: [self(where)] }, tick_hz: 10, time_zone: "Europe/Berlin" });
      return settle();
    },
    /** The server put me into `where`. */
    moveTo(where) {
      socket.push(Outbound.SNAPSHOT, { space: where, me: self(where), people: [self(where)] });
      return settle();
    },
    /** Follow the maps (after the models subscribed, as main.js does). */
    followMaps() {
      maps.follow(state);
    },
  };
}

/** Every `name` event `emitter` emits, in order. */
export function record(emitter, ...names) {
  const seen = [];
  for (const name of names) emitter.on(name, (detail) => seen.push([name, detail]));
  return seen;
}
