/** One series of a supervisor chart: bars, or a dashed line for a standard to compare against. */
export interface FigureSeries {
  label: string;
  data: (number | null)[];
  type: 'bar' | 'line';
  color: string;
}

/** What one supervisor chart shows: the chart, and the same numbers as a table. */
export interface ChartFigureProps {
  id: string;
  title: string;
  summary: string;
  labels: string[];
  series: FigureSeries[];
  columns: string[];
  rows: string[][];
  horizontal?: boolean;
  max?: number;
}
