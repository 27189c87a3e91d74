/** Changing space (space list, locate, doors): send, apply the snapshot, announce errors. */

import { Inbound } from "./protocol.js";
import { errorText } from "./i18n.js";

/** Actions on `state` through `send`; `announce(text)` reports failures. */
export function createActions({ send, state, announce }) {
  async function change(event, payload) {
    const ack = await send(event, payload);
    if (ack.ok && ack.data) state.applySnapshot(ack.data);
    else if (!ack.ok) announce(errorText(ack.error));
    return ack;
  }

  return {
    /** Go to a space from the space list; one arrives at its main entry. */
    enterSpace: (space) => change(Inbound.ENTER, { space }),
    /** Go through the door area named `door` of my space. */
    useDoor: (door) => change(Inbound.DOOR, { door }),
  };
}
