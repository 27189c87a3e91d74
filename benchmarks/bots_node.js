// The second bot generator: many official socket.io clients in one Node process.
//
// socket.io-client (the browser client's own library, npm dependency) connects over its
// websocket transport, which in Node is `ws`: it offers `permessage-deflate;
// client_max_window_bits` as Chromium does (unless told `deflate: false`). Driven by the harness
// (benchmarks/node_bots.py) over stdin/stdout, one JSON object a line:
//
//   in:  {"op":"connect","index","base","dialect":"venue"|"relay","token","space","deflate"}
//        {"op":"path","index","path":[[x,y],…],"loop_start","observer","walks"}
//        {"op":"walk","hz"} {"op":"halt"} {"op":"begin"} {"op":"end"} {"op":"close"}
//   out: {"op":"hello","index","id","x","y","space","extension"} | {"op":"refused","index","code"}
//        | {"op":"error","index","message"}; {"op":"begun"}; {"op":"stats",…}; {"op":"closed"}
//
// The wire contract is the Python bots' (benchmarks/bots.py): join over HTTP is the harness's;
// a bot connects with its token (a relay: with its space), goes to its space with `space.enter`
// when the welcome put it elsewhere, walks its path with acknowledged `presence.move`s, and an
// observer takes the latency of every (id, x, y) it sees in a `space.tick` from when that
// position was sent (positions are unique for seconds: the path is the harness's).
import { performance } from "node:perf_hooks";
import readline from "node:readline";
import { io } from "socket.io-client";

const LAG_PERIOD_MS = 10;
const bots = new Map(); // index → bot
let walkers = [];
const sent = new Map(); // "id,x,y" → performance.now() when that position was sent
let closing = false;
let walking = null;
let lostTotal = 0;
let stats = fresh();

function fresh(recording = false) {
  return { recording, frames: 0, updates: 0, acks: 0, lost: 0, refusals: {}, latencies: [], lags: [] };
}

function reply(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function transportSocket(bot) {
  const ws = bot.socket.io.engine?.transport?.ws;
  return ws ?? null;
}

function received() {
  let total = 0;
  for (const bot of bots.values()) total += transportSocket(bot)?._socket?.bytesRead ?? 0;
  return total;
}

function connect({ index, base, dialect, token, space, deflate }) {
  const socket = io(base, {
    auth: dialect === "relay" ? { space } : { token },
    transports: ["websocket"],
    reconnection: false,
    forceNew: true,
    timeout: 30000,
    perMessageDeflate: deflate ? { threshold: 1024 } : false, // engine.io-client's default, or none
  });
  const bot = { index, socket, id: "", path: [], loopStart: 0, step: 0, observer: false };
  let answered = false;
  const answer = (message) => {
    if (answered) return;
    answered = true;
    reply({ ...message, index });
    if (message.op === "hello") bots.set(index, bot);
    else socket.close();
  };
  socket.on("connect_error", (err) => {
    const code = err.data?.code;
    answer(code ? { op: "refused", code: String(code) } : { op: "error", message: String(err.message) });
  });
  socket.once("venue.welcome", async (welcome) => {
    let snapshot = welcome.snapshot;
    if (dialect === "venue" && space && snapshot.space !== space) {
      const body = await socket.timeout(30000).emitWithAck("space.enter", { space }).catch(() => null);
      if (!body || body.ok !== true) {
        answer({ op: "refused", code: String(body?.error?.code ?? "space.enter") });
        return;
      }
      snapshot = body.data;
    }
    bot.id = String(snapshot.me.id);
    const extension = transportSocket(bot)?.extensions ?? "";
    answer({ op: "hello", id: bot.id, x: snapshot.me.x, y: snapshot.me.y, space: snapshot.space, extension });
  });
  socket.on("space.tick", (tick) => onTick(bot, tick));
  socket.on("disconnect", () => {
    if (!answered || closing) return;
    lostTotal += 1;
    if (stats.recording) stats.lost += 1;
  });
}

function onTick(bot, tick) {
  if (!stats.recording) return;
  const moves = tick.moves;
  stats.frames += 1;
  stats.updates += moves.length;
  if (!bot.observer) return;
  const now = performance.now();
  for (const move of moves) {
    if (move.id === bot.id) continue;
    const t0 = sent.get(`${move.id},${move.x},${move.y}`);
    if (t0 !== undefined) stats.latencies.push((now - t0) / 1000);
  }
}

function step(bot) {
  if (!bot.socket.connected) return;
  if (bot.step >= bot.path.length) bot.step = bot.loopStart;
  const [x, y] = bot.path[bot.step];
  bot.step += 1;
  sent.set(`${bot.id},${x},${y}`, performance.now());
  bot.socket.emit("presence.move", { x, y }, (ack) => {
    if (!stats.recording) return;
    stats.acks += 1;
    if (!ack || ack.ok !== true) {
      const code = String(ack?.error?.code ?? "?");
      stats.refusals[code] = (stats.refusals[code] ?? 0) + 1;
    }
  });
}

// Every walker `hz` times a second, spread over 10 slots of each period (as bots.py does).
function walk(hz) {
  const slots = 10;
  const period = 1000 / hz / slots;
  let slot = 0;
  let deadline = performance.now();
  const run = () => {
    for (let i = slot; i < walkers.length; i += slots) step(walkers[i]);
    slot = (slot + 1) % slots;
    deadline += period;
    let delay = deadline - performance.now();
    if (delay < 0) {
      deadline = performance.now(); // behind: do not burst, restart the schedule
      delay = 0;
    }
    walking = setTimeout(run, delay);
  };
  run();
}

// The generator's own loop lag: how late a 10 ms timer fires.
let lastBeat = performance.now();
setInterval(() => {
  const now = performance.now();
  if (stats.recording) stats.lags.push(Math.max(0, now - lastBeat - LAG_PERIOD_MS) / 1000);
  lastBeat = now;
}, LAG_PERIOD_MS);

let receivedAtBegin = 0;
const commands = {
  connect,
  path({ index, path, loop_start: loopStart, observer, walks }) {
    const bot = bots.get(index);
    if (!bot) return;
    Object.assign(bot, { path, loopStart, observer, step: 0 });
    if (walks && path.length) walkers.push(bot);
  },
  walk: ({ hz }) => walk(hz),
  halt() {
    clearTimeout(walking);
    walking = null;
  },
  begin() {
    stats = fresh(true);
    receivedAtBegin = received();
    reply({ op: "begun" });
  },
  end() {
    const { recording: _, ...figures } = stats;
    stats = fresh();
    reply({ op: "stats", ...figures, received: received() - receivedAtBegin, lost_total: lostTotal });
  },
  close() {
    closing = true;
    clearTimeout(walking);
    for (const bot of bots.values()) bot.socket.disconnect();
    walkers = [];
    reply({ op: "closed" });
    setTimeout(() => process.exit(0), 100);
  },
};

readline.createInterface({ input: process.stdin }).on("line", (line) => {
  const message = JSON.parse(line);
  commands[message.op](message);
});
process.stdin.on("end", () => process.exit(0));
