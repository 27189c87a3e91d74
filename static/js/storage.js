/** Web storage that never throws: browsers may disable it, a choice then lasts for the page. */

/** The stored value of `key` in `area` ("localStorage" or "sessionStorage"), or null. */
export function load(key, area = "localStorage") {
  try {
    return window[area].getItem(key);
  } catch {
    return null; // even reading window.localStorage throws where storage is disabled
  }
}

/** Store `value` under `key` when storage is available. */
export function save(key, value, area = "localStorage") {
  try {
    window[area].setItem(key, value);
  } catch {
    // storage disabled or full: nothing to do
  }
}
