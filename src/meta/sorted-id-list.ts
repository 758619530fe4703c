/**
 * A posting list of series ids kept in an order the caller defines (the index: TSUID byte order), so
 * a lookup can walk it from the start and stop at its limit. Appends go to an unsorted tail that is
 * merged into the sorted head once it holds MAX_TAIL ids (or an eighth of the head, if less): an
 * insert costs O(1) amortized for small lists and O(n / MAX_TAIL) for the largest, and a reader never
 * sorts more than MAX_TAIL ids.
 */

/** Orders two series ids; must be a total order consistent over the list's life. */
export type IdOrder = (a: number, b: number) => number;

const MAX_TAIL = 2048;
const MIN_TAIL = 8;

export class SortedIdList {
  #ids: Int32Array;
  /** ids[0, sorted) are in order; ids[sorted, length) are the tail, in arrival order. */
  #sorted = 0;
  #length = 0;
  #tailInOrder = true;

  constructor(capacity = 2) {
    this.#ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.#length;
  }

  /** Bytes held by the list's array (for the index's memory figure). */
  get byteLength(): number {
    return this.#ids.byteLength;
  }

  add(id: number, order: IdOrder): void {
    if (this.#length === this.#ids.length) {
      const grown = new Int32Array(Math.max(4, this.#ids.length * 2));
      grown.set(this.#ids);
      this.#ids = grown;
    }
    const ids = this.#ids;
    ids[this.#length++] = id;
    // Ids that arrive in order (a load in key order) keep the tail sorted for free.
    const tailStart = this.#length - 1 === this.#sorted;
    this.#tailInOrder = tailStart || (this.#tailInOrder && order(ids[this.#length - 2], id) <= 0);
    const tail = this.#length - this.#sorted;
    if (tail >= Math.min(MAX_TAIL, Math.max(MIN_TAIL, this.#sorted >> 3))) this.#mergeTail(order);
  }

  /** Calls `visit` with every id in order until it returns false. */
  forEach(order: IdOrder, visit: (id: number) => boolean): void {
    this.#sortTail(order);
    const ids = this.#ids;
    const headEnd = this.#sorted;
    const end = this.#length;
    let i = 0;
    let j = headEnd;
    while (i < headEnd || j < end) {
      let id: number;
      if (j >= end || (i < headEnd && order(ids[i], ids[j]) <= 0)) id = ids[i++];
      else id = ids[j++];
      if (!visit(id)) return;
    }
  }

  #sortTail(order: IdOrder): void {
    if (this.#tailInOrder) return;
    this.#ids.subarray(this.#sorted, this.#length).sort(order);
    this.#tailInOrder = true;
  }

  #mergeTail(order: IdOrder): void {
    this.#sortTail(order);
    const head = this.#ids.slice(0, this.#sorted);
    const ids = this.#ids;
    const end = this.#length;
    let i = 0;
    let j = this.#sorted;
    let out = 0;
    // Merge the saved head with the sorted tail back into ids; the write index never passes j.
    while (i < head.length && j < end) ids[out++] = order(head[i], ids[j]) <= 0 ? head[i++] : ids[j++];
    while (i < head.length) ids[out++] = head[i++];
    this.#sorted = end;
    this.#tailInOrder = true;
  }
}
