import { check, type Diagnostics } from 'recheck';
import { eligibilityCheckView } from '../../testing/waf-views';
import { DEFAULT_WAF_RULES } from './rules';
import { WafEngine } from './waf-engine';
import { isPatternRule } from './waf-rule';

/**
 * Rules that look for an attribute or a closing `>` within 200 characters after each tag
 * opening. Windows of nearby openings overlap, so recheck reports them as polynomial, but each
 * character is read at most about 200 times per rule. They are held to a time bound on the
 * largest body instead.
 */
const BOUNDED_WINDOW_RULES: ReadonlySet<string> = new Set([
  'xss-event-handler-tag',
  'xss-url-attribute',
  'xss-tag',
]);

const LIMITS = { maxUrlBytes: 4096, maxHeaderBytes: 8192, maxBodyBytes: 102_400 };

/** Summarizes a verdict of recheck: `safe`, or the status with the input that shows it. */
function verdict(diagnostics: Diagnostics): string {
  if (diagnostics.status === 'safe') return 'safe';
  if (diagnostics.status === 'vulnerable') {
    return `vulnerable (${diagnostics.complexity.summary}), e.g. ${diagnostics.attack.pattern}`;
  }
  return `unknown (${diagnostics.error.kind})`;
}

describe('WAF pattern run time', () => {
  const checked = DEFAULT_WAF_RULES.filter(isPatternRule).filter(
    (rule) => !BOUNDED_WINDOW_RULES.has(rule.id),
  );

  // The WAF runs every pattern over client text on the gateway's only thread, so a pattern that
  // backtracks over its input lets one request stall every other. recheck proves the absence of
  // such backtracking from the pattern's automaton, or searches for an input that shows it.
  it.each(checked.map((rule) => [rule.id, rule.pattern] as const))(
    '%s runs in linear time',
    async (_id, pattern) => {
      // The asynchronous check talks to recheck's checker process directly. checkSync goes
      // through a worker thread whose reply was once lost under load, failing the test.
      const diagnostics = await check(pattern.source, pattern.flags, {
        timeout: 60_000,
        randomSeed: 1,
      });

      expect(verdict(diagnostics)).toBe('safe');
    },
    120_000,
  );

  it('names only rules that exist as bounded-window rules', () => {
    const ids = new Set(DEFAULT_WAF_RULES.map((rule) => rule.id));
    expect([...BOUNDED_WINDOW_RULES].filter((id) => !ids.has(id))).toEqual([]);
  });

  it.each([
    ['tag openings with slashes', '<a/'],
    ['tag openings', '<p'],
    ['tag openings with tabs', '<a\t'],
  ])('inspects a body of %s within a second', (_case, unit) => {
    const engine = new WafEngine({ threshold: 5, limits: LIMITS });
    // Close to the body limit, which bounds the work of every bounded window.
    const view = eligibilityCheckView(unit.repeat(Math.floor(99_000 / unit.length)));
    const started = performance.now();

    engine.inspect(view);

    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
