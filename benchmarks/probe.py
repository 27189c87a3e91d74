"""Event-loop lag probe: a tiny HTTP GET every `--interval` seconds, its round trip printed.

    python benchmarks/probe.py http://127.0.0.1:8080/healthz/live --interval 0.05

A separate process with blocking sockets, so that neither the bots' event loop nor their GIL
delays it: what the round trip gains over an idle server is time the request waited for the
server's event loop (every server under test answers the path without I/O of its own). It
prints `S MONOTONIC_SENT` before each request (so that a reader knows about a request still
waiting) and `R MONOTONIC_SENT RTT_SECONDS` after it, or `R MONOTONIC_SENT error` when it
failed (`CLOCK_MONOTONIC`, comparable across processes). Runs until killed or `--seconds`.
"""

from __future__ import annotations

import argparse
import http.client
import sys
import time
from urllib.parse import urlsplit


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("url")
    parser.add_argument("--interval", type=float, default=0.05)
    parser.add_argument("--seconds", type=float, default=3600.0, help="stop after this long")
    parser.add_argument("--timeout", type=float, default=10.0, help="one request at most")
    args = parser.parse_args()
    parts = urlsplit(args.url)
    host, port, path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path or "/"
    conn: http.client.HTTPConnection | None = None
    end = time.monotonic() + args.seconds
    next_at = time.monotonic()
    while time.monotonic() < end:
        sent = time.monotonic()
        print(f"S {sent:.6f}", flush=True)
        try:
            if conn is None:
                conn = http.client.HTTPConnection(host, port, timeout=args.timeout)
            conn.request("GET", path)
            response = conn.getresponse()
            response.read()
            line = f"R {sent:.6f} {time.monotonic() - sent:.6f}"
        except (OSError, http.client.HTTPException):
            if conn is not None:
                conn.close()
            conn = None
            line = f"R {sent:.6f} error"
        print(line, flush=True)
        next_at = max(next_at + args.interval, time.monotonic())
        time.sleep(max(0.0, next_at - time.monotonic()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
