/** Opens the venue's Socket.IO connection: the one module that imports the Socket.IO client. */

import { io } from "/vendor/socket.io/socket.io.esm.min.js";

/** A socket that connects on `connect()`; the server reads the HttpOnly venue_token cookie. */
export function openSocket() {
  // websocket only: no long-polling fallback to keep alive on the server
  return io({ autoConnect: false, transports: ["websocket"], withCredentials: true });
}
