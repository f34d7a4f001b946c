// @vitest-environment jsdom
/**
 * A list of one item's cases (the 12345 orders) reloads for its own item's events only: a
 * hotline or supervisor hears every case event of the region, most of them other items'.
 */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseEventMessage } from '../../../web/src/shared/realtime.ts';

const heard: Array<(message: CaseEventMessage) => void> = [];
vi.mock('../../../web/src/shared/realtime.ts', () => ({
  useScopeCaseEvents: (onEvent: (message: CaseEventMessage) => void) => { heard.push(onEvent); },
  useReconnect: () => {},
}));
const { SETTLE_MS, useLiveReload } = await import('../../../web/src/shared/live-reload.ts');

const ORDERS = '200150001000';
const event = (itemCode: string, seq = 1): CaseEventMessage => ({ caseId: `c-${itemCode}`, caseNumber: 'n', itemCode, event: { seq, type: 'opinion', at: '2026-03-02T01:00:00.000Z' } });

function OrderList({ reload, itemCode }: { reload: () => void; itemCode?: string }) {
  useLiveReload(reload, { accepts: (m) => !itemCode || m.itemCode === itemCode });
  return null;
}

describe('live list reloads', () => {
  beforeEach(() => { vi.useFakeTimers(); heard.length = 0; });
  afterEach(() => { cleanup(); vi.useRealTimers(); });
  const hear = (message: CaseEventMessage) => heard.at(-1)!(message);

  it('ignores the events of the region’s other items and reloads, once, for its own', () => {
    const reload = vi.fn();
    render(<OrderList reload={reload} itemCode={ORDERS} />);
    hear(event('010030001000'));
    hear(event('010070001000'));
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(reload).not.toHaveBeenCalled();
    hear(event(ORDERS, 1));
    hear(event(ORDERS, 2));
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('reloads for any event until the list knows its item', () => {
    const reload = vi.fn();
    render(<OrderList reload={reload} />);
    hear(event('010030001000'));
    vi.advanceTimersByTime(SETTLE_MS * 2);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
