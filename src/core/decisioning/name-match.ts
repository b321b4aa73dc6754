// Letters Unicode decomposition leaves intact but which Latin-script lists routinely spell plainly.
const FOLD: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', đ: 'd', ð: 'd', ł: 'l', þ: 'th', ı: 'i', ħ: 'h' };
// Apostrophes join rather than split, so "O'Brien" and "OBrien" are one token.
const APOSTROPHES = /['\u2019\u02BC\u0060\u00B4]/gu;

/**
 * A canonical form for comparing personal names: lower case, accents and other diacritics removed,
 * punctuation turned into spaces, spaces collapsed and tokens sorted, so "Li, Wei" equals "wei li"
 * and "José Álvarez" equals "alvarez jose". Letters and digits of every script (CJK included) are kept.
 */
export function normaliseName(name: string): string {
  const folded = name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[ßæœøđðłþıħ]/gu, (ch) => FOLD[ch])
    .replace(APOSTROPHES, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  return folded
    .split(' ')
    .sort()
    .join(' ');
}

/**
 * Jaro-Winkler similarity (0..1) of two names after {@link normaliseName}, computed over code points
 * so characters outside the Basic Multilingual Plane (rare CJK) count as one. Two names with nothing
 * left to compare score 0, so blank names never match a list entry.
 */
export function nameSimilarity(a: string, b: string): number {
  const s = Array.from(normaliseName(a));
  const t = Array.from(normaliseName(b));
  if (s.length === 0 || t.length === 0) return 0;
  return jaroWinkler(s, t);
}

function jaroWinkler(s: string[], t: string[]): number {
  const window = Math.max(0, Math.floor(Math.max(s.length, t.length) / 2) - 1);
  const sMatched = new Array<boolean>(s.length).fill(false);
  const tMatched = new Array<boolean>(t.length).fill(false);
  let matches = 0;
  for (let i = 0; i < s.length; i++) {
    for (let j = Math.max(0, i - window); j <= Math.min(t.length - 1, i + window); j++) {
      if (tMatched[j] || s[i] !== t[j]) continue;
      sMatched[i] = tMatched[j] = true;
      matches++;
      break;
    }
  }
  if (matches === 0) return 0;

  let transpositions = 0;
  for (let i = 0, j = 0; i < s.length; i++) {
    if (!sMatched[i]) continue;
    while (!tMatched[j]) j++;
    if (s[i] !== t[j]) transpositions++;
    j++;
  }
  const jaro = (matches / s.length + matches / t.length + (matches - transpositions / 2) / matches) / 3;

  // Winkler's prefix bonus only lifts pairs that are already alike (Jaro >= 0.7), as in the original.
  if (jaro < 0.7) return jaro;
  let prefix = 0;
  while (prefix < 4 && prefix < s.length && prefix < t.length && s[prefix] === t[prefix]) prefix++;
  return jaro + prefix * 0.1 * (1 - jaro);
}

/** A list entry that resembles the screened name. */
export interface NameScreeningMatch {
  id: string;
  name: string;
  listName: string;
  similarity: number;
}

/**
 * Screens a name against sanctions, PEP or internal watch lists: every entry whose similarity
 * reaches `threshold`, most similar first (ties keep list order).
 */
export function screenName(name: string, list: { id: string; name: string; listName: string }[], threshold: number): NameScreeningMatch[] {
  return list
    .map((entry) => ({ id: entry.id, name: entry.name, listName: entry.listName, similarity: nameSimilarity(name, entry.name) }))
    .filter((m) => m.similarity >= threshold)
    .sort((a, b) => b.similarity - a.similarity);
}
