/**
 * Contact details by double opt-in: "Kontakt teilen" on a person offers, the other side
 * answers in a banner; only when both agree does each get the other's card (on /me).
 * Ticking "share my e-mail" is each side's own choice, made when offering or agreeing.
 */

import { t } from "../i18n.js";
import { h } from "./dom.js";

let checkboxes = 0;

/** A "share my e-mail" checkbox, unticked; `.checked` is read when the button is pressed. */
function emailChoice() {
  const id = `contact-email-${++checkboxes}`;
  const box = h("input", { id, type: "checkbox", class: "contact-email-choice" });
  return { box, element: h("label", { class: "notice-choice", for: id }, box, t("contact.share_email")) };
}

/**
 * Follow `wire` (contact.asked, contact.exchanged) and show banners in `notices` (a Notices);
 * `announce(text)` speaks. Returns `offer(person)` for the person card and the roster, and
 * `load()` to show the offers that arrived while I was away (after each connect).
 */
export function setupContacts({ wire, notices, announce }) {
  const exchanged = (card) => {
    if (!card) return;
    notices.remove(`contact-asked-${card.person}`);
    notices.remove(`contact-offer-${card.person}`);
    const text = t("contact.exchanged", { name: card.name });
    notices.show(`contact-card-${card.person}`, {
      text,
      dismiss: true,
      extra: h("a", { href: "/me#me-contacts", class: "notice-link", target: "_blank", rel: "noopener", text: t("contact.open_me") }),
      data: { "data-contact": card.person },
    });
    announce(text);
  };

  const asked = ({ person, name }) => {
    const choice = emailChoice();
    notices.show(`contact-asked-${person}`, {
      text: t("contact.asked", { name }),
      extra: choice.element,
      data: { "data-contact": person },
      actions: [
        {
          label: t("contact.accept"),
          primary: true,
          run: async () => {
            const result = await wire.answerContact(person, true, choice.box.checked);
            if (result.ok) exchanged(result.value.card);
            return result;
          },
        },
        {
          label: t("contact.decline"),
          run: async () => {
            const result = await wire.answerContact(person, false, false);
            if (result.ok) announce(t("contact.declined", { name }));
            return result;
          },
        },
      ],
    });
    announce(t("contact.asked", { name }));
  };

  const offer = (person) => {
    const choice = emailChoice();
    const banner = notices.show(`contact-offer-${person.id}`, {
      text: t("contact.offer", { name: person.name }),
      extra: choice.element,
      data: { "data-contact": person.id },
      actions: [
        {
          label: t("contact.send"),
          primary: true,
          run: async () => {
            const result = await wire.requestContact(person.id, choice.box.checked);
            if (result.ok && result.value.card) exchanged(result.value.card);
            else if (result.ok) announce(t("contact.sent", { name: person.name }));
            return result;
          },
        },
        { label: t("contact.cancel"), run: async () => ({ ok: true }) },
      ],
    });
    choice.box.focus();
    return banner;
  };

  wire.on("contactAsked", asked);
  wire.on("contactExchanged", exchanged);
  return {
    offer,
    async load() {
      const result = await wire.listContacts();
      if (result.ok) for (const waiting of result.value.asked) asked(waiting);
    },
  };
}
