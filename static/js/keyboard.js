/** Arrow keys and WASD as a walking direction; ignored while typing in a form field. */

const DIRECTIONS = {
  ArrowUp: [0, -1], KeyW: [0, -1],
  ArrowDown: [0, 1], KeyS: [0, 1],
  ArrowLeft: [-1, 0], KeyA: [-1, 0],
  ArrowRight: [1, 0], KeyD: [1, 0],
};

/** Whether a key event belongs to a form control (typing a name must not walk). */
function isFormTarget(target) {
  return target instanceof Element && (target.closest("input, textarea, select, [contenteditable]") !== null);
}

export class KeyboardDirection {
  constructor(target = window) {
    this.held = new Set();
    this.enabled = true;
    target.addEventListener("keydown", (event) => {
      // event.code: the physical key, so WASD works on QWERTZ and AZERTY layouts alike.
      if (!this.enabled || !(event.code in DIRECTIONS) || isFormTarget(event.target)) return;
      if (event.altKey || event.ctrlKey || event.metaKey) return;
      this.held.add(event.code);
      event.preventDefault(); // no page scrolling while walking
    });
    target.addEventListener("keyup", (event) => this.held.delete(event.code));
    window.addEventListener("blur", () => this.held.clear());
  }

  /** The walking direction from the held keys, each component -1, 0 or 1. */
  get direction() {
    let x = 0;
    let y = 0;
    if (this.enabled) {
      for (const code of this.held) {
        x += DIRECTIONS[code][0];
        y += DIRECTIONS[code][1];
      }
    }
    return { x: Math.sign(x), y: Math.sign(y) };
  }

  /** Turn walking by keyboard on or off (off in list mode). */
  setEnabled(enabled) {
    this.enabled = enabled;
    if (!enabled) this.held.clear();
  }
}
