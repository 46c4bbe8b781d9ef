/** A column of a FiguresTable: its title, and how a row's (or the total's) figures fill its cell. */
export interface FiguresColumn<F> {
  key: string;
  label: string;
  cell: (figures: F) => string | number;
}
