import { decodePostback, encodePostback, type PostbackCommand } from '../../src/cards/postback-codec';

describe('postback codec', () => {
  test.each<PostbackCommand>([
    { action: 'area', area: 'disaster', page: 1 },
    { action: 'area', area: 'childcare', page: 2 },
    { action: 'item', item: 'facilities-01-3' },
    { action: 'menu' },
    { action: 'help' },
  ])('round-trips %j', (cmd) => {
    const data = encodePostback(cmd);
    expect(data.length).toBeLessThanOrEqual(300);
    expect(decodePostback(data)).toEqual(cmd);
  });
  test('page 1 is implicit', () => {
    expect(encodePostback({ action: 'area', area: 'covid', page: 1 })).toBe('action=area&area=covid');
  });
  test.each([
    [undefined],
    [''],
    ['action=area&area=weather'],
    ['action=area&area=covid&page=0'],
    ['action=area&area=covid&page=1.5'],
    ['action=item&item=../../etc'],
    ['action=delete'],
    ['x'.repeat(301)],
    [42],
  ])('refuses %j', (data) => {
    expect(decodePostback(data)).toBeNull();
  });
});
