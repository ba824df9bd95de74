import { countsForGuard } from './request-recorder';

describe('countsForGuard', () => {
  it.each([
    ['GET', 200, true],
    ['HEAD', 200, true],
    ['GET', 500, true],
    ['GET', 404, true],
    ['GET', 502, false],
    ['GET', 503, false],
    ['GET', 504, false],
    ['POST', 200, false],
    ['POST', 500, false],
    ['PUT', 200, false],
    [undefined, 200, false],
  ])('%s answered %i counts: %s', (method, status, counted) => {
    expect(countsForGuard({ method, headers: {} }, status)).toBe(counted);
  });

  it.each([
    [{ 'content-length': '2' }, false],
    [{ 'transfer-encoding': 'chunked' }, false],
    [{ 'content-length': '0' }, true],
  ])('GET with %j counts: %s', (headers, counted) => {
    expect(countsForGuard({ method: 'GET', headers }, 200)).toBe(counted);
  });
});
