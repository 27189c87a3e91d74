/** Opens the venue's Socket.IO connection: the one module that imports the Socket.IO client. */

import { io } from "/vendor/socket.io/socket.io.esm.min.js";

/** A socket that connects on `connect()`; the server reads the HttpOnly venue_token cookie. */
export function openSocket() {
  // websocket only: no long-polling fallback to keep alive on the server.
  // Reconnect soon after a restart (the default backoff, 1 s doubling to 5 s, brought people
  // back 6-7 s after a crash); the randomisation spreads a whole venue's reconnects.
  return io({
    autoConnect: false,
    transports: ["websocket"],
    withCredentials: true,
    reconnectionDelay: 250,
    reconnectionDelayMax: 1000,
    randomizationFactor: 0.5,
  });
}
