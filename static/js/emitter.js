/** A minimal publish/subscribe helper (the model must not depend on the DOM). */
export class Emitter {
  #listeners = new Map();

  /** Call `fn(detail)` whenever `type` is emitted; returns an unsubscribe function. */
  on(type, fn) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type).add(fn);
    return () => this.#listeners.get(type)?.delete(fn);
  }

  /** Notify every listener of `type`. */
  emit(type, detail) {
    for (const fn of this.#listeners.get(type) ?? []) fn(detail);
  }
}
