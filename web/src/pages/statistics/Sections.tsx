import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Chart, CHART_COLOURS, type ChartOption } from '../../components/Chart';
import { formatDecimal, formatNumber } from '../../lib/format';
import {
  alertsOf,
  axisName,
  DOCUMENT_TYPES,
  documentsOf,
  groupName,
  medianMinutes,
  ratePercent,
  SEVERITIES,
  type DocumentType,
  type GroupBy,
  type JointStatistics,
  type StatisticsGroup,
} from './figures';

/** A value for a table cell: the number in vi-VN form, or a dash when there is none. */
export function cell(value: number | null, format: (n: number) => string = formatNumber): string {
  return value == null ? '—' : format(value);
}

/** An axis label in vi-VN form, like the tables. */
const numberLabel = (value: number) => formatDecimal(value);

/** The axis and grid every chart shares: one category per group, labels turned when there are many. */
export function categoryChart(names: string[], extra: Partial<ChartOption>): ChartOption {
  return {
    grid: { left: 8, right: 8, top: 36, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 8 && names.some((n) => n.length > 6) ? 30 : 0 } },
    yAxis: { type: 'value', axisLabel: { formatter: numberLabel } },
    ...extra,
  };
}

/**
 * The statistics as charts, each with a table beside it holding the same figures: documents delivered (one
 * chart per type, values on the bars), joint activities and attendances, alerts by severity, and the branches'
 * acknowledgement. Used by the Statistics page and the printable review report.
 */
export function StatisticsSections({ data }: { data: JointStatistics }) {
  const { t } = useTranslation();
  const groupBy = data.groupBy;
  const names = data.groups.map((g) => axisName(t, groupBy, g));
  const group = t(`statistics.groupName.${groupBy}`);
  return (
    <>
      <section className="stats-section" aria-labelledby="stats-documents">
        <h2 id="stats-documents">{t('statistics.documents.title')}</h2>
        {DOCUMENT_TYPES.map((type) => (
          <DocumentsPair key={type} data={data} type={type} names={names} title={t('statistics.documents.chart', { type: t(`statistics.type.${type}`), group })} />
        ))}
      </section>
      <ActivitiesPair data={data} names={names} title={t('statistics.activities.chart', { group })} />
      <AlertsPair data={data} names={names} title={t('statistics.alerts.chart', { group })} />
      <AcknowledgementPair data={data} names={names} title={t('statistics.acknowledgement.chart', { group })} />
    </>
  );
}

/** A chart and its table, side by side (stacked on narrow screens and in print when needed). */
export function Pair({ title, option, head, rows, total, headingLevel, wide = false }: {
  title: string;
  /** Many columns: the table goes under the chart instead of beside it. */
  wide?: boolean;
  option: ChartOption;
  head: string[];
  rows: { name: string; cells: string[] }[];
  total: string[];
  headingLevel?: 2;
}) {
  const { t } = useTranslation();
  return (
    <div className={`figure-pair${wide ? ' wide' : ''}`}>
      {headingLevel && <h2>{title}</h2>}
      <Chart option={option} label={t('statistics.chartLabel', { title })} />
      <FiguresTable caption={title} head={head} rows={rows} total={total} />
    </div>
  );
}

/** A table of figures: a header row, one row per group (its name heading the row) and the totals at the foot. */
export function FiguresTable({ caption, head, rows, total, className }: {
  caption: string;
  head: string[];
  rows: { name: string; cells: string[] }[];
  total: string[];
  className?: string;
}) {
  const { t } = useTranslation();
  return (
    <table className={`figures${className ? ` ${className}` : ''}`}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={h} scope="col" className={i > 0 ? 'num' : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name}>
            <th scope="row">{row.name}</th>
            {row.cells.map((c, i) => (
              <td key={i} className="num">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t('statistics.total')}</th>
          {total.map((c, i) => (
            <td key={i} className="num">
              {c}
            </td>
          ))}
        </tr>
      </tfoot>
    </table>
  );
}

interface PairProps {
  data: JointStatistics;
  names: string[];
  title: string;
}

export function useGroupHead(groupBy: GroupBy): string {
  const { t } = useTranslation();
  return t(`statistics.group.${groupBy}`);
}

function DocumentsPair({ data, names, title, type }: PairProps & { type: DocumentType }) {
  const { t } = useTranslation();
  const values = data.groups.map((g) => documentsOf(g, type));
  const colour = { CMND: '#0072B2', CCCD: '#D55E00', PASSPORT: '#009E73' }[type];
  const option = useMemo<ChartOption>(
    () =>
      categoryChart(names, {
        series: [{ type: 'bar', name: t(`statistics.type.${type}`), data: values, itemStyle: { color: colour }, label: { show: true, position: 'top', formatter: (p) => formatNumber(Number(p.value)) } }],
      }),
    [names.join('|'), values.join('|'), type, t],
  );
  return <Pair title={title} option={option} head={[useGroupHead(data.groupBy), t(`statistics.type.${type}`)]} rows={rowsOf(t, data, (g) => [formatNumber(documentsOf(g, type))])} total={[formatNumber(documentsOf(data.total, type))]} />;
}

export function ActivitiesPair({ data, names, title }: PairProps) {
  const { t } = useTranslation();
  const activities = t('statistics.activities.activities');
  const attendances = t('statistics.activities.attendances');
  const option = useMemo<ChartOption>(
    () =>
      categoryChart(names, {
        legend: { top: 0 },
        // Two scales: each axis's labels in its series' colour (the legend names them).
        yAxis: [{ type: 'value', axisLabel: { color: CHART_COLOURS[0], formatter: numberLabel } }, { type: 'value', splitLine: { show: false }, axisLabel: { color: CHART_COLOURS[1], formatter: numberLabel } }],
        series: [
          { type: 'bar', name: activities, data: data.groups.map((g) => g.activities), label: { show: true, position: 'top' } },
          { type: 'line', name: attendances, yAxisIndex: 1, data: data.groups.map((g) => g.attendances), symbolSize: 8 },
        ],
      }),
    [data, names.join('|'), activities, attendances],
  );
  return (
    <Pair
      headingLevel={2}
      title={title}
      option={option}
      head={[useGroupHead(data.groupBy), activities, attendances]}
      rows={rowsOf(t, data, (g) => [formatNumber(g.activities), formatNumber(g.attendances)])}
      total={[formatNumber(data.total.activities), formatNumber(data.total.attendances)]}
    />
  );
}

function AlertsPair({ data, names, title }: PairProps) {
  const { t } = useTranslation();
  const option = useMemo<ChartOption>(
    () =>
      categoryChart(names, {
        legend: { top: 0 },
        series: SEVERITIES.map((severity) => ({ type: 'bar' as const, stack: 'alerts', name: t(`alert.severity.${severity}`), data: data.groups.map((g) => alertsOf(g, severity)) })),
      }),
    [data, names.join('|'), t],
  );
  return (
    <Pair
      headingLevel={2}
      wide
      title={title}
      option={option}
      head={[useGroupHead(data.groupBy), ...SEVERITIES.map((s) => t(`alert.severity.${s}`)), t('statistics.alerts.total')]}
      rows={rowsOf(t, data, (g) => [...SEVERITIES.map((s) => formatNumber(alertsOf(g, s))), formatNumber(g.alerts)])}
      total={[...SEVERITIES.map((s) => formatNumber(alertsOf(data.total, s))), formatNumber(data.total.alerts)]}
    />
  );
}

function AcknowledgementPair({ data, names, title }: PairProps) {
  const { t } = useTranslation();
  const rate = t('statistics.acknowledgement.rate');
  const median = t('statistics.acknowledgement.median');
  const option = useMemo<ChartOption>(
    () =>
      categoryChart(names, {
        legend: { top: 0 },
        yAxis: [{ type: 'value', max: 100, axisLabel: { color: CHART_COLOURS[0], formatter: numberLabel } }, { type: 'value', splitLine: { show: false }, axisLabel: { color: CHART_COLOURS[1], formatter: numberLabel } }],
        series: [
          { type: 'bar', name: rate, data: data.groups.map((g) => round(ratePercent(g))) },
          { type: 'line', name: median, yAxisIndex: 1, data: data.groups.map((g) => round(medianMinutes(g))), symbolSize: 8, connectNulls: true },
        ],
      }),
    [data, names.join('|'), rate, median],
  );
  const figures = (g: StatisticsGroup) => [formatNumber(g.branchDeliveries), cell(ratePercent(g), formatDecimal), cell(medianMinutes(g), formatDecimal)];
  return <Pair headingLevel={2} title={title} option={option} head={[useGroupHead(data.groupBy), t('statistics.acknowledgement.deliveries'), rate, median]} rows={rowsOf(t, data, figures)} total={figures(data.total)} />;
}

/** One decimal for a chart, null kept (no bar, no point). */
export function round(value: number | null): number | null {
  return value == null ? null : Math.round(value * 10) / 10;
}

export function rowsOf(t: ReturnType<typeof useTranslation>['t'], data: JointStatistics, cells: (g: StatisticsGroup) => string[]) {
  return data.groups.map((g) => ({ name: groupName(t, data.groupBy, g), cells: cells(g) }));
}
