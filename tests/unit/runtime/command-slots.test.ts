import { describe, expect, it } from 'vitest';
import { CommandSlots } from '../../../engine/runtime/command-slots.ts';

describe('CommandSlots', () => {
  it('never runs more than its size at once and serves waiters in arrival order', async () => {
    const slots = new CommandSlots(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, () => { let open!: () => void; const p = new Promise<void>((r) => { open = r; }); return { p, open }; });
    const all = gates.map((gate, i) => slots.run(async () => {
      started.push(i);
      running += 1;
      most = Math.max(most, running);
      await gate.p;
      running -= 1;
      return i;
    }));
    await Promise.resolve();
    expect(started).toEqual([0, 1]);
    expect(slots.queued).toBe(3);
    for (const gate of gates) { gate.open(); await new Promise((r) => setTimeout(r, 0)); }
    expect(await Promise.all(all)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('frees the slot when the work fails', async () => {
    const slots = new CommandSlots(1);
    await expect(slots.run(async () => { throw new Error('refused'); })).rejects.toThrow('refused');
    expect(await slots.run(async () => 'next')).toBe('next');
  });

  it('refuses a size that would let no command run', () => {
    expect(() => new CommandSlots(0)).toThrow(RangeError);
  });
});
