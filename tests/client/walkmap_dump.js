// The browser client's reading of Tiled maps, for test_walkmap_parity.py: reads {name: map
// JSON as the browser gets it} on stdin, writes {name: what walkmap.js and maps.js make of it}.
import { text } from "node:stream/consumers";

import { SpaceMap } from "../../static/js/maps.js";
import { decodeLayers } from "../../static/js/walkmap.js";

const maps = JSON.parse(await text(process.stdin));
const out = {};
for (const [name, json] of Object.entries(maps)) {
  const map = new SpaceMap(await decodeLayers(json));
  const { walk } = map;
  const blocked = [];
  const seats = [];
  for (let ty = 0; ty < walk.height; ty++) {
    for (let tx = 0; tx < walk.width; tx++) {
      if (!walk.tileWalkable(tx, ty)) blocked.push([tx, ty]);
      if (walk.seats[ty * walk.width + tx]) seats.push([tx, ty]);
    }
  }
  out[name] = {
    size: [walk.width, walk.height, walk.tileWidth, walk.tileHeight],
    blocked,
    seats,
    areas: walk.areas.map(({ name: area, x, y, w, h, kind, properties }) => ({ name: area, x, y, w, h, kind, properties })),
    doors: map.doors.map((door) => door.name),
    booths: map.booths.map(({ id, area }) => [id, area]),
    tables: map.tables.map(({ area }) => area),
  };
}
process.stdout.write(JSON.stringify(out));
