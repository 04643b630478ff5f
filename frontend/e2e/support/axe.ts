import { AxeBuilder } from '@axe-core/playwright';
import { type Page } from 'playwright-core';

/** WCAG 2.0-2.2 A and AA rules plus axe's best practices (docs/accessibility.md). */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the whole page; returns one line per violating node ("rule: target (summary)"). */
export async function axeViolations(page: Page): Promise<string[]> {
  // Let entrance animations finish: mid-fade text has a lower contrast than it will have. An
  // endless one (a spinner) never finishes: waiting on it would hang the audit.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  return result.violations.flatMap((v) =>
    v.nodes.map((n) => `${v.id}: ${n.target.join(' ')} (${(n.failureSummary ?? v.help).replace(/\s+/g, ' ').slice(0, 240)})`),
  );
}
