/**
 * Applause and waves on a stage as a gentle overlay: a few symbols rise over the map and fade.
 * Each person's reactions are rate-limited by the server; the overlay also shows at most
 * MAX_SHOWN at once, so that a whole plenary applauding stays a ripple, not a flood. Hidden
 * from screen readers (the roster and its announcements say who reacted).
 */

import { Emote } from "../protocol.js";
import { byId, h } from "./dom.js";

export const MAX_SHOWN = 8;
const SHOWN_MS = 3200; // the animation's length; the symbol goes after it (or without it)
const SYMBOLS = { [Emote.APPLAUSE]: "👏", [Emote.WAVE]: "👋" };

/** Show the reactions `state` (the VenueState) reports while `onStage()` holds. */
export function showReactionOverlay(state, onStage) {
  const overlay = byId("reaction-overlay");
  state.on("emote", ({ emote }) => {
    const symbol = SYMBOLS[emote];
    if (!symbol || !onStage() || overlay.childElementCount >= MAX_SHOWN) return;
    const float = h("span", { class: "reaction-float", text: symbol });
    float.style.setProperty("--drift", `${Math.round(Math.random() * 80)}%`);
    overlay.append(float);
    setTimeout(() => float.remove(), SHOWN_MS);
  });
  state.on("space", () => overlay.replaceChildren());
}
