// Character bigrams of compact normalized text: the path for phrases and
// quotes. Word tokens miss most substrings (a substring segments differently
// alone than in its sentence); bigrams of the same characters do not.

/** A bigram of two UTF-16 units as one number. */
export function bigramKey(a: number, b: number): number {
  return a * 65536 + b;
}

/** The distinct bigram keys of a compact text, ascending. */
export function bigramKeys(compact: string): Uint32Array {
  const n = Math.max(0, compact.length - 1);
  const keys = new Uint32Array(n);
  for (let i = 0; i < n; i++) keys[i] = bigramKey(compact.charCodeAt(i), compact.charCodeAt(i + 1));
  keys.sort();
  let u = 0;
  for (let i = 0; i < n; i++) if (i === 0 || keys[i] !== keys[u - 1]) keys[u++] = keys[i]!;
  return keys.slice(0, u);
}

/**
 * A bigram's first place in a body is kept in a byte (the PostgreSQL store's gram lists): this value
 * says "at this unit or later", and the place is among the others (BigramPlaces.more*).
 */
export const FIRST_UNKNOWN = 255;

/**
 * Every place where each of a body's distinct bigrams stands: what proves or rules out a phrase in a
 * passage without reading its body (postgres/gramPlaces.ts). Most bigrams stand once, early: a byte each.
 */
export interface BigramPlaces {
  /** For each gram (ascending, as bigramKeys gives them), the unit where it first stands if below FIRST_UNKNOWN, else FIRST_UNKNOWN. */
  firsts: Uint8Array;
  /** Every other place, as (gram's index, unit) pairs ascending by index, then by unit. */
  moreGrams: Uint32Array;
  morePlaces: Uint32Array;
}

/** A hash table from a passage's bigram keys to their indexes, reused: slots hold index + 1, 0 when empty. */
let slots = new Int32Array(256);
let slotKeys = new Uint32Array(256);

/**
 * The places of `grams` (compact's distinct bigram keys, ascending) in compact. Each unit's key is found
 * in a small hash table of the passage's keys: a binary search among them took 3.3–4.2 s for the 31
 * million units of 100 MB, most of it mispredicted branches.
 */
export function bigramPlaces(compact: string, grams: Uint32Array): BigramPlaces {
  let size = 16;
  while (size < 2 * grams.length) size *= 2;
  if (slots.length < size) {
    slots = new Int32Array(size);
    slotKeys = new Uint32Array(size);
  }
  const mask = size - 1;
  const slotOf = (key: number): number => {
    let h = (Math.imul(key, 0x9e3779b1) >>> 16) & mask;
    while (slots[h] !== 0 && slotKeys[h] !== key) h = (h + 1) & mask;
    return h;
  };
  for (let j = 0; j < grams.length; j++) {
    const h = slotOf(grams[j]!);
    slots[h] = j + 1;
    slotKeys[h] = grams[j]!;
  }
  const firsts = new Uint8Array(grams.length).fill(FIRST_UNKNOWN);
  // The other places as index × 2^32 + unit, exact in a double: one typed sort orders them.
  const others = new Float64Array(Math.max(0, compact.length - 1));
  let n = 0;
  for (let i = 0; i + 1 < compact.length; i++) {
    const j = slots[slotOf(bigramKey(compact.charCodeAt(i), compact.charCodeAt(i + 1)))]! - 1;
    // Units rise: a gram's first place below the cap is found before any other of its places.
    if (i < FIRST_UNKNOWN && firsts[j] === FIRST_UNKNOWN) firsts[j] = i;
    else others[n++] = j * 2 ** 32 + i;
  }
  slots.fill(0, 0, size);
  const sorted = others.subarray(0, n).sort();
  const moreGrams = new Uint32Array(n);
  const morePlaces = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    moreGrams[k] = Math.floor(sorted[k]! / 2 ** 32);
    morePlaces[k] = sorted[k]! % 2 ** 32;
  }
  return { firsts, moreGrams, morePlaces };
}
