import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * axe-core's serious and critical findings on the page as it stands, one line each (the rule,
 * its help and where); minor ones are reported by the run but fail nothing. With
 * `labelMismatch`, the experimental label-content-name-mismatch rule is on and counts whatever
 * impact axe gives it: a button whose name does not hold its visible words cannot be said by a
 * voice user (issue 14 item 17).
 */
export async function seriousViolations(page: Page, options: { labelMismatch?: boolean } = {}): Promise<string[]> {
  let builder = new AxeBuilder({ page });
  if (options.labelMismatch) builder = builder.options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  const { violations } = await builder.analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical' || (options.labelMismatch === true && v.id === 'label-content-name-mismatch'))
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}
