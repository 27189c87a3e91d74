/** Choosing my look (a character and its colour) and reacting (wave, applause, raised hand). */

import { errorText, t } from "../i18n.js";
import { COLOURS, FIGURES, FRAME, lookOf, lookRow, walkFrame } from "../looks.js";
import { Emote } from "../protocol.js";
import { load, save } from "../storage.js";
import { announce } from "./announcer.js";
import { byId, h } from "./dom.js";

const STORAGE_KEY = "venue.look";
const SHEET_COLUMNS = 12;

/** A small picture of a look ({figure, colour}, or a person whose look is used), facing me. */
export function lookPreview(lookOrPerson) {
  const look = "figure" in lookOrPerson ? lookOrPerson : lookOf(lookOrPerson);
  const frame = walkFrame(lookRow(look), "down", 0, false);
  const picture = h("span", { class: "look-preview", "aria-hidden": "true" });
  // CSSOM, not a style attribute: allowed by the Content-Security-Policy
  picture.style.backgroundPosition = `${-(frame % SHEET_COLUMNS) * FRAME.width}px ${-Math.floor(frame / SHEET_COLUMNS) * FRAME.height}px`;
  return picture;
}

/**
 * Wire the look picker and the reactions to `wire`; `me()` is my person. Returns
 * `connected()`, called after each welcome: it tells the server my remembered look.
 */
export function setupLooks({ wire, me }) {
  const choices = byId("look-choices");
  const hand = byId("emote-hand");
  let chosen = loadLook();

  function draw() {
    const current = chosen ?? lookOf(me());
    const group = (kind, values, lookFor) =>
      h(
        "fieldset",
        { class: `look-group look-${kind}` },
        h("legend", { text: t(`look.${kind}`) }),
        ...values.map((value) => {
          const id = `look-${kind}-${value}`;
          const input = h("input", {
            type: "radio",
            id,
            name: `look-${kind}`,
            value,
            checked: current[kind] === value,
            onchange: () => choose({ ...current, [kind]: value }),
          });
          return h("label", { for: id, class: "look-choice" }, input, lookPreview(lookFor(value)), h("span", { text: t(`look.${kind}.${value}`) }));
        }),
      );
    choices.replaceChildren(
      group("figure", FIGURES, (figure) => ({ figure, colour: current.colour })),
      group("colour", COLOURS, (colour) => ({ figure: current.figure, colour })),
    );
  }

  async function choose(look) {
    const result = await wire.setLook(look.figure, look.colour);
    if (!result.ok) return announce(errorText(result.error));
    chosen = look;
    save(STORAGE_KEY, JSON.stringify(look));
    const focused = document.activeElement?.id;
    draw();
    if (focused) document.getElementById(focused)?.focus();
  }

  for (const button of byId("reactions").querySelectorAll("button[data-emote]")) {
    button.addEventListener("click", async () => {
      const raised = hand.getAttribute("aria-pressed") === "true";
      const emote = button === hand && raised ? Emote.HAND_DOWN : button.dataset.emote;
      const result = await wire.emote(emote);
      if (!result.ok) announce(errorText(result.error));
    });
  }

  return {
    /** After a (re)connect: tell the server my remembered look; draw the picker. */
    connected() {
      const person = me();
      const wanted = chosen && `${chosen.figure}-${chosen.colour}`;
      if (wanted && person.look !== wanted) wire.setLook(chosen.figure, chosen.colour);
      draw();
      this.showHand(person);
    },
    /** My hand is up or down (the button says which). */
    showHand(person) {
      hand.setAttribute("aria-pressed", String(Boolean(person.hand)));
    },
  };
}

function loadLook() {
  try {
    const look = JSON.parse(load(STORAGE_KEY) ?? "null");
    return look && FIGURES.includes(look.figure) && COLOURS.includes(look.colour) ? look : null;
  } catch {
    return null;
  }
}
