import assert from "node:assert/strict";
import { test } from "node:test";

import { glideStep } from "../../static/js/render/avatars.js";
import { WALK_SPEED } from "../../static/js/walker.js";

/** Seconds a remote avatar takes to glide `gap` px at 60 frames a second. */
function glideTime(gap, tickHz) {
  let left = gap;
  let frames = 0;
  while (left > 0.5) {
    left -= glideStep(left, 1 / 60, tickHz);
    frames += 1;
  }
  return frames / 60;
}

test("remote avatars glide at the pace of the server's ticks", () => {
  // 150 px: a jump of about one tick at a slow rate; the glide lasts about that tick
  assert.ok(glideTime(150, 2) > 0.6, `2 Hz: ${glideTime(150, 2)}s`);
  assert.ok(glideTime(150, 10) < 0.4, `10 Hz: ${glideTime(150, 10)}s`);
  assert.ok(glideTime(150, 20) < glideTime(150, 10));
});

test("never slower than walking, never past the target", () => {
  assert.equal(glideStep(100, 0.01, 0.1), WALK_SPEED * 0.01);
  assert.equal(glideStep(3, 1, 10), 3);
});
