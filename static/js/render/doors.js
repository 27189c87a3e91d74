/** Door areas on the map: a soft highlight and the name of the space behind them. */

const DOOR_FILL = 0x34c3b0;
const DOOR_LINE = 0xa5f0e6;
const LABEL_STYLE = {
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  fontSize: "13px",
  fontStyle: "bold",
  color: "#0b3d45",
  backgroundColor: "rgba(229, 250, 246, 0.94)",
  padding: { x: 6, y: 3 },
  resolution: 2,
};
const MARGIN = 4;

/**
 * Draw `doors` ([{x, y, w, h, label}]) into `scene` on a map of `mapWidth` x `mapHeight`;
 * returns the created objects so the caller can destroy them with the map.
 */
export function drawDoors(scene, doors, mapWidth, mapHeight) {
  const objects = [];
  for (const door of doors) {
    const box = scene.add.graphics().setDepth(900);
    box.fillStyle(DOOR_FILL, 0.3).fillRect(door.x, door.y, door.w, door.h);
    box.lineStyle(2, DOOR_LINE, 0.95).strokeRect(door.x + 1, door.y + 1, door.w - 2, door.h - 2);
    const label = scene.add.text(0, 0, `→ ${door.label}`, LABEL_STYLE).setDepth(999);
    placeLabel(label, door, mapWidth, mapHeight);
    objects.push(box, label);
  }
  return objects;
}

/** Put the label next to the door, on the side facing into the room, inside the map. */
function placeLabel(label, door, mapWidth, mapHeight) {
  const { width, height } = label;
  const cx = door.x + door.w / 2;
  const cy = door.y + door.h / 2;
  let x;
  let y;
  if (door.x <= MARGIN) [x, y] = [door.x + door.w + MARGIN, cy - height / 2];
  else if (door.x + door.w >= mapWidth - MARGIN) [x, y] = [door.x - width - MARGIN, cy - height / 2];
  else if (door.y <= MARGIN) [x, y] = [cx - width / 2, door.y + door.h + MARGIN];
  else [x, y] = [cx - width / 2, door.y - height - MARGIN];
  label.setPosition(clamp(x, MARGIN, mapWidth - width - MARGIN), clamp(y, MARGIN, mapHeight - height - MARGIN));
}

function clamp(value, low, high) {
  return Math.max(low, Math.min(high, value));
}
