/** Stand-ins for the browser's surroundings: a Socket.IO socket and Tiled maps built in code. */

import { Wire } from "../../static/js/wire/client.js";

/**
 * A Socket.IO client socket as the Wire uses it. What the client emits is recorded in `sent`;
 * `answer(event, fn)` makes the "server" acknowledge `event` with `fn(payload)`; `push` delivers
 * a server event; unanswered emits stay pending until `reply` or the Wire's timeout.
 */
export class FakeSocket {
  connected = true;
  sent = [];
  #handlers = new Map();
  #answers = new Map();

  on(event, fn) {
    if (!this.#handlers.has(event)) this.#handlers.set(event, []);
    this.#handlers.get(event).push(fn);
  }

  timeout(ms) {
    return {
      emitWithAck: (event, payload) =>
        new Promise((resolve, reject) => {
          const call = { event, payload, ms, resolve, reject };
          this.sent.push(call);
          const answer = this.#answers.get(event);
          if (answer) queueMicrotask(() => resolve(answer(payload)));
        }),
    };
  }

  connect() {
    this.connected = true;
    this.push("connect");
  }

  disconnect() {
    this.connected = false;
  }

  /** Acknowledge every later `event` with `fn(payload)`. */
  answer(event, fn) {
    this.#answers.set(event, fn);
  }

  /** Deliver a server event (or a lifecycle event: connect, disconnect, connect_error). */
  push(event, ...args) {
    for (const fn of this.#handlers.get(event) ?? []) fn(...args);
  }

  /** The payloads sent with `event`, oldest first. */
  payloads(event) {
    return this.sent.filter((call) => call.event === event).map((call) => call.payload);
  }
}

/** A Wire over a FakeSocket: `{wire, socket}`. */
export function fakeWire(options) {
  const socket = new FakeSocket();
  return { wire: new Wire(socket, options), socket };
}

/** Wait until every queued microtask and promise callback has run. */
export function settle() {
  return new Promise((resolve) => {
    setImmediate(resolve);
  });
}

/** A Tiled rectangle object of class area, one 32 px tile at tile (x, y). */
export function areaObject(name, x, y, props = {}, extra = {}) {
  return {
    id: 1,
    name,
    class: "area",
    x: x * 32,
    y: y * 32,
    width: 32,
    height: 32,
    rotation: 0,
    visible: true,
    properties: Object.entries(props).map(([key, value]) => ({ name: key, type: typeof value === "boolean" ? "bool" : "string", value })),
    ...extra,
  };
}

/**
 * A small Tiled map: one csv tile layer of `data` (gid 2 collides), a floorLayer with
 * `objects`, an embedded two-tile tileset; `rows` like ["..#.", "...."] make `data`.
 */
export function tiledMap({ rows = ["....", "....", "...."], objects = [areaObject("start", 0, 0, { start: true })] } = {}) {
  const height = rows.length;
  const width = rows[0].length;
  return {
    type: "map",
    orientation: "orthogonal",
    width,
    height,
    tilewidth: 32,
    tileheight: 32,
    infinite: false,
    layers: [
      { id: 1, name: "ground", type: "tilelayer", width, height, x: 0, y: 0, opacity: 1, visible: true, data: rows.join("").split("").map((c) => (c === "#" ? 2 : 1)) },
      { id: 2, name: "floorLayer", type: "objectgroup", opacity: 1, visible: true, x: 0, y: 0, objects },
    ],
    tilesets: [
      {
        firstgid: 1,
        name: "plain",
        columns: 2,
        tilecount: 2,
        tilewidth: 32,
        tileheight: 32,
        tiles: [{ id: 1, properties: [{ name: "collides", type: "bool", value: true }] }],
      },
    ],
  };
}
