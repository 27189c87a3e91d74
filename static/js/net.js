/** The only module that knows Socket.IO: one connection, a handler table, acks as Promises. */

import { io } from "/vendor/socket.io/socket.io.esm.min.js";
import { AUTH_ERRORS, ClientErrorCode } from "./protocol.js";

const ACK_TIMEOUT_MS = 5000;

/**
 * Connect to the venue.
 * `handlers` maps Outbound event names to functions; `on` holds lifecycle callbacks:
 * connected(), disconnected(reason), authFailed(code), refused(error) (the server said no
 * for another reason, e.g. the lobby is full; no retry), failed(error) (retrying).
 */
export function connect(handlers, on = {}) {
  // The server reads the HttpOnly venue_token cookie; websocket only, no long-polling.
  const socket = io({ transports: ["websocket"], withCredentials: true });
  for (const [event, handler] of Object.entries(handlers)) socket.on(event, handler);
  socket.on("connect", () => on.connected?.());
  socket.on("disconnect", (reason) => on.disconnected?.(reason));
  socket.on("connect_error", (err) => {
    const code = err?.data?.code;
    if (AUTH_ERRORS.has(code)) {
      socket.disconnect();
      on.authFailed?.(code);
    } else if (code) {
      on.refused?.(err.data);
    } else {
      on.failed?.(err);
    }
  });

  return {
    /** Emit `event` with `payload`; resolves with the ack, or a client error ack on timeout. */
    send(event, payload, timeoutMs = ACK_TIMEOUT_MS) {
      // Never buffer while offline: a queued burst of moves would be refused as too fast.
      if (!socket.connected) return Promise.resolve(clientError(ClientErrorCode.OFFLINE));
      return socket
        .timeout(timeoutMs)
        .emitWithAck(event, payload)
        .catch(() => clientError(ClientErrorCode.TIMEOUT));
    },
    /** Whether the connection is up. */
    get connected() {
      return socket.connected;
    },
    /** Close for good (leaving, or the token was refused). */
    close() {
      socket.disconnect();
    },
  };
}

/** An ack-shaped failure made up by the client. */
function clientError(code) {
  return { ok: false, error: { code, message: code } };
}
