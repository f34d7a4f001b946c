// @vitest-environment jsdom
/** The chart wrapper: one ECharts instance per mounted chart, resized with the window, disposed on unmount. */
import { cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const instance = { setOption: vi.fn(), resize: vi.fn(), dispose: vi.fn() };
const init = vi.fn((_el: HTMLElement) => instance);
vi.mock('echarts/core', () => ({ init: (el: HTMLElement) => init(el), use: vi.fn() }));

const { Chart } = await import('../../../web/src/supervision/chart.tsx');

beforeEach(() => { vi.clearAllMocks(); });
afterEach(cleanup);

describe('Chart', () => {
  it('draws its option into its own box and replaces it whole when the option changes', () => {
    const first = { series: [{ type: 'bar' as const, data: [1] }] };
    const { rerender, getByRole } = render(<Chart option={first} label="红黄灯" />);
    expect(init).toHaveBeenCalledWith(getByRole('img', { name: '红黄灯' }));
    expect(instance.setOption).toHaveBeenLastCalledWith(first, { notMerge: true });
    const second = { series: [{ type: 'pie' as const, data: [2] }] };
    rerender(<Chart option={second} label="红黄灯" />);
    expect(instance.setOption).toHaveBeenLastCalledWith(second, { notMerge: true });
    expect(init).toHaveBeenCalledTimes(1);
  });

  it('follows the window size while mounted and lets go of everything when unmounted', () => {
    const { unmount } = render(<Chart option={{}} label="x" />);
    window.dispatchEvent(new Event('resize'));
    expect(instance.resize).toHaveBeenCalledTimes(1);
    unmount();
    expect(instance.dispose).toHaveBeenCalledTimes(1);
    window.dispatchEvent(new Event('resize'));
    expect(instance.resize).toHaveBeenCalledTimes(1);
  });

  it('redraws at the new size when its height changes (a ranking with fewer rows), not on other re-renders', () => {
    const { rerender } = render(<Chart option={{}} height={238} label="x" />);
    rerender(<Chart option={{ series: [] }} height={238} label="x" />);
    expect(instance.resize).not.toHaveBeenCalled();
    rerender(<Chart option={{}} height={200} label="x" />);
    expect(instance.resize).toHaveBeenCalledTimes(1);
  });
});
