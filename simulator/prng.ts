/**
 * Seeded randomness with no shared state. Every decision of the simulator is a pure function of the seed
 * and of what it is about (org, day, file, parent, row), so files can be written in any order, one row at a
 * time, and the same seed always gives the same bytes.
 */
import { InternalError } from '../core/errors';

/** mulberry32: a tiny 32-bit generator, good enough for test data and the same on every machine. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** FNV-1a over the UTF-16 code units of a string: names (orgs, files) as numbers for `mix`. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines numbers into one well-spread 32-bit value (murmur3's finaliser after each part). */
export function mix(...parts: readonly number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= part >>> 0;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** A number in [0, 1) decided by the parts alone. */
export function unit(...parts: readonly number[]): number {
  return mix(...parts) / 4294967296;
}

export interface Random {
  /** [0, 1) */
  next(): number;
  /** A whole number in [min, max], both included. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

export function random(seed: number): Random {
  const next = mulberry32(seed);
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new InternalError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
