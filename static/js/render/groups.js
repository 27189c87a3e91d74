/** The outline around my nearby group: a rounded box around its avatars, redrawn each frame. */

const PADDING = 24;
const COLOUR = 0xf2c14e;
const DEPTH = 2500; // above the floor, below door labels

export class GroupOutline {
  constructor(scene, avatars) {
    this.avatars = avatars;
    this.ids = [];
    this.graphics = scene.add.graphics().setDepth(DEPTH);
  }

  /** The ids of the group's members (me included). */
  setMembers(ids) {
    this.ids = ids;
  }

  update() {
    const g = this.graphics;
    g.clear();
    const shown = this.ids.map((id) => this.avatars.get(id)).filter(Boolean);
    if (shown.length < 2) return;
    const xs = shown.map((a) => a.x);
    const ys = shown.map((a) => a.y);
    const left = Math.min(...xs) - PADDING;
    const top = Math.min(...ys) - PADDING;
    const width = Math.max(...xs) - left + PADDING;
    const height = Math.max(...ys) - top + PADDING;
    g.lineStyle(3, COLOUR, 0.9);
    g.strokeRoundedRect(left, top, width, height, 16);
  }
}

/** A green ring under each avatar whose person is speaking in my call, redrawn each frame. */
export class SpeakingRings {
  constructor(scene, avatars) {
    this.avatars = avatars;
    this.ids = new Set();
    this.graphics = scene.add.graphics().setDepth(DEPTH);
  }

  /** The ids of the people speaking now. */
  setSpeaking(ids) {
    this.ids = ids;
  }

  update() {
    const g = this.graphics;
    g.clear();
    g.lineStyle(3, 0x2fbf71, 0.95);
    for (const id of this.ids) {
      const avatar = this.avatars.get(id);
      if (avatar) g.strokeEllipse(avatar.x, avatar.y + 2, 30, 14);
    }
  }
}
