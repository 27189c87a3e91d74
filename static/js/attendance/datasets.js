// What the organiser's attendance charts show, from the figures the page carries: plain data
// for Chart.js, no DOM. Withheld groups (null) stay null, so that Chart.js leaves a gap.
const PALETTE = ["#1f6f78", "#c8553d", "#588b3e", "#8e5ea2", "#d4a017", "#3e6fb0", "#a23e48", "#5c5c5c"];

export function colour(i) {
  return PALETTE[i % PALETTE.length];
}

/** "11:15" of an ISO time in the event's zone (the server writes it with its offset). */
export function clockTime(iso) {
  return iso.slice(11, 16);
}

/** People per quarter hour: one line per place that had anyone at all (or a withheld group). */
export function seriesData(places) {
  const labels = places.length ? places[0].series.map((p) => clockTime(p.at)) : [];
  const datasets = places
    .filter((place) => place.series.some((p) => p.people !== 0))
    .map((place, i) => ({
      label: place.name,
      data: place.series.map((p) => p.people),
      borderColor: colour(i),
      backgroundColor: colour(i),
      stepped: true,
    }));
  return { labels, datasets };
}

/** People per block and space: one bar each, labelled by start and space. */
export function blockData(found, label) {
  const bars = found.blocks.flatMap((b) =>
    b.spaces.map((s) => ({ label: `${clockTime(b.start)} ${s.name}`, people: s.people })),
  );
  return {
    labels: bars.map((b) => b.label),
    datasets: [{ label, data: bars.map((b) => b.people), backgroundColor: colour(0) }],
  };
}
