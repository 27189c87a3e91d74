// The organiser's attendance charts: Chart.js (served from node_modules, loaded before this
// module as a classic script) draws what the page's own tables show.
import { blockData, seriesData } from "./datasets.js";

function draw(canvas, type, data) {
  const { Chart } = window;
  return new Chart(canvas, {
    type,
    data,
    options: {
      animation: false,
      maintainAspectRatio: false,
      spanGaps: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { position: "bottom" } },
    },
  });
}

const found = JSON.parse(document.getElementById("attendance-data").textContent);
const blocks = document.getElementById("chart-blocks");
draw(blocks, "bar", blockData(found, blocks.dataset.label));
draw(document.getElementById("chart-spaces"), "line", seriesData(found.spaces));
draw(document.getElementById("chart-booths"), "line", seriesData(found.booths));
