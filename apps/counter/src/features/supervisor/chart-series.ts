/** One series of a supervisor chart: bars, or a dashed line for a standard to compare against. */
export interface FigureSeries {
  label: string;
  data: (number | null)[];
  type: 'bar' | 'line';
  color: string;
}
