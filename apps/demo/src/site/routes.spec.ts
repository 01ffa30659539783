import { NAV, parseRoute } from './routes.js';

describe('parseRoute', () => {
  it('reads the page, the rest of the path and the query', () => {
    expect(parseRoute('')).toEqual({ page: 'home', rest: '' });
    expect(parseRoute('#/')).toEqual({ page: 'home', rest: '' });
    expect(parseRoute('#/guides/backends/probing')).toEqual({
      page: 'guides',
      rest: 'backends/probing',
    });
    expect(parseRoute('#/playground?layer=Dense&rest=8')).toEqual({
      page: 'playground',
      rest: '?layer=Dense&rest=8',
    });
  });

  it('has a navigation entry for every page of the site', () => {
    expect(NAV.map((n) => n.id)).toEqual([
      'home',
      'playground',
      'live',
      'questions',
      'benchmarks',
      'guides',
      'api',
    ]);
  });
});
