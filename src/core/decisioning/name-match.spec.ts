import fc from 'fast-check';
import { nameSimilarity, normaliseName, screenName } from './name-match';

describe('normaliseName', () => {
  it.each<[string, string]>([
    ['Li, Wei', 'li wei'],
    ['wei li', 'li wei'],
    ['  José   ÁLVAREZ-Núñez ', 'alvarez jose nunez'],
    ["Seán O'Brien", 'obrien sean'],
    ['Seán O’Brien', 'obrien sean'],
    ['Jürgen Groß', 'gross jurgen'],
    ['Søren Łukasz', 'lukasz soren'],
    ['İlkay Gündoğan', 'gundogan ilkay'],
    ['Nguyễn Văn An', 'an nguyen van'],
    ['李伟', '李伟'],
    ['王 小明', '小明 王'],
    ['Ｔａｒｏ　Yamada', 'taro yamada'],
    ['Mohammed bin Salman Al-Saud', 'al bin mohammed salman saud'],
    ['محمد علي', 'علي محمد'],
    ['Agent 007', '007 agent'],
    ['...', ''],
  ])('%s -> %s', (name, want) => {
    expect(normaliseName(name)).toBe(want);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => expect(normaliseName(normaliseName(s))).toBe(normaliseName(s))));
  });
});

describe('nameSimilarity', () => {
  it.each<[string, string, number]>([
    // Reference values from Winkler (1990) and the usual textbook examples.
    ['MARTHA', 'MARHTA', 0.9611],
    ['DWAYNE', 'DUANE', 0.84],
    ['DIXON', 'DICKSONX', 0.8133],
    ['JELLYFISH', 'SMELLYFISH', 0.8963],
    ['Li, Wei', 'WEI LI', 1],
    ['José Álvarez', 'Jose Alvarez', 1],
    ['abc', 'xyz', 0],
    ['', '', 0],
    ['Anna', '', 0],
  ])('%s ~ %s = %d', (a, b, want) => {
    expect(nameSimilarity(a, b)).toBeCloseTo(want, 4);
  });

  it('compares code points, so astral CJK characters count once', () => {
    // U+20BB7 is outside the BMP: two UTF-16 units, one character.
    expect(nameSimilarity('𠮷田', '吉田')).toBeCloseTo(2 / 3, 4);
    expect(nameSimilarity('𠮷田太郎', '𠮷田太郎')).toBe(1);
  });

  const name = fc.string({ minLength: 1, maxLength: 12, unit: fc.constantFrom('a', 'b', 'c', 'é', '李', '𠮷', ' ', '-') });
  it('is symmetric, bounded, and 1 for names equal after normalisation', () => {
    fc.assert(
      fc.property(name, name, (a, b) => {
        const s = nameSimilarity(a, b);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(1);
        expect(nameSimilarity(b, a)).toBeCloseTo(s, 12);
        if (normaliseName(a) !== '') expect(nameSimilarity(a, a)).toBe(1);
      }),
    );
  });
});

describe('screenName', () => {
  const list = [
    { id: '1', name: 'WEI, Li', listName: 'OFAC' },
    { id: '2', name: 'Lee Wei', listName: 'UN' },
    { id: '3', name: 'John Smith', listName: 'OFAC' },
    { id: '4', name: 'Wei Li', listName: 'PEP' },
  ];

  it('returns matches at or above the threshold, best first, ties in list order', () => {
    const hits = screenName('Li Wei', list, 0.75);
    expect(hits.map((h) => [h.id, h.listName])).toEqual([
      ['1', 'OFAC'],
      ['4', 'PEP'],
      ['2', 'UN'],
    ]);
    expect(hits[0].similarity).toBe(1);
    expect(hits[2].similarity).toBeLessThan(1);
  });

  it('the threshold is inclusive and a blank name matches nothing', () => {
    const exact = nameSimilarity('Li Wei', 'Lee Wei');
    expect(screenName('Li Wei', list, exact).map((h) => h.id)).toEqual(['1', '4', '2']);
    expect(screenName('  ', list, 0.01)).toEqual([]);
  });
});
