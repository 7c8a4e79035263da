import { decodePostback, encodePostback, type PostbackCommand } from '../../src/cards/postback-codec';

describe('postback codec', () => {
  test.each<PostbackCommand>([
    { action: 'area', area: 'disaster', page: 1 },
    { action: 'area', area: 'childcare', page: 2 },
    { action: 'item', item: 'facilities-01-3' },
    { action: 'menu' },
    { action: 'help' },
    { action: 'area', area: 'disaster', page: 1, menu: true },
    { action: 'help', menu: true },
    { action: 'vote', vote: 'up', ref: 'AbCdEf_-1234', target: { items: ['health-09', 'facilities-01-3'] } },
    { action: 'vote', vote: 'down', ref: 'AbCdEf_-1234', target: { area: 'disaster' } },
    { action: 'why', reason: 'missing', ref: 'AbCdEf_-1234', target: { items: ['childcare-01'] } },
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
    ['action=vote&v=maybe&r=AbCdEf&i=health-09'],
    ['action=vote&v=up&r=bad ref!&i=health-09'],
    ['action=vote&v=up&r=AbCdEf&i=../x'],
    ['action=vote&v=up&r=AbCdEf&a=weather'],
    ['action=vote&v=up&r=AbCdEf'],
    ['action=why&w=angry&r=AbCdEf&i=health-09'],
  ])('refuses %j', (data) => {
    expect(decodePostback(data)).toBeNull();
  });
});

test('a rich-menu tile is told apart from the same area chosen elsewhere', () => {
  expect(encodePostback({ action: 'area', area: 'covid', page: 1, menu: true })).toBe(
    'action=area&area=covid&from=menu',
  );
  expect(decodePostback('action=area&area=covid')).toEqual({ action: 'area', area: 'covid', page: 1 });
});

test('feedback data of a full carousel of long item ids stays within 300 characters', () => {
  const items = Array.from({ length: 12 }, (_, i) => `facilities-${String(i + 10).padStart(2, '0')}-${i + 1}`);
  const data = encodePostback({ action: 'why', reason: 'missing', ref: 'AbCdEfGhIjKl', target: { items } });
  expect(data.length).toBeLessThanOrEqual(300);
});
