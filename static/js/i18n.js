/** Message catalogues: one flat JSON file per language in /static/locales/. */

let catalogue = {};
let language = "de";

/** Load the catalogue of `lang`; falls back to German when it cannot be fetched. */
export async function loadCatalogue(lang) {
  language = lang === "en" ? "en" : "de";
  const response = await fetch(`/static/locales/${language}.json`, { credentials: "same-origin" });
  if (!response.ok) throw new Error(`catalogue ${language}: HTTP ${response.status}`);
  catalogue = await response.json();
}

/** The message `key` with `{param}` placeholders filled in; the key itself when it is missing. */
export function t(key, params = {}) {
  const text = catalogue[key];
  if (typeof text !== "string") return key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** The current language ("de" or "en"). */
export function currentLanguage() {
  return language;
}

/** Whether the catalogue has `key` (to fall back to a server message otherwise). */
export function has(key) {
  return typeof catalogue[key] === "string";
}

/** A `{de, en}` text in the current language. */
export function pick(text) {
  if (!text) return "";
  if (typeof text === "string") return text;
  return text[language] ?? text.de ?? "";
}

/** The text of a refusal or connect error: translated by code, else the server's message. */
export function errorText(error) {
  const code = error?.code ?? "internal";
  const key = `error.${code}`;
  return has(key) ? t(key) : error?.message || t("error.internal");
}
