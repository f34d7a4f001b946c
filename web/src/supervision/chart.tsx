/**
 * One ECharts chart in React. Only what the dashboard draws is registered with `echarts/core`
 * (bar and pie charts; grid, tooltip, legend, title; the canvas renderer), so the bundle
 * carries no other chart type. The chart follows its container's width on window resize and
 * is disposed when the component goes away.
 */
import { BarChart, PieChart, type BarSeriesOption, type PieSeriesOption } from 'echarts/charts';
import {
  GridComponent, LegendComponent, TitleComponent, TooltipComponent,
  type GridComponentOption, type LegendComponentOption, type TitleComponentOption, type TooltipComponentOption,
} from 'echarts/components';
import { init, use, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([BarChart, PieChart, GridComponent, LegendComponent, TitleComponent, TooltipComponent, CanvasRenderer]);

/** The options the registered parts understand. */
export type ChartOption = ComposeOption<
  BarSeriesOption | PieSeriesOption | GridComponentOption | LegendComponentOption | TitleComponentOption | TooltipComponentOption
>;

export interface ChartProps {
  option: ChartOption;
  height?: number;
  /** Names the chart for assistive technology and tests. */
  label: string;
}

export function Chart({ option, height = 260, label }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const instance = init(box.current!);
    chart.current = instance;
    const resize = () => instance.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      instance.dispose();
      chart.current = null;
    };
  }, []);

  // The box's height follows the number of rows (the ranking): the canvas must follow the box,
  // or a shorter chart keeps its old canvas and runs over the card below.
  const drawnHeight = useRef(height);
  useEffect(() => {
    if (drawnHeight.current === height) return;
    drawnHeight.current = height;
    chart.current?.resize();
  }, [height]);

  useEffect(() => {
    // notMerge: a filter change can remove series; merging would keep the old ones drawn.
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} role="img" aria-label={label} data-testid="chart" style={{ width: '100%', height }} />;
}
