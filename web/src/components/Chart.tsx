import { BarChart, LineChart, type BarSeriesOption, type LineSeriesOption } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, type GridComponentOption, type LegendComponentOption, type TooltipComponentOption } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Apache ECharts, only the parts used (bar and line charts drawn as SVG): bundled, nothing fetched at run time.
echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

/** What a chart may be given: bar and line series on a grid, with a legend and a tooltip. */
export type ChartOption = echarts.ComposeOption<BarSeriesOption | LineSeriesOption | GridComponentOption | LegendComponentOption | TooltipComponentOption>;

/** Colours distinguishable in print and by most colour-blind readers (Okabe–Ito). */
export const CHART_COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

/**
 * One ECharts chart, drawn as SVG without animation (the figures are final at once); in print its SVG scales
 * to the width of its column (`.chart` in report.css). The
 * chart is an image to assistive technology, named by `label`; its figures are in the table the page puts
 * beside it. Redrawn when `option` changes (pass a memoised option) and when its box is resized.
 */
export function Chart({ option, label, height = 260 }: { option: ChartOption; label: string; height?: number }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    const instance = echarts.init(box.current!, undefined, { renderer: 'svg' });
    chart.current = instance;
    const resize = () => instance.resize();
    const observer = new ResizeObserver(resize);
    observer.observe(box.current!);
    // Printing lays the page out anew, at the paper's width, and prints without waiting for a redraw: the SVG
    // gets a viewBox of the size it was drawn at, so that the print stylesheet can scale it to its column.
    const scalable = () => {
      const svg = box.current?.querySelector('svg');
      if (svg) svg.setAttribute('viewBox', `0 0 ${instance.getWidth()} ${instance.getHeight()}`);
    };
    instance.on('finished', scalable);
    return () => {
      instance.off('finished', scalable);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ animation: false, color: CHART_COLOURS, textStyle: { fontFamily: 'Noto Sans, sans-serif' }, ...option }, true);
  }, [option]);

  return <div ref={box} className="chart" role="img" aria-label={label} style={{ height }} />;
}
