"""One Chromium client in a 6-person call: CPU and memory, and what getStats says (issue 11).

    .venv/bin/python benchmarks/calls_browser.py               # 6 people, audio, 20 s
    .venv/bin/python benchmarks/calls_browser.py --camera      # cameras on too

venue serves the seed venue (core 0); one headless Debian Chromium with fake devices (core 1)
opens N browser contexts, each joins, clicks to take part in calls and takes a seat at the
same table of the bar (at most 6), so each holds N-1 peer connections. Over the window the
harness reads the CPU (utime + stime) and PSS of every Chromium process it started, from
/proc, and each page's getStats (connections, audio and video bitrate in and out). Per
client = all of Chromium / N (the browser and GPU processes are shared) and the busiest
renderer alone.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

from bots import SocketIO
from playwright.async_api import Page, async_playwright
from presence_bench import BOT_CORE, ROOT, SERVER_CORE, Target, free_port, running

RECORD = """
window.__pcs = [];
const Native = window.RTCPeerConnection;
window.RTCPeerConnection = class extends Native {
  constructor(config) { super(config); window.__pcs.push(this); }
};
"""
PEERS = """() => ({
  talk: document.querySelector("#group-talk")?.textContent,
  pcs: window.__pcs.map((pc) => [pc.connectionState, pc.iceConnectionState, pc.signalingState]),
})"""
STATS = """async () => {
  const out = { connected: 0, inAudio: 0, outAudio: 0, inVideo: 0, outVideo: 0 };
  for (const pc of window.__pcs) {
    if (pc.connectionState !== "connected") continue;
    out.connected += 1;
    (await pc.getStats()).forEach((r) => {
      const kind = r.kind === "video" ? "Video" : "Audio";
      if (r.type === "inbound-rtp") out["in" + kind] += r.bytesReceived;
      if (r.type === "outbound-rtp") out["out" + kind] += r.bytesSent;
    });
  }
  return out;
}"""


def descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        for child in children.get(todo.pop(), []):
            out.append(child)
            todo.append(child)
    return out


def chromium_figures() -> dict[int, tuple[float, int, str]]:
    """pid -> (CPU seconds, PSS KB, role) of every Chromium process this script started."""
    figures = {}
    for pid in descendants(os.getpid()):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").split()
            if b"chromium" not in cmd[0]:
                continue
            stat = Path(f"/proc/{pid}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            # PSS: shared pages split among the processes sharing them (RSS counts them each)
            rss = next(
                int(line.split()[1])
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
                if line.startswith("Pss:")
            )
        except (OSError, StopIteration):
            continue
        role = next((a.decode()[7:] for a in cmd if a.startswith(b"--type=")), "browser")
        figures[pid] = (cpu, rss, role)
    return figures


async def stats(page: Page) -> dict[str, int]:
    result: dict[str, int] = await page.evaluate(STATS)
    return result


async def bench(people: int, seconds: float, camera: bool) -> str:
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        command = [
            *("taskset", "-c", str(SERVER_CORE), sys.executable, "-m", "venue", "serve"),
            *("--venue", str(ROOT / "maps" / "lausitz-2021"), "--port", str(port)),
            *("--database", f"sqlite+aiosqlite:///{tmp}/bench.sqlite3"),
        ]
        env = {"VENUE_SECRET_KEY": "calls-browser-not-secret", "VENUE_LOG_LEVEL": "WARNING"}
        target = Target("venue", command, env, SocketIO(), joins=True)
        async with running(target, base, tmp / "server.log"), async_playwright() as pw:
            browser = await pw.chromium.launch(
                executable_path="/usr/bin/chromium",
                headless=True,
                args=["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"],
            )
            pages = []
            for i in range(people):
                context = await browser.new_context(viewport={"width": 1280, "height": 800})
                await context.add_init_script(RECORD)
                page = await context.new_page()
                page.on(  # what goes wrong in a page is part of the result
                    "console",
                    lambda m, i=i: (
                        m.type in ("warning", "error")
                        and print(f"[person {i + 1}] {m.type}: {m.text}", file=sys.stderr)
                    ),
                )
                page.set_default_timeout(120_000)  # a loaded machine starts pages slowly
                await page.goto(f"{base}/?lang=en")
                await page.fill("#join-name", f"Person {i + 1}")
                await page.click("#join-form button[type=submit]")
                await page.wait_for_selector("#app:not([hidden])")
                await page.wait_for_selector("#space-list li")
                for button in ("#calls-start", "#calls-camera") if camera else ("#calls-start",):
                    await page.focus(button)  # a toast may cover the panel: keyboard it
                    await page.keyboard.press("Enter")
                # at one table of the bar (it seats 6): a nearby group of people arriving
                # one after the other may spread beyond talking distance, a table does not
                await page.click('#space-list li[data-space="bar"] button')
                await page.wait_for_selector('#space-list li[data-space="bar"][aria-current]')
                await page.locator("#table-list button").first.dispatch_event("click")
                await page.wait_for_selector('#group-talk:has-text("Tisch 1")')
                pages.append(page)
            deadline = time.monotonic() + 120
            while min([(await stats(p))["connected"] for p in pages]) < people - 1:
                if time.monotonic() > deadline:
                    states = [await p.evaluate(PEERS) for p in pages]
                    raise RuntimeError(f"not everyone connected within 120 s: {states}")
                await asyncio.sleep(0.5)
            await asyncio.sleep(5)  # settle: bitrates ramp up
            before, s0, t0 = chromium_figures(), [await stats(p) for p in pages], time.monotonic()
            await asyncio.sleep(seconds)
            after, s1 = chromium_figures(), [await stats(p) for p in pages]
            elapsed = time.monotonic() - t0
            await browser.close()
    cpu = {pid: after[pid][0] - before[pid][0] for pid in after if pid in before}
    total = sum(cpu.values())
    renderers = [(cpu[pid], after[pid][1]) for pid in cpu if after[pid][2] == "renderer"]
    busiest = max(renderers) if renderers else (0.0, 0)
    roles = sorted(f[2] for f in after.values())
    rss = sum(figure[1] for figure in after.values())

    def rate(key: str) -> float:
        return sum(b[key] - a[key] for a, b in zip(s0, s1, strict=True)) * 8 / elapsed / people

    return (
        f"{people} people, {'audio and camera' if camera else 'audio'}, window {elapsed:.0f} s\n"
        f"each page: {people - 1} connections; per client"
        f" in {rate('inAudio') / 1000:.0f} kbit/s audio, {rate('inVideo') / 1000:.0f} video;"
        f" out {rate('outAudio') / 1000:.0f} kbit/s audio, {rate('outVideo') / 1000:.0f} video\n"
        f"Chromium, all processes: {100 * total / elapsed:.0f} % of a core,"
        f" PSS {rss // 1024} MB ({len(after)} processes: {', '.join(roles)})\n"
        f"per client (all / {people}): {100 * total / elapsed / people:.0f} % of a core,"
        f" {rss // 1024 // people} MB; busiest renderer {100 * busiest[0] / elapsed:.0f} %,"
        f" {busiest[1] // 1024} MB"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=6)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--camera", action="store_true")
    parser.add_argument(
        "--spread", action="store_true", help="Chromium on every core (the server stays on its own)"
    )
    args = parser.parse_args()
    if not args.spread:  # six renderers on one core starve: pings time out, links churn
        os.sched_setaffinity(0, {BOT_CORE})
    print(asyncio.run(bench(args.people, args.seconds, args.camera)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
