/** The join form: a display name, checked here by the server's rule, then POST /api/join. */

import { Api, ClientErrorCode, ErrorCode, NAME_MAX } from "../protocol.js";
import { errorText } from "../i18n.js";
import { byId } from "./dom.js";

// Same rule as venue.domain.people.clean_display_name: no control, format, surrogate,
// private-use or unassigned characters; whitespace runs collapse; 1..40 characters.
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}]/u;

/** The cleaned name, or null when the server would refuse it. */
export function cleanName(raw) {
  const name = raw.normalize("NFC");
  if (FORBIDDEN.test(name)) return null;
  const cleaned = name.replace(/\s+/gu, " ").trim();
  const length = [...cleaned].length;
  return length >= 1 && length <= NAME_MAX ? cleaned : null;
}

/** Show the join form; `onJoined(participant)` runs after the server accepted the name. */
export function showJoin(onJoined, { notice } = {}) {
  const form = byId("join-form");
  const input = byId("join-name");
  byId("app").hidden = true;
  byId("join").hidden = false;
  if (notice) showError(notice);
  input.focus();

  form.onsubmit = async (event) => {
    event.preventDefault();
    const name = cleanName(input.value);
    if (name === null) return showError(errorText({ code: ErrorCode.NAME_INVALID }));
    setBusy(true);
    try {
      const participant = await join(name);
      clearError();
      byId("join").hidden = true;
      onJoined(participant);
    } catch (error) {
      showError(errorText(error));
    } finally {
      setBusy(false);
    }
  };
  input.oninput = () => {
    if (input.getAttribute("aria-invalid") === "true") clearError();
  };
}

/** A refused join, with the error code the catalogue translates. */
class JoinError extends Error {
  constructor({ code, message }) {
    super(message);
    this.code = code;
  }
}

/** POST the name; resolves with the participant, rejects with a JoinError. */
async function join(name) {
  let response;
  try {
    response = await fetch(Api.JOIN, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ name }),
    });
  } catch {
    throw new JoinError({ code: ClientErrorCode.NETWORK, message: "network" });
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new JoinError(body.error ?? { code: ErrorCode.INTERNAL, message: `HTTP ${response.status}` });
  return body.participant;
}

function showError(text) {
  const input = byId("join-name");
  const error = byId("join-error");
  error.textContent = text;
  error.hidden = false;
  input.setAttribute("aria-invalid", "true");
  input.focus();
}

function clearError() {
  byId("join-error").hidden = true;
  byId("join-error").textContent = "";
  byId("join-name").removeAttribute("aria-invalid");
}

function setBusy(busy) {
  byId("join-form").querySelector("button[type=submit]").disabled = busy;
  byId("join-form").setAttribute("aria-busy", String(busy));
}
