// Sets of passages for one query, in arrays indexed by passage number that
// are allocated once per engine and never cleared: each query and each
// condition gets a fresh stamp instead. At 100 MB (~300,000 passages)
// allocating and zeroing five such arrays per query would cost more than
// answering a selective query.

export class PassageSets {
  private readonly seen: Uint32Array;
  private readonly count: Uint16Array;
  /** Conditions met through a list of the words as typed, not only through a short form. */
  private readonly exactCount: Uint16Array;
  private readonly counted: Uint32Array;
  private readonly tierCount: Uint8Array;
  private readonly tierSeen: Uint32Array;
  private readonly flag: Uint32Array;
  /** Room for every passage: matches are written here, and read as a view of it. */
  private readonly out: Uint32Array;
  /** Two more rooms for a query's orderings of its matches (see orderBuffer). */
  private readonly orders: [Uint32Array, Uint32Array];
  private stamp = 0;
  private query = 0;
  private conditions = 0;
  private condition = 0;
  /** The lists of each condition, to walk the smallest one at the end. */
  private lists: Array<{ lists: Array<ArrayLike<number>>; size: number }> = [];

  constructor(readonly size: number) {
    this.seen = new Uint32Array(size);
    this.count = new Uint16Array(size);
    this.exactCount = new Uint16Array(size);
    this.counted = new Uint32Array(size);
    this.tierCount = new Uint8Array(size);
    this.tierSeen = new Uint32Array(size);
    this.flag = new Uint32Array(size);
    this.out = new Uint32Array(size);
    this.orders = [new Uint32Array(size), new Uint32Array(size)];
  }

  /**
   * Room for `n` passages in order, a view of buffer `which`, valid until this query is done with
   * the sets (as matches() is): ranking's orderings of 100,000 matches allocate nothing.
   */
  orderBuffer(which: 0 | 1, n: number): Uint32Array {
    return this.orders[which].subarray(0, n);
  }

  begin(): void {
    this.query = ++this.stamp;
    this.conditions = 0;
    this.lists = [];
  }

  /** Starts a condition: a passage meets it if it is in any list given to meet() until the next one. */
  next(): void {
    this.condition = ++this.stamp;
    this.conditions++;
    this.lists.push({ lists: [], size: 0 });
  }

  /**
   * A list of passages meeting the current condition. `exact` is false for a list of short forms
   * (对台 for 台湾); a condition's exact lists are met before its short forms.
   */
  meet(gids: ArrayLike<number>, exact = true): void {
    const c = this.condition;
    const q = this.query;
    const e = exact ? 1 : 0;
    for (let i = 0; i < gids.length; i++) {
      const g = gids[i]!;
      if (this.seen[g] === c) continue;
      this.seen[g] = c;
      if (this.counted[g] !== q) {
        this.counted[g] = q;
        this.count[g] = 0;
        this.exactCount[g] = 0;
      }
      this.count[g]!++;
      this.exactCount[g]! += e;
    }
    const own = this.lists[this.lists.length - 1]!;
    own.lists.push(gids);
    own.size += gids.length;
  }

  /** One more tier for each passage of the list (a part found as one contiguous string). */
  raiseTier(gids: ArrayLike<number>): void {
    const q = this.query;
    for (let i = 0; i < gids.length; i++) {
      const g = gids[i]!;
      if (this.tierSeen[g] !== q) {
        this.tierSeen[g] = q;
        this.tierCount[g] = 0;
      }
      this.tierCount[g]!++;
    }
  }

  tier(g: number): number {
    return this.tierSeen[g] === this.query ? this.tierCount[g]! : 0;
  }

  /** Every condition met through the words as typed (valid for a passage that meets every condition). */
  exact(g: number): boolean {
    return this.counted[g] === this.query && this.exactCount[g] === this.conditions;
  }

  private meetsAll(g: number): boolean {
    return this.counted[g] === this.query && this.count[g] === this.conditions;
  }

  /**
   * Passages meeting every condition and `accept`, ascending. Walks the
   * smallest condition's list when it is one ascending list; else its lists,
   * or every passage when that is cheaper than sorting. A view of this
   * object's buffer, valid until its next call: a common word's 120,000
   * matches are not copied (a query uses them before it awaits again).
   */
  matches(accept: (g: number) => boolean): Uint32Array {
    const smallest = this.lists.reduce((a, b) => (b.size < a.size ? b : a), this.lists[0]!);
    const out = this.out;
    let n = 0;
    // One ascending list (a substring's, a tag's): walked as it is, however long, with nothing to sort.
    if (smallest.lists.length === 1) {
      const list = smallest.lists[0]!;
      let ascending = true;
      for (let i = 0, prev = -1; i < list.length; i++) {
        const g = list[i]!;
        if (g <= prev) {
          ascending = false;
          break;
        }
        prev = g;
        if (this.meetsAll(g) && accept(g)) out[n++] = g;
      }
      if (ascending) return out.subarray(0, n);
      n = 0;
    }
    if (smallest.size * 8 > this.size) {
      for (let g = 0; g < this.size; g++) if (this.meetsAll(g) && accept(g)) out[n++] = g;
      return out.subarray(0, n);
    }
    const mark = ++this.stamp;
    for (const list of smallest.lists) {
      for (let i = 0; i < list.length; i++) {
        const g = list[i]!;
        if (this.flag[g] === mark) continue;
        this.flag[g] = mark;
        if (this.meetsAll(g) && accept(g)) out[n++] = g;
      }
    }
    return out.subarray(0, n).sort();
  }

  /** A fresh set of flags, valid until the next call of flags() or matches(). */
  flags(): { mark: (g: number) => void; unmark: (g: number) => void; has: (g: number) => boolean } {
    const f = ++this.stamp;
    return {
      mark: (g) => void (this.flag[g] = f),
      unmark: (g) => void (this.flag[g] = 0),
      has: (g) => this.flag[g] === f,
    };
  }
}
