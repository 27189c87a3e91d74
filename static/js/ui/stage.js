/**
 * The stage panel in the plenary and workshops: polls to vote in with their results, the
 * questions to upvote, the raised hands, who has the floor; and for moderators, asking and
 * closing polls, the question queue (next, answered, hide) and calling on hands.
 */

import { errorText, t } from "../i18n.js";
import { byId, h } from "./dom.js";

/** Draw `stage` (a StageState); `onFloor` opens my microphone when I am given the floor. */
export function showStage(stage, { announce, onFloor }) {
  const section = byId("stage");
  const error = byId("stage-error");
  const ticked = new Map(); // poll id -> answers ticked but not yet sent (multiple choice)

  /** Run a wire action; its refusal shows in the panel. */
  const act = async (action) => {
    const result = await action();
    error.hidden = result.ok;
    error.textContent = result.ok ? "" : errorText(result.error);
    return result;
  };

  const render = () => {
    const current = stage.stage;
    section.hidden = current === null;
    byId("stage-poll-form").hidden = !stage.moderating;
    if (current === null) return;
    byId("stage-floor").textContent = current.speaker ? t("stage.floor", { name: current.speaker.name }) : "";
    byId("stage-polls").replaceChildren(...current.polls.map(pollItem));
    byId("stage-polls-none").hidden = current.polls.length > 0;
    byId("stage-current").replaceChildren(...(current.current ? [questionItem(current.current, true)] : []));
    byId("stage-questions").replaceChildren(...current.questions.map((q) => questionItem(q, false)));
    byId("stage-questions-none").hidden = current.questions.length > 0 || current.current !== null;
    byId("stage-hands").replaceChildren(...current.hands.map(handItem));
    byId("stage-hands-none").hidden = current.hands.length > 0;
    byId("stage-release").hidden = !(stage.moderating && current.speaker);
  };

  const pollItem = (poll) => {
    const mine = stage.ballots.get(poll.id);
    const voting = !poll.closed && !mine;
    const picks = ticked.get(poll.id) ?? new Set();
    const answers = poll.options.map((text, index) => {
      const n = poll.votes[index];
      const label = `${text}: ${n === 1 ? t("stage.votes.one") : t("stage.votes", { n })}`;
      const meter = h("meter", { min: 0, max: Math.max(poll.voters, 1), value: poll.votes[index], "aria-hidden": "true" });
      let control = null;
      if (voting && poll.multiple) {
        control = h("input", {
          type: "checkbox",
          "aria-label": text,
          onchange: (event) => {
            if (event.target.checked) picks.add(index);
            else picks.delete(index);
            ticked.set(poll.id, picks);
          },
        });
        control.checked = picks.has(index);
      } else if (voting) {
        control = h("button", { type: "button", class: "button button-small", text: t("stage.vote_for", { answer: text }), onclick: () => act(() => stage.vote(poll.id, [index])) });
      }
      const chosen = mine?.includes(index) ? h("span", { class: "stage-mine", text: t("stage.mine") }) : null;
      return h("li", { class: "stage-answer" }, control, h("span", { text: label }), chosen, meter);
    });
    const send =
      voting && poll.multiple
        ? h("button", { type: "button", class: "button button-small", text: t("stage.vote"), onclick: () => act(() => stage.vote(poll.id, [...picks].sort())).then((r) => r.ok && ticked.delete(poll.id)) })
        : null;
    const close =
      stage.moderating && !poll.closed
        ? h("button", { type: "button", class: "button button-small button-quiet", text: t("stage.close"), onclick: () => act(() => stage.closePoll(poll.id)) })
        : null;
    const status = t(poll.closed ? "stage.closed" : "stage.open", { n: poll.voters });
    return h(
      "li",
      { class: "stage-poll", "data-poll": poll.id },
      h("p", { class: "stage-question" }, h("strong", { text: poll.question }), " ", h("span", { class: "stage-status", text: status })),
      h("ul", { class: "stage-answers" }, ...answers),
      send,
      close,
    );
  };

  const questionItem = (question, now) => {
    const mine = stage.upvoted.has(question.id);
    const upvote = h("button", {
      type: "button",
      class: "button button-small stage-upvote",
      "aria-pressed": String(mine),
      "aria-label": t("stage.upvote", { n: question.upvotes }),
      text: `▲ ${question.upvotes}`,
      disabled: mine,
      onclick: () => act(() => stage.upvote(question.id)),
    });
    const queue = stage.moderating
      ? ["next", "answered", "hide"]
          .filter((action) => !(now && action === "next"))
          .map((action) => h("button", { type: "button", class: "button button-small button-quiet", text: t(`stage.${action}`), onclick: () => act(() => stage.queue(question.id, action)) }))
      : [];
    return h(
      "li",
      { class: now ? "stage-q stage-q-now" : "stage-q", "data-question": question.id },
      upvote,
      " ",
      h("span", { class: "stage-q-text", text: question.text }),
      h("span", { class: "stage-q-author", text: ` – ${question.author.name}` }),
      ...queue,
    );
  };

  const handItem = (hand, index) =>
    h(
      "li",
      { "data-hand": hand.id },
      h("span", { text: `${index + 1}. ${hand.name}` }),
      stage.moderating ? h("button", { type: "button", class: "button button-small", text: t("stage.call_on", { name: hand.name }), onclick: () => act(() => stage.callOn(hand.id)) }) : null,
    );

  byId("stage-release").addEventListener("click", () => act(() => stage.release()));
  byId("stage-poll-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const options = byId("stage-poll-options").value.split("\n").map((line) => line.trim()).filter(Boolean);
    const result = await act(() => stage.createPoll(byId("stage-poll-question").value, options, byId("stage-poll-multiple").checked));
    if (result.ok) form.reset();
  });

  const called = byId("stage-called");
  const mic = byId("stage-mic");
  mic.addEventListener("click", async () => {
    await onFloor();
    mic.hidden = true; // the calls panel shows the microphone from now on
  });
  stage.on("called", ({ called: on, by }) => {
    called.hidden = !on;
    mic.hidden = !on;
    byId("stage-called-text").textContent = on ? t("stage.called", { by }) : "";
    announce(on ? t("stage.called", { by }) : t("stage.uncalled"));
  });
  let known = null; // the polls shown so far; a new one is announced (not those there on entering)
  stage.on("stage", (current) => {
    const ids = new Set(current?.polls.map((p) => p.id) ?? []);
    for (const poll of current?.polls ?? []) {
      if (known && !known.has(poll.id) && !poll.closed) announce(t("stage.poll.new", { question: poll.question }));
    }
    known = current ? ids : null;
    render();
  });
  render();
}
