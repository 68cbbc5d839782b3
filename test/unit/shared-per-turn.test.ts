import { describe, expect, it } from 'vitest';
import { sharedPerTurn } from '../../src/platform/batching.js';

describe('sharedPerTurn: loads of one turn of the event loop in one call', () => {
  it('sends the loads of one turn together, and those of a later turn in a call of their own', async () => {
    const calls: number[][] = [];
    const owner = {};
    const loader = () => sharedPerTurn<number, number>(owner, 'double', async (keys) => {
      calls.push([...keys]);
      return keys.map((key) => key * 2);
    });
    const first = await Promise.all([1, 2, 3].map((key) => loader().load(key)));
    expect(first).toEqual([2, 4, 6]);
    const later = await loader().load(10);
    expect(later).toBe(20);
    expect(calls).toEqual([[1, 2, 3], [10]]);
  });

  it('keeps owners and names apart, caches nothing, and fails only the keys whose value is an error', async () => {
    let reads = 0;
    const owner = {};
    const fetch = async (keys: readonly string[]) => {
      reads++;
      return keys.map((key) => (key === 'bad' ? new Error(`no ${key}`) : `${key}:${reads}`));
    };
    const [good, bad] = await Promise.allSettled([sharedPerTurn(owner, 'a', fetch).load('x'), sharedPerTurn(owner, 'a', fetch).load('bad')]);
    expect(good).toEqual({ status: 'fulfilled', value: 'x:1' });
    expect(bad.status).toBe('rejected');
    // Not cached: the same key read again is read again.
    expect(await sharedPerTurn(owner, 'a', fetch).load('x')).toBe('x:2');
    // Another name or owner is another loader (its own batch).
    const [other, elsewhere] = await Promise.all([sharedPerTurn(owner, 'b', fetch).load('x'), sharedPerTurn({}, 'a', fetch).load('x')]);
    expect([other, elsewhere].sort()).toEqual(['x:3', 'x:4']);
  });
});
