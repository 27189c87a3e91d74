/**
 * Decoders of speed networking at the bar and of a person's interests (their card): the
 * server's payloads (venue/protocol/networking.py) as the client's values.
 */

const list = (items, decode = (item) => item) => (items ?? []).map(decode);
const member = ({ id, name }) => ({ id, name });
const interest = ({ id, name }) => ({ id, name: { de: name.de, en: name.en } });

/**
 * @typedef {{running: boolean, space: string|null, round: number, rounds: number, minutes: number,
 *   size: number, ends: string|null}} NetworkingState
 * @typedef {{id: string, name: {de: string, en: string}}} Interest
 * @typedef {{id: string, name: string, shared: Interest[]}} Partner
 * @typedef {{round: number, table: string|null, label: string|null, partners: Partner[],
 *   waiting: boolean, paused: boolean}} NetworkingYou
 * @typedef {{person: string, interests: Interest[], offer: string, seeking: string}} Profile
 */

/** `networking.state`. @returns {NetworkingState} */
export const networkingState = (s) => ({
  running: s.running,
  space: s.space ?? null,
  round: s.round ?? 0,
  rounds: s.rounds ?? 0,
  minutes: s.minutes ?? 0,
  size: s.size ?? 0,
  ends: s.ends ?? null,
});

/** `networking.you`: my table this round and who sits there. @returns {NetworkingYou} */
export const networkingYou = (y) => ({
  round: y.round,
  table: y.table ?? null,
  label: y.label ?? null,
  partners: list(y.partners, ({ id, name, shared }) => ({ id, name, shared: list(shared, interest) })),
  waiting: y.waiting ?? false,
  paused: y.paused ?? false,
});

/** `networking.warning`: the tables change in `seconds` (`last`: the session ends). */
export const networkingWarning = ({ round, seconds, last }) => ({ round, seconds, last });

/** The console's part: settings, every round with who sat where, who opted out. */
export const networkingConsole = (n) =>
  n
    ? {
        state: networkingState(n.state),
        rounds: list(n.rounds, (r) => ({
          round: r.round,
          started: r.started,
          tables: list(r.tables, ({ table, label, people }) => ({ table, label, people: list(people, member) })),
          waiting: list(r.waiting, member),
        })),
        paused: list(n.paused, member),
      }
    : null;

/** The ack of `person.profile`: interests as the person agreed to show them. @returns {Profile} */
export const profile = (p) => ({
  person: p.person,
  interests: list(p.interests, interest),
  offer: p.offer,
  seeking: p.seeking,
});
