import type { CapacityStep, RouteSummary } from '../report';
import { capacityOf, nextCapacityRate } from './capacity-mode';

const OPTIONS = { startRate: 250, maxRate: 8000, refineSteps: 2 };

function steps(...outcomes: [rate: number, held: boolean][]): CapacityStep[] {
  return outcomes.map(([rate, held]) => ({ rate, held, overall: {} as RouteSummary }));
}

describe('nextCapacityRate', () => {
  it('starts at the start rate and doubles while the objectives hold', () => {
    expect(nextCapacityRate([], OPTIONS)).toBe(250);
    expect(nextCapacityRate(steps([250, true]), OPTIONS)).toBe(500);
    expect(nextCapacityRate(steps([250, true], [500, true]), OPTIONS)).toBe(1000);
  });

  it('tries the maximum rate last and stops after it', () => {
    const options = { ...OPTIONS, maxRate: 3000 };
    expect(
      nextCapacityRate(steps([250, true], [500, true], [1000, true], [2000, true]), options),
    ).toBe(3000);
    expect(nextCapacityRate(steps([2000, true], [3000, true]), options)).toBeUndefined();
  });

  it('bisects between the last rate that held and the first that missed', () => {
    const history = steps([250, true], [500, true], [1000, false]);
    expect(nextCapacityRate(history, OPTIONS)).toBe(750);
    history.push(...steps([750, false]));
    expect(nextCapacityRate(history, OPTIONS)).toBe(630);
  });

  it('stops after the given number of bisections', () => {
    const history = steps([250, true], [500, true], [1000, false], [750, true], [880, true]);
    expect(nextCapacityRate(history, OPTIONS)).toBeUndefined();
    expect(
      nextCapacityRate(steps([250, true], [500, false]), { ...OPTIONS, refineSteps: 0 }),
    ).toBeUndefined();
  });

  it('halves the rate while every step missed', () => {
    expect(nextCapacityRate(steps([250, false]), OPTIONS)).toBe(125);
    expect(nextCapacityRate(steps([250, false], [125, false]), OPTIONS)).toBe(62);
  });

  it('bisects upwards once a lower rate held', () => {
    const history = steps([250, false], [125, true]);
    expect(nextCapacityRate(history, OPTIONS)).toBe(190);
    history.push(...steps([190, false]));
    expect(nextCapacityRate(history, OPTIONS)).toBe(160);
    history.push(...steps([160, true]));
    expect(nextCapacityRate(history, OPTIONS)).toBeUndefined();
  });

  it('stops halving at the lowest rate', () => {
    expect(nextCapacityRate(steps([250, false], [15, false]), OPTIONS)).toBeUndefined();
  });
});

describe('capacityOf', () => {
  it('is the highest rate that held, or null', () => {
    expect(capacityOf(steps([250, true], [500, true], [1000, false], [750, true]))).toBe(750);
    expect(capacityOf(steps([250, false]))).toBeNull();
  });
});
