import { describe, expect, it } from 'vitest';
import { batchedByTurn, forEveryItem, type Settled } from '../../../engine/adapters/postgres/turn-batch.ts';

/** A sender that records each batch and answers every item with its own outcome. */
function recordingSender() {
  const batches: number[][] = [];
  const send = async (items: readonly number[]): Promise<Array<Settled<number>>> => {
    batches.push([...items]);
    return items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`negative ${n}`) } : { status: 'fulfilled', value: n * 10 }));
  };
  return { batches, send };
}

describe('requests batched by turn of the event loop', () => {
  it('sends the requests of one turn together and answers each with its own outcome', async () => {
    const { batches, send } = recordingSender();
    const ask = batchedByTurn(send);
    const answers = await Promise.allSettled([ask(1), ask(-2), ask(3)]);
    expect(batches).toEqual([[1, -2, 3]]);
    expect(answers.map((a) => (a.status === 'fulfilled' ? a.value : (a.reason as Error).message))).toEqual([10, 'negative -2', 30]);
  });

  it('splits one turn into batches of at most the given size, in the order asked', async () => {
    const { batches, send } = recordingSender();
    const ask = batchedByTurn(send, 2);
    expect(await Promise.all([1, 2, 3, 4, 5].map(ask))).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('starts a new batch for what is asked once the turn is over', async () => {
    const { batches, send } = recordingSender();
    const ask = batchedByTurn(send);
    await ask(1);
    await Promise.all([ask(2), ask(3)]);
    expect(batches).toEqual([[1], [2, 3]]);
  });

  it('fails every request of a batch whose sending failed, and only those', async () => {
    let calls = 0;
    const ask = batchedByTurn<number, number>(async (items) => {
      calls += 1;
      if (calls === 1) throw new Error('connection lost');
      return items.map((n) => ({ status: 'fulfilled', value: n }));
    });
    const first = await Promise.allSettled([ask(1), ask(2)]);
    expect(first.map((a) => a.status)).toEqual(['rejected', 'rejected']);
    expect(await ask(3)).toBe(3);
  });

  it('gives every item one statement\'s outcome', async () => {
    expect(await forEveryItem(['a', 'b'], Promise.resolve(7))).toEqual([{ status: 'fulfilled', value: 7 }, { status: 'fulfilled', value: 7 }]);
    const failed = await forEveryItem(['a', 'b'], Promise.reject(new Error('no')));
    expect(failed.map((f) => f.status)).toEqual(['rejected', 'rejected']);
  });
});
