// The layout of a line the scan took: its bytes cut into literal text and
// values. Producers write every summary alike (same keys, same order, same
// blanks), so a later line whose literal text is byte for byte the same has the
// same fields, each once, in the same places; only its values need reading, by
// the very routines the scan uses. A line that differs anywhere is read by the
// scan, as before.

import { equalBytes } from './bytes.ts';
import { V_KINDS } from './field-readers.ts';

export interface Layout {
  /** Kind of each value, in order. */
  values: Uint8Array;
  /** Literal text before each value, and after the last one (to the end of the line, blanks included). */
  literals: Uint8Array[];
  /**
   * The same for comparing four bytes at a time: every literal's whole words
   * (little-endian), one literal after another; where literal k's words start
   * (and, at k + 1, end); and its last four bytes as a word, compared when its
   * length is not a multiple of four (the two may overlap). A literal shorter
   * than four bytes is compared byte by byte.
   */
  words: Uint32Array;
  wordStarts: Int32Array;
  tails: Uint32Array;
  lengths: Int32Array;
  installed: boolean;
  /** Configuration slots the line sets to null (part of its literal text), one bit each. */
  nulls: number;
  hasKinds: boolean;
  /** By other layout: how many leading literal-and-value steps the two have in common. */
  shared: Map<Layout, number>;
}

/** The layout of the line [start, lineEnd) whose values of `kinds` span [starts[k], ends[k]). */
export function layoutOf(
  b: Uint8Array,
  start: number,
  lineEnd: number,
  kinds: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  installed: boolean,
  nulls: number,
): Layout {
  const count = kinds.length;
  const literals: Uint8Array[] = [];
  let from = start;
  for (let k = 0; k < count; k += 1) {
    literals.push(b.slice(from, starts[k]));
    from = ends[k]!;
  }
  literals.push(b.slice(from, lineEnd));
  const wordStarts = new Int32Array(literals.length + 1);
  for (let k = 0; k < literals.length; k += 1) wordStarts[k + 1] = wordStarts[k]! + (literals[k]!.length >>> 2);
  const words = new Uint32Array(wordStarts[literals.length]!);
  const tails = new Uint32Array(literals.length);
  const lengths = Int32Array.from(literals, (literal) => literal.length);
  for (const [k, literal] of literals.entries()) {
    // Read as the scanner's match reads the line, so the two agree by construction.
    const view = new DataView(literal.buffer, literal.byteOffset, literal.byteLength);
    for (let w = 0; w < literal.length >>> 2; w += 1) words[wordStarts[k]! + w] = view.getUint32(4 * w, true);
    if (literal.length >= 4) tails[k] = view.getUint32(literal.length - 4, true);
  }
  return {
    values: kinds,
    literals,
    words,
    wordStarts,
    tails,
    lengths,
    installed,
    nulls,
    hasKinds: kinds.includes(V_KINDS),
    shared: new Map(),
  };
}

/** Steps two layouts begin with alike: same literal text, then same kind of value. */
function sharedSteps(a: Layout, b: Layout): number {
  const steps = Math.min(a.values.length, b.values.length);
  let k = 0;
  while (
    k < steps &&
    a.values[k] === b.values[k] &&
    equalBytes(a.literals[k]!, 0, a.literals[k]!.length, b.literals[k]!)
  )
    k += 1;
  return k;
}

/** Adds `layout` first to `layouts`, dropping the oldest past `max`, and records what it shares with each other. */
export function addLayout(layouts: Layout[], layout: Layout, max: number): void {
  if (layouts.length === max) {
    const dropped = layouts.pop()!;
    for (const other of layouts) other.shared.delete(dropped);
  }
  for (const other of layouts) {
    const steps = sharedSteps(layout, other);
    layout.shared.set(other, steps);
    other.shared.set(layout, steps);
  }
  layouts.unshift(layout);
}
