/** A touch joystick over the map: drag its knob to walk in one of eight directions. */

const DEAD_ZONE = 0.3; // of the pad's radius: a resting thumb does not walk

/** The walking direction (each component -1, 0 or 1) of a knob dragged (dx, dy) px on a pad of `radius` px. */
export function stickDirection(dx, dy, radius, deadZone = DEAD_ZONE) {
  if (Math.hypot(dx, dy) < radius * deadZone) return { x: 0, y: 0 };
  const angle = (Math.round(Math.atan2(dy, dx) / (Math.PI / 4)) * Math.PI) / 4;
  return { x: Math.round(Math.cos(angle)) || 0, y: Math.round(Math.sin(angle)) || 0 };
}

export class TouchJoystick {
  /** Listen to pointers on `pad` (its first child is the knob that follows the thumb). */
  constructor(pad) {
    this.pad = pad;
    this.knob = pad.firstElementChild;
    this.pointer = null;
    this.current = { x: 0, y: 0 };
    this.enabled = true;
    pad.addEventListener("pointerdown", (event) => {
      if (!this.enabled || this.pointer !== null) return;
      this.pointer = event.pointerId;
      pad.setPointerCapture?.(event.pointerId);
      this.#drag(event);
      event.preventDefault();
    });
    pad.addEventListener("pointermove", (event) => {
      if (event.pointerId === this.pointer) this.#drag(event);
    });
    for (const type of ["pointerup", "pointercancel", "lostpointercapture"]) {
      pad.addEventListener(type, (event) => {
        if (event.pointerId === this.pointer) this.#release();
      });
    }
  }

  /** The walking direction now, like KeyboardDirection's. */
  get direction() {
    return this.enabled ? this.current : { x: 0, y: 0 };
  }

  /** Off in list mode. */
  setEnabled(enabled) {
    this.enabled = enabled;
    if (!enabled) this.#release();
  }

  #drag(event) {
    const box = this.pad.getBoundingClientRect();
    const radius = box.width / 2;
    let dx = event.clientX - (box.left + radius);
    let dy = event.clientY - (box.top + box.height / 2);
    this.current = stickDirection(dx, dy, radius);
    const length = Math.hypot(dx, dy);
    if (length > radius) {
      dx = (dx / length) * radius;
      dy = (dy / length) * radius;
    }
    this.knob.style.transform = `translate(${dx}px, ${dy}px)`;
    this.pad.dataset.direction = `${this.current.x},${this.current.y}`;
  }

  #release() {
    this.pointer = null;
    this.current = { x: 0, y: 0 };
    this.knob.style.transform = "";
    delete this.pad.dataset.direction;
  }
}

/** Keys win over the joystick; either walks. */
export function combinedDirection(...sources) {
  return {
    get direction() {
      for (const source of sources) {
        const { x, y } = source.direction;
        if (x || y) return { x, y };
      }
      return { x: 0, y: 0 };
    },
  };
}
