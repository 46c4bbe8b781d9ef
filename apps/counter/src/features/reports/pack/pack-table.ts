/** A figure column of a compliance pack table; numeric ones are set right-aligned. */
export interface PackColumn {
  label: string;
  numeric?: boolean;
}

/** A row of a pack table: the heading cell naming it, then one cell per column. */
export interface PackRow {
  key: string;
  label: string;
  cells: readonly (string | number)[];
  /** Attributes for the row (`data-testid`, `data-group`): what the tests and the print styles find it by. */
  attrs?: Record<string, string>;
}
