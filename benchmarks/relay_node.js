// Baseline: a minimal Node socket.io relay, `io.to(space).emit` per move.
//
// The same wire contract as benchmarks/relay_socketio.py (the bots' `Relay` dialect): connect
// with `auth: {space}`, get `venue.welcome` with one's id, every `presence.move` is acknowledged
// and emitted at once to the space's room as a `space.tick` with one move. socket.io's defaults
// (no permessage-deflate on websockets). GET /healthz answers for the latency probe.
//
//     node benchmarks/relay_node.js --port 8092
import http from "node:http";
import { Server } from "socket.io";

function option(name, fallback) {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : fallback;
}

const host = option("host", "127.0.0.1");
const port = Number(option("port", "8092"));

const server = http.createServer((req, res) => {
  if (req.url === "/healthz") {
    res.writeHead(200, { "Content-Type": "application/json" });
    res.end('{"ok":true}');
  }
});
const io = new Server(server, { serveClient: false });

io.on("connection", (socket) => {
  const space = String((socket.handshake.auth && socket.handshake.auth.space) || "lobby");
  socket.join(space);
  socket.emit("venue.welcome", { snapshot: { space, me: { id: socket.id, x: 0, y: 0 } } });
  socket.on("presence.move", (data, ack) => {
    if (typeof ack === "function") ack({ ok: true });
    io.to(space).emit("space.tick", { space, moves: [{ id: socket.id, x: data.x, y: data.y }] });
  });
});

function stop() {
  io.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 5000).unref();
}
process.on("SIGTERM", stop);
process.on("SIGINT", stop);

server.listen(port, host);
