// The organiser's attendance charts: Chart.js (served from node_modules, loaded before this
// module) draws what the page's own tables show; withheld groups (null) are gaps, not zeros.
const PALETTE = ["#1f6f78", "#c8553d", "#588b3e", "#8e5ea2", "#d4a017", "#3e6fb0", "#a23e48", "#5c5c5c"];

function colour(i) {
  return PALETTE[i % PALETTE.length];
}

function time(iso) {
  return iso.slice(11, 16);
}

function draw(canvas, type, labels, datasets) {
  const { Chart } = window;
  return new Chart(canvas, {
    type,
    data: { labels, datasets },
    options: {
      animation: false,
      maintainAspectRatio: false,
      spanGaps: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

/** People per quarter hour, one line per place that had anyone at all. */
function series(canvas, places) {
  const labels = places.length ? places[0].series.map((p) => time(p.at)) : [];
  const lines = places
    .filter((place) => place.series.some((p) => p.people !== 0))
    .map((place, i) => ({
      label: place.name,
      data: place.series.map((p) => p.people),
      borderColor: colour(i),
      backgroundColor: colour(i),
      stepped: true,
    }));
  return draw(canvas, "line", labels, lines);
}

/** People per block and space, one bar each. */
function blocks(canvas, found) {
  const bars = found.blocks.flatMap((b) => b.spaces.map((s) => ({ label: `${time(b.start)} ${s.name}`, people: s.people })));
  const data = [{ label: canvas.dataset.label, data: bars.map((b) => b.people), backgroundColor: colour(0) }];
  return draw(canvas, "bar", bars.map((b) => b.label), data);
}

export function render(doc) {
  const found = JSON.parse(doc.getElementById("attendance-data").textContent);
  return [
    blocks(doc.getElementById("chart-blocks"), found),
    series(doc.getElementById("chart-spaces"), found.spaces),
    series(doc.getElementById("chart-booths"), found.booths),
  ];
}

render(document);
