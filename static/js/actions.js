/** Changing space (space list, locate, doors): ask, apply the snapshot, announce refusals. */

import { errorText } from "./i18n.js";

/** Actions on `state` through `wire` (the Wire); `announce(text)` reports refusals. */
export function createActions({ wire, state, announce }) {
  async function change(request) {
    const result = await request;
    if (result.ok) state.applySnapshot(result.value);
    else announce(errorText(result.error));
    return result;
  }

  return {
    /** Go to a space from the space list; one arrives at its main entry. */
    enterSpace: (space) => change(wire.enterSpace(space)),
    /** Go through the door area named `door` of my space. */
    useDoor: (door) => change(wire.useDoor(door)),
  };
}
