import { describe, expect, it } from 'vitest';
import { en } from '../../web/src/i18n/en.js';
import { vi } from '../../web/src/i18n/vi.js';

/** Every key of a catalogue, as dotted paths, with its text. */
function flatten(messages: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('the web app\'s messages', () => {
  const english = flatten(en);
  const vietnamese = flatten(vi);

  it('has every key in both languages, none empty', () => {
    expect([...vietnamese.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of [...english, ...vietnamese]) expect(text.trim(), key).not.toBe('');
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, text] of english) expect(placeholders(vietnamese.get(key)!), key).toEqual(placeholders(text));
  });

  it('is really translated: Vietnamese texts differ from the English ones but for names and codes', () => {
    const same = [...english].filter(([key, text]) => vietnamese.get(key) === text).map(([key]) => key);
    // Names that are the same in both: the product, GraphiQL, TLP, "Email", the title count, and the CMND and CCCD document names.
    expect(same.sort()).toEqual(['app.name', 'console.tlp', 'dashboard.titleCount', 'nav.graphiql', 'signIn.email', 'alert.tlp', 'history.documents.CMND', 'history.documents.CCCD', 'statistics.type.CMND', 'statistics.type.CCCD', 'statistics.noValue'].sort());
  });
});
