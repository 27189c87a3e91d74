/**
 * Readable crowds: which names the map shows. Names far from me are left out, and of names
 * that would overlap only one shows, with how many more stand there ("Anna +3"); the others
 * show on hover. Mine always shows. Pure: positions in, decisions out.
 */

export const FAR = 320; // px: beyond this distance from me a name is not drawn (10 tiles)
export const LABEL_H = 20; // px: names closer than this vertically may overlap
const CHAR_W = 7; // px per character of a 12 px name, for people given without a width
const GAP = 4;

/**
 * `people` as [{id, x, y, w?}] (`w`: the label's width), `me` my id. Returns Map
 * id -> {shown: boolean, more: number}: `more` counts the hidden names a shown one covers.
 */
export function declutter(people, me) {
  const mine = people.find((p) => p.id === me);
  const distance = (p) => (mine ? Math.hypot(p.x - mine.x, p.y - mine.y) : 0);
  const order = [...people].sort((a, b) => (a.id === me ? -1 : b.id === me ? 1 : distance(a) - distance(b)));
  const shown = [];
  const result = new Map();
  for (const person of order) {
    const label = { ...person, w: person.w ?? String(person.name ?? person.id).length * CHAR_W + 10 };
    if (person.id !== me && mine && distance(person) > FAR) {
      result.set(person.id, { shown: false, more: 0 });
      continue;
    }
    const cover = shown.find((s) => Math.abs(s.x - label.x) < (s.w + label.w) / 2 + GAP && Math.abs(s.y - label.y) < LABEL_H);
    if (cover) {
      result.get(cover.id).more += 1;
      result.set(person.id, { shown: false, more: 0 });
    } else {
      shown.push(label);
      result.set(person.id, { shown: true, more: 0 });
    }
  }
  return result;
}
