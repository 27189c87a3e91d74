/** Who is in a call, per call, with a button to hold (or release) each one's microphone. */

import { t } from "../../i18n.js";
import { byId, h } from "../dom.js";
import { act } from "./act.js";

/** Draw `calls` (CallOut: call, people, held) into the console; `wire` holds microphones. */
export function renderCalls(calls, { wire }) {
  const errorEl = byId("mod-calls-error");
  const items = calls.map(({ call, people, held }) =>
    h(
      "li",
      { "data-call": call },
      h(
        "ul",
        {},
        ...people.map(({ id, name }) => {
          const isHeld = held.includes(id);
          const button = h("button", {
            type: "button",
            class: "button",
            "data-person": id,
            text: t(isHeld ? "console.mic_release" : "console.mic_hold", { name }),
            onclick: () => act(button, errorEl, () => wire.holdMic(id, !isHeld)),
          });
          return h("li", {}, h("span", { class: "person-name", text: name }), " ", button);
        }),
      ),
    ),
  );
  if (!items.length) items.push(h("li", { class: "hint", text: t("console.calls_none") }));
  byId("mod-calls").replaceChildren(...items);
}
