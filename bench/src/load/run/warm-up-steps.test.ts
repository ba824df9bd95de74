import { warmUpSteps } from './warm-up-steps';

describe('warmUpSteps', () => {
  it('rises to the full rate', () => {
    const steps = warmUpSteps(500, 10_000);
    expect(steps).toHaveLength(10);
    expect(steps[0]).toEqual({ rate: 50, durationMs: 1000 });
    expect(steps.at(-1)).toEqual({ rate: 500, durationMs: 1000 });
    const rates = steps.map((step) => step.rate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });

  it('keeps the whole warm-up time, with the remainder in the last step', () => {
    const steps = warmUpSteps(200, 3500);
    expect(steps.map((step) => step.durationMs)).toEqual([1000, 1000, 1500]);
    expect(steps.reduce((sum, step) => sum + step.durationMs, 0)).toBe(3500);
  });

  it('runs a warm-up shorter than two steps at the full rate', () => {
    expect(warmUpSteps(500, 1500)).toEqual([{ rate: 500, durationMs: 1500 }]);
  });

  it('returns no step without a warm-up', () => {
    expect(warmUpSteps(500, 0)).toEqual([]);
  });

  it('never asks for a rate below one request per second', () => {
    expect(warmUpSteps(3, 5000)[0]?.rate).toBe(1);
  });
});
