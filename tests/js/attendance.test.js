import assert from "node:assert/strict";
import { test } from "node:test";

import { blockData, seriesData } from "../../static/js/attendance/datasets.js";

const point = (at, people) => ({ at: `2021-11-30T${at}:00+01:00`, people, minutes: people && people * 15 });

test("a place nobody visited draws no line; a withheld quarter hour stays a gap", () => {
  const places = [
    { id: "plenary", name: "Plenarsaal", series: [point("11:00", 6), point("11:15", null), point("11:30", 0)] },
    { id: "bar", name: "Bar", series: [point("11:00", 0), point("11:15", 0), point("11:30", 0)] },
    { id: "lobby", name: "Foyer", series: [point("11:00", null), point("11:15", 0), point("11:30", 0)] },
  ];
  const { labels, datasets } = seriesData(places);
  assert.deepEqual(labels, ["11:00", "11:15", "11:30"]);
  assert.deepEqual(
    datasets.map((d) => [d.label, d.data]),
    [
      ["Plenarsaal", [6, null, 0]],
      ["Foyer", [null, 0, 0]],
    ],
  );
  assert.notEqual(datasets[0].borderColor, datasets[1].borderColor);
  assert.deepEqual(seriesData([]), { labels: [], datasets: [] });
});

test("every space of every block is a bar of its own, withheld ones empty", () => {
  const found = {
    blocks: [
      { start: "2021-11-30T11:00:00+01:00", spaces: [{ name: "Plenarsaal", people: 12 }] },
      {
        start: "2021-11-30T13:30:00+01:00",
        spaces: [
          { name: "Workshop 1", people: 7 },
          { name: "Workshop 2", people: null },
        ],
      },
    ],
  };
  const { labels, datasets } = blockData(found, "Personen");
  assert.deepEqual(labels, ["11:00 Plenarsaal", "13:30 Workshop 1", "13:30 Workshop 2"]);
  assert.deepEqual(datasets.map((d) => [d.label, d.data]), [["Personen", [12, 7, null]]]);
});
