"""The hot encodings before and after orjson (issue 14, item 5), in one process, CPU time.

Before: a pydantic model per move and per person, `model_dump_json` (venue up to issue 14).
After: `venue.realtime.frames` (plain values, orjson). Both give the same JSON
(`tests/realtime/test_frames.py`). Process CPU time, so a loaded machine slows both alike.

    .venv/bin/python benchmarks/hot_encoding.py
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from venue.domain.people import Person, Role
from venue.protocol.base import MoveOut
from venue.protocol.presence import TickOut
from venue.protocol.views import person_out
from venue.realtime.frames import TickFrame, people_json
from venue.realtime.wire import encode


def per_call_us(work: Callable[[], object], seconds: float = 1.0) -> float:
    calls, start = 0, time.process_time()
    while time.process_time() - start < seconds:
        work()
        calls += 1
    return (time.process_time() - start) / calls * 1e6


def main() -> None:
    rng = random.Random(14)
    people = [
        Person(f"p{n:08x}", f"Person {n}", Role.PARTICIPANT, "plenary", rng.randrange(2000), 600)
        for n in range(400)
    ]
    print("| encoding | before µs | after µs | after ÷ before |")
    print("|---|---|---|---|")
    for movers in (15, 75, 225):
        frame = TickFrame(moves={p.id: (p.x, p.y) for p in people[:movers]})

        def before(frame: TickFrame = frame) -> object:
            moves = [MoveOut(id=pid, x=x, y=y) for pid, (x, y) in frame.moves.items()]
            return encode(TickOut(space="plenary", moves=moves))

        def after(frame: TickFrame = frame) -> object:
            return frame.text("plenary")

        b, a = per_call_us(before), per_call_us(after)
        print(f"| tick frame, {movers} moves | {b:.1f} | {a:.1f} | {a / b:.2f} |")
    b = per_call_us(lambda: ",".join(person_out(p).model_dump_json() for p in people))
    a = per_call_us(lambda: people_json(people))
    print(f"| snapshot roster, {len(people)} people | {b:.1f} | {a:.1f} | {a / b:.2f} |")


if __name__ == "__main__":
    main()
