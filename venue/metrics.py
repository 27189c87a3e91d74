"""What one process is doing, in the Prometheus text exposition format (version 0.0.4).

Written by hand rather than with prometheus_client: every figure is a counter the server
already keeps, read when scraped, so a dozen lines of formatting beat a registry, its
process-global state and another dependency. Nothing here names a person.
"""

from __future__ import annotations

import math
import os
import resource
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from venue.cluster import Cluster
    from venue.live import Live
    from venue.realtime.server import Realtime

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"

Kind = Literal["counter", "gauge", "summary"]


@dataclass(slots=True)
class Family:
    """One metric family: its name, type, help text and samples (suffix, labels, value)."""

    name: str
    kind: Kind
    help: str
    samples: list[tuple[str, dict[str, str], float]] = field(default_factory=list)

    def add(self, value: float, suffix: str = "", **labels: str) -> Family:
        self.samples.append((suffix, labels, value))
        return self


def single(name: str, kind: Kind, help: str, value: float) -> Family:
    return Family(name, kind, help).add(value)


def render(families: Iterable[Family]) -> str:
    """The exposition text: HELP and TYPE once per family, then its samples."""
    lines: list[str] = []
    for family in families:
        lines.append(f"# HELP {family.name} {_escape_help(family.help)}")
        lines.append(f"# TYPE {family.name} {family.kind}")
        for suffix, labels, value in family.samples:
            lines.append(f"{family.name}{suffix}{_labels(labels)} {_number(value)}")
    return "\n".join(lines) + "\n"


def collect(realtime: Realtime, live: Live, cluster: Cluster | None) -> list[Family]:
    """Everything /metrics shows: the live venue, what was sent, the programme, the process."""
    return [*_venue(realtime, live), *_cluster(cluster), *process()]


def _venue(realtime: Realtime, live: Live) -> list[Family]:
    participants = Family(
        "venue_participants", "gauge", "People present per space, as this process knows them."
    )
    for space, count in sorted(live.presence.counts().items()):
        participants.add(count, space=space)
    sent = realtime.broadcaster
    conductor = live.conductor
    return [
        single(
            "venue_connections",
            "gauge",
            "Socket.IO connections open to this process.",
            len(realtime.connections),
        ),
        participants,
        Family("venue_tick_duration_seconds", "summary", "Time one presence tick took.")
        .add(realtime.tick_count, "_count")
        .add(realtime.tick_seconds, "_sum"),
        single(
            "venue_tick_duration_max_seconds",
            "gauge",
            "Longest presence tick since the process started.",
            realtime.tick_max_seconds,
        ),
        single(
            "venue_frames_sent_total",
            "counter",
            "Frames built and encoded (each once, for any number of recipients).",
            sent.frames_sent,
        ),
        single(
            "venue_packets_sent_total",
            "counter",
            "Socket.IO packets put on recipients' queues.",
            sent.packets_sent,
        ),
        single(
            "venue_sent_bytes_total",
            "counter",
            "Bytes of Socket.IO packets put on recipients' queues.",
            sent.bytes_sent,
        ),
        single(
            "venue_transitions_total",
            "counter",
            "Programme blocks this process began (moving people).",
            conductor.transitions,
        ),
        single(
            "venue_transition_people_moved_total",
            "counter",
            "People moved by programme transitions of this process.",
            conductor.people_moved,
        ),
    ]


def _cluster(cluster: Cluster | None) -> list[Family]:
    if cluster is None:  # a single process (no VENUE_REDIS_URL)
        return []
    return [
        single(
            "venue_cluster_nodes",
            "gauge",
            "Other processes of this venue heard from over Redis lately.",
            len(cluster.nodes),
        ),
        single(
            "venue_cluster_messages_published_total",
            "counter",
            "Messages this process published to the other processes.",
            cluster.published,
        ),
        single(
            "venue_cluster_messages_received_total",
            "counter",
            "Messages this process received from the other processes.",
            cluster.received,
        ),
    ]


def process() -> list[Family]:
    """CPU, memory and file descriptors under the names Prometheus' own clients use."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    families = [
        single(
            "process_cpu_seconds_total",
            "counter",
            "User and system CPU time spent in seconds.",
            usage.ru_utime + usage.ru_stime,
        ),
        single(
            "process_resident_memory_bytes",
            "gauge",
            "Resident memory size in bytes.",
            _rss_bytes(usage.ru_maxrss),
        ),
    ]
    fds = _open_fds()
    if fds is not None:
        families.append(
            single("process_open_fds", "gauge", "Number of open file descriptors.", fds)
        )
    soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY:
        families.append(
            single("process_max_fds", "gauge", "Maximum number of open file descriptors.", soft)
        )
    return families


def _rss_bytes(max_rss_kib: int) -> float:
    """Current RSS from /proc; where there is none, the peak getrusage reports (KiB on Linux)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return max_rss_kib * 1024.0
    return pages * float(os.sysconf("SC_PAGE_SIZE"))


def _open_fds() -> int | None:
    try:
        return len(os.listdir("/proc/self/fd"))
    except OSError:
        return None


def _labels(labels: dict[str, str]) -> str:
    if not labels:
        return ""
    inner = ",".join(f'{key}="{_escape_label(value)}"' for key, value in labels.items())
    return "{" + inner + "}"


def _escape_label(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


def _escape_help(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n")


def _number(value: float) -> str:
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "+Inf" if value > 0 else "-Inf"
    if float(value).is_integer() and abs(value) < 2**53:
        return str(int(value))
    return repr(float(value))
