/**
 * Text as the search compares it: lower case, without Vietnamese tone marks and diacritics (typed with or without
 * them, in either tone placement or Unicode form), đ as d, without spaces and dashes.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s-]+/g, '');
}
