import assert from "node:assert/strict";
import { test } from "node:test";

import { Inbound, Outbound } from "../../static/js/protocol.js";
import { StageState } from "../../static/js/stage.js";
import { settle } from "./fakes.js";
import { venue } from "./venue.js";

const poll = (id, extra = {}) => ({ id, question: "Wer?", options: ["A", "B"], multiple: false, votes: [0, 0], voters: 0, closed: false, ...extra });
const stageOf = (space, extra = {}) => ({ space, polls: [], questions: [], current: null, hands: [], speaker: null, ...extra });

/** A StageState in a welcomed venue; `stage.view` answered with `view`. */
async function stage({ at = "plenary", role = "participant", view = {} } = {}) {
  const v = venue({ role, at });
  const model = new StageState({ wire: v.wire, venue: v.state });
  v.socket.answer(Inbound.STAGE_VIEW, () => ({ ok: true, data: { stage: stageOf("plenary"), ballots: [], upvoted: [], ...view } }));
  await v.welcome();
  await settle();
  return { ...v, model };
}

test("the plenary's stage loads with my ballots and upvotes; the lobby has none", async () => {
  const { model, socket, moveTo } = await stage({ view: { stage: stageOf("plenary", { polls: [poll(3)] }), ballots: [{ poll: 3, choices: [1] }], upvoted: [7] } });
  assert.deepEqual(model.stage.polls.map((p) => p.id), [3]);
  assert.deepEqual(model.ballots.get(3), [1]);
  assert.equal(model.upvoted.has(7), true);
  await moveTo("lobby");
  assert.equal(model.stage, null);
  assert.equal(socket.payloads(Inbound.STAGE_VIEW).length, 1, "no stage asked for in the lobby");
});

test("a stage of a space I left is ignored; my vote shows at once with its results", async () => {
  const { model, socket } = await stage({ view: { stage: stageOf("plenary", { polls: [poll(3)] }) } });
  socket.push(Outbound.STAGE_STATE, stageOf("workshop-1", { polls: [poll(9)] }));
  assert.deepEqual(model.stage.polls.map((p) => p.id), [3]);
  socket.answer(Inbound.STAGE_VOTE, () => ({ ok: true, data: poll(3, { votes: [0, 1], voters: 1 }) }));
  const result = await model.vote(3, [1]);
  assert.equal(result.ok, true);
  assert.deepEqual(model.ballots.get(3), [1]);
  assert.deepEqual(model.stage.polls[0].votes, [0, 1]);
});

test("a refused upvote is not shown as mine; being called on and released is told", async () => {
  const { model, socket } = await stage();
  socket.answer(Inbound.STAGE_UPVOTE, () => ({ ok: false, error: { code: "question.own", message: "" } }));
  assert.equal((await model.upvote(7)).error.code, "question.own");
  assert.equal(model.upvoted.has(7), false);
  const told = [];
  model.on("called", (c) => told.push(c.called));
  socket.push(Outbound.STAGE_CALLED, { space: "plenary", called: true, by: "Mo" });
  assert.equal(model.called.by, "Mo");
  socket.push(Outbound.STAGE_CALLED, { space: "plenary", called: false, by: "Mo" });
  assert.equal(model.called, null);
  assert.deepEqual(told, [true, false]);
});

test("moderators run the stage, participants do not", async () => {
  assert.equal((await stage({ role: "moderator" })).model.moderating, true);
  assert.equal((await stage()).model.moderating, false);
});
