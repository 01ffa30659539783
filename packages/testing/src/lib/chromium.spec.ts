import { checkChromium, requireChromium } from './chromium.js';

describe('checkChromium', () => {
  it('names the missing executable and the setup script', () => {
    const check = checkChromium({ CHROMIUM_PATH: '/nonexistent/chromium' });
    expect(check).toMatchObject({ available: false, path: '/nonexistent/chromium' });
    expect(check.reason).toContain('bash tools/setup-system.sh');
  });

  it('finds an executable that exists', () => {
    expect(checkChromium({ CHROMIUM_PATH: process.execPath })).toMatchObject({
      available: true,
      path: process.execPath,
    });
  });
});

describe('requireChromium', () => {
  const ci = process.env['CI'];
  const missing = checkChromium({ CHROMIUM_PATH: '/nonexistent/chromium' });
  afterEach(() => {
    if (ci === undefined) delete process.env['CI'];
    else process.env['CI'] = ci;
    jest.restoreAllMocks();
  });

  it('skips with the reason where Chromium is missing', () => {
    delete process.env['CI'];
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => {});
    const gate = requireChromium(missing);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('tools/setup-system.sh'));
    const skip = jest.spyOn(describe, 'skip').mockImplementation(() => {});
    const body = (): void => {};
    gate.describe('the site', body);
    expect(skip).toHaveBeenCalledWith('the site (skipped: Chromium is not installed)', body);
  });

  it('fails under CI=true instead of skipping', () => {
    process.env['CI'] = 'true';
    expect(() => requireChromium(missing)).toThrow('CI=true makes a missing browser an error');
  });

  it('hands out the real describe where Chromium is there', () => {
    process.env['CI'] = 'true';
    const gate = requireChromium(checkChromium({ CHROMIUM_PATH: process.execPath }));
    expect(gate.describe).toBe(describe);
    expect(gate.it).toBe(it);
  });
});
