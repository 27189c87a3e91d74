/** "Find someone": search people by name, see where they are, go to them, write to them. */

import { errorText, t } from "../i18n.js";
import { byId, h } from "./dom.js";

/**
 * Wire the locate form to `wire` (the Wire). `spaceName(id)` names a space, `currentSpace()`
 * is mine; `onGoTo(match)` walks me next to a found person ({id, name, space}), in their
 * space; `onDm(match)` opens direct messages with them.
 */
export function setupLocate({ wire, spaceName, currentSpace, onGoTo, onDm }) {
  const form = byId("locate-form");
  const input = byId("locate-input");
  const summary = byId("locate-summary");
  const results = byId("locate-results");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const query = input.value.trim();
    results.replaceChildren();
    if (!query) {
      summary.textContent = t("locate.empty_query");
      return;
    }
    const result = await wire.locate([...query].slice(0, 40).join(""));
    if (!result.ok) {
      summary.textContent = errorText(result.error);
      return;
    }
    const matches = result.value;
    summary.textContent = matches.length
      ? t("locate.found", { count: matches.length })
      : t("locate.none", { query });
    results.replaceChildren(...matches.map((m) => matchItem(m)));
  });

  function matchItem(match) {
    const here = match.space === currentSpace();
    const where = spaceName(match.space);
    return h(
      "li",
      {},
      h("span", { class: "person-name", text: match.name }),
      h("span", { class: "where", text: here ? t("locate.here") : t("locate.in", { space: where }) }),
      h(
        "button",
        { type: "button", class: "button button-small", onclick: () => onGoTo(match) },
        t("person.goto"),
        h("span", { class: "visually-hidden", text: `: ${match.name}` }),
      ),
      h(
        "button",
        { type: "button", class: "button button-small", onclick: () => onDm(match) },
        t("person.dm"),
        h("span", { class: "visually-hidden", text: `: ${match.name}` }),
      ),
    );
  }
}
