/**
 * One-tap feedback: when a block I was in ends, a banner asks how it was. One tap on a star
 * count sends the rating (with the line, if I wrote one); the server keeps one per block.
 */

import { t } from "../i18n.js";
import { h } from "./dom.js";

const COMMENT_MAX = 280;
const THANKS_MS = 4000;

/** Follow `wire`'s feedback.ask and ask in `notices` (a Notices); `announce(text)` speaks. */
export function setupFeedback({ wire, notices, announce }) {
  wire.on("feedbackAsk", ({ block, title }) => {
    const key = `feedback-${block}`;
    const id = `feedback-comment-${block}`;
    const comment = h("input", { id, type: "text", maxlength: String(COMMENT_MAX), class: "feedback-comment", autocomplete: "off" });
    const text = t("feedback.ask", { title });
    notices.show(key, {
      text,
      dismiss: true,
      extra: h("span", { class: "feedback-line" }, h("label", { for: id, text: t("feedback.comment") }), comment),
      data: { "data-feedback": String(block) },
      actions: [1, 2, 3, 4, 5].map((stars) => ({
        label: `${stars} ★`,
        run: async () => {
          const result = await wire.rateBlock(block, stars, comment.value);
          if (result.ok) thank(`${key}-thanks`);
          return result;
        },
      })),
    });
    announce(text);
  });

  function thank(key) {
    notices.show(key, { text: t("feedback.thanks"), data: { role: "status" } });
    announce(t("feedback.thanks"));
    setTimeout(() => notices.remove(key), THANKS_MS);
  }
}
