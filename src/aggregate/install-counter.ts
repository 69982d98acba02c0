// Distinct installations of a group: exact up to EXACT_INSTALLS, then a
// HyperLogLog estimate (about 0.8% standard error) in 16 KiB, so a group of
// millions of installations costs no more memory than a small one. The estimate
// depends only on the set of IDs, never on their order, so shards, merges and
// full runs report the same figure.
//
// Written here rather than taken from a package: the HyperLogLogs on npm hash
// strings, and the IDs here are 16 raw bytes that would have to become a string
// on every add.

import { hashWords } from '../uuid/hash32.ts';
import { UuidWordsSink } from '../uuid/uuid-codec.ts';
import { UuidSet } from '../uuid/uuid-set.ts';

/** Installs counted exactly; past this many the count becomes an estimate. */
export const EXACT_INSTALLS = 16_384;
const PRECISION = 14;
const REGISTERS = 1 << PRECISION;
const ALPHA = 0.7213 / (1 + 1.079 / REGISTERS);

/** Two independent 32-bit hashes of the four words (the one hash, two seeds): register index and rank. */
const hashA = (a: number, b: number, c: number, d: number) => hashWords(a, b, c, d, 0x27d4eb2f);
const hashB = (a: number, b: number, c: number, d: number) => hashWords(d, c, b, a, 0x165667b1);

export class InstallCounter extends UuidWordsSink<void> {
  // Three forms: one installation in four words (most configurations of a run with
  // many distinct values have a single session), then the exact set, then registers.
  #exact: UuidSet | null = null;
  #registers: Uint8Array | null = null;
  #single = false;
  #a = 0;
  #b = 0;
  #c = 0;
  #d = 0;

  /** The number of distinct installs: exact, or an estimate when `approximate`. */
  get size(): number {
    if (this.#registers) return this.#estimate();
    if (this.#exact) return this.#exact.size;
    return this.#single ? 1 : 0;
  }

  get approximate(): boolean {
    return this.#registers !== null;
  }

  override addWords(a: number, b: number, c: number, d: number): void {
    if (this.#registers) {
      this.#register(a, b, c, d);
      return;
    }
    if (!this.#exact) {
      if (!this.#single) {
        this.#single = true;
        this.#a = a;
        this.#b = b;
        this.#c = c;
        this.#d = d;
        return;
      }
      if (a === this.#a && b === this.#b && c === this.#c && d === this.#d) return;
      this.#exact = new UuidSet();
      this.#exact.addWords(this.#a, this.#b, this.#c, this.#d);
      this.#single = false;
    }
    this.#exact.addWords(a, b, c, d);
    if (this.#exact.size > EXACT_INSTALLS) this.#toRegisters();
  }

  /** Past the exact limit (or to merge an estimate): every ID so far goes into the registers. */
  #toRegisters(): void {
    this.#registers = new Uint8Array(REGISTERS);
    if (this.#exact) this.#exact.forEachWords((w, x, y, z) => this.#register(w, x, y, z));
    else if (this.#single) this.#register(this.#a, this.#b, this.#c, this.#d);
    this.#exact = null;
    this.#single = false;
  }

  /** Adds every installation `other` counted: exact while both are, else through the registers. */
  mergeFrom(other: InstallCounter): void {
    if (other.#registers) {
      if (!this.#registers) this.#toRegisters();
      const mine = this.#registers!;
      const theirs = other.#registers;
      for (let i = 0; i < REGISTERS; i += 1) if (theirs[i]! > mine[i]!) mine[i] = theirs[i]!;
      return;
    }
    if (other.#exact) other.#exact.forEachWords((a, b, c, d) => this.addWords(a, b, c, d));
    else if (other.#single) this.addWords(other.#a, other.#b, other.#c, other.#d);
  }

  #register(a: number, b: number, c: number, d: number): void {
    const registers = this.#registers!;
    const index = hashA(a, b, c, d) >>> (32 - PRECISION);
    const rank = Math.clz32(hashB(a, b, c, d)) + 1;
    if (rank > registers[index]!) registers[index] = rank;
  }

  #estimate(): number {
    const registers = this.#registers!;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < REGISTERS; i += 1) {
      const rank = registers[i]!;
      sum += 2 ** -rank;
      if (rank === 0) zeros += 1;
    }
    const raw = (ALPHA * REGISTERS * REGISTERS) / sum;
    // Small range: linear counting is the better estimate while registers are empty.
    const estimate = raw <= 2.5 * REGISTERS && zeros > 0 ? REGISTERS * Math.log(REGISTERS / zeros) : raw;
    return Math.round(estimate);
  }
}
