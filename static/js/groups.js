/**
 * My nearby group or table: who I talk with, who joined and left, and the tables of my space
 * where I can take a seat without walking (list mode). No DOM: the view (ui/groups.js) draws it.
 *
 * Events: "talk" (who I talk with changed), "news" ({kind, names}: kind is "joinedMe",
 * "leftMe", "joined" or "left"), "group" (the GroupUpdate with `tableLabel`, for the chat and
 * the map; an empty one when I changed space), "tables" (my space's tables changed).
 */

import { Emitter } from "./emitter.js";

export class GroupsState extends Emitter {
  /** @type {import("./wire/payloads.js").GroupUpdate | null} The latest update of my space. */
  update = null;
  /** Table areas of my space's map: [{area, label, x, y, w, h}]. */
  tables = [];
  #wire;
  #venue;

  /** Follow `wire` (group.update), `venue` (the VenueState) and `maps` (the SpaceMaps: tables). */
  constructor({ wire, venue, maps }) {
    super();
    this.#wire = wire;
    this.#venue = venue;
    wire.on("groupUpdate", (update) => this.#apply(update));
    venue.on("space", ({ space }) => {
      // the old space's group is over; its "left" update may come after the new snapshot
      this.update = null;
      this.tables = [];
      this.emit("talk");
      this.emit("group", { space: space?.id ?? null, group: null, channel: null, table: null, tableLabel: null, members: [], joined: [], left: [] });
      this.emit("tables");
    });
    maps.on("map", ({ map }) => {
      this.tables = map?.tables ?? [];
      this.emit("tables");
    });
  }

  /** The others of my group or table (not me). */
  get others() {
    const me = this.#venue.me?.id;
    return (this.update?.members ?? []).filter((m) => m.id !== me);
  }

  /** Whether I talk with anyone now. */
  get talking() {
    return Boolean(this.update?.group) && this.others.length > 0;
  }

  /** The label of the table area `area` ("Tisch 1"), or the area's name. */
  tableLabel(area) {
    return this.tables.find((table) => table.area === area)?.label ?? area;
  }

  /** Take a seat at the table `area` (the server finds a free spot); resolves with the Result. */
  async sitAt(area) {
    const result = await this.#wire.sitAt(area);
    if (result.ok) this.#venue.snapMe(result.value.x, result.value.y);
    return result;
  }

  #apply(update) {
    if (update.space !== this.#venue.spaceId) return;
    const me = this.#venue.me?.id;
    const names = (people) => people.filter((m) => m.id !== me).map((m) => m.name);
    const iJoined = update.joined.some((m) => m.id === me);
    const iLeft = update.left.some((m) => m.id === me) && !update.group;
    this.update = update;
    this.emit("talk");
    const others = names(update.members);
    if (iJoined && others.length) this.emit("news", { kind: "joinedMe", names: others });
    else if (iLeft) this.emit("news", { kind: "leftMe", names: [] });
    else {
      if (names(update.joined).length) this.emit("news", { kind: "joined", names: names(update.joined) });
      if (names(update.left).length) this.emit("news", { kind: "left", names: names(update.left) });
    }
    this.emit("group", { ...update, tableLabel: update.table ? this.tableLabel(update.table) : null });
  }
}
