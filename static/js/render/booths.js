/** Booth signs on the map: a frame around each booth area and a sign saying open or closed. */

const OPEN_FILL = 0x1d7a45;
const CLOSED_FILL = 0x4a5d63;
const SIGN_STYLE = {
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif",
  fontSize: "13px",
  fontStyle: "bold",
  color: "#ffffff",
  padding: { x: 6, y: 3 },
  resolution: 2,
};
const MARGIN = 4;

/**
 * Draw `signs` ([{x, y, w, h, label, open, openText, closedText}]) into `scene`; returns the
 * created objects so the caller can destroy them when the signs or the map change.
 */
export function drawBoothSigns(scene, signs) {
  const objects = [];
  for (const sign of signs) {
    const colour = sign.open ? OPEN_FILL : CLOSED_FILL;
    const frame = scene.add.graphics().setDepth(890);
    frame.fillStyle(colour, sign.open ? 0.12 : 0.06).fillRect(sign.x, sign.y, sign.w, sign.h);
    frame.lineStyle(2, colour, 0.9).strokeRect(sign.x + 1, sign.y + 1, sign.w - 2, sign.h - 2);
    const text = `${sign.open ? "●" : "○"} ${sign.open ? sign.openText : sign.closedText} · ${sign.label}`;
    // inside the area's top left corner, wrapped to its width: the furniture stays visible
    const label = scene.add
      .text(sign.x + MARGIN, sign.y + MARGIN, text, {
        ...SIGN_STYLE,
        backgroundColor: sign.open ? "#1d7a45" : "#4a5d63",
        wordWrap: { width: Math.max(40, sign.w - 2 * MARGIN - 12) },
      })
      .setDepth(995);
    objects.push(frame, label);
  }
  return objects;
}
