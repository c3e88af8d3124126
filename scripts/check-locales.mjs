#!/usr/bin/env node
// Fails when a translation key exists in one language but not in another, or is empty.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['fi', 'sv', 'en'];

/** Each set: a name and, per language, the JSON files that hold its keys. */
function localeSets() {
  const sets = [];
  const server = path.join(root, 'src/server/i18n/locales');
  sets.push({ name: 'server', files: Object.fromEntries(LANGS.map((l) => [l, [path.join(server, `${l}.json`)]])) });
  const web = path.join(root, 'src/web/locales');
  if (existsSync(web)) {
    const files = Object.fromEntries(
      LANGS.map((l) => {
        const dir = path.join(web, l);
        return [l, existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => path.join(dir, f)) : []];
      }),
    );
    sets.push({ name: 'web', files });
  }
  return sets;
}

function flatten(value, prefix, out) {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.set(prefix, value);
  }
  return out;
}

export function checkLocales() {
  const problems = [];
  for (const set of localeSets()) {
    const keys = {};
    for (const lang of LANGS) {
      keys[lang] = new Map();
      for (const file of set.files[lang]) {
        const ns = path.basename(file, '.json');
        const prefix = set.name === 'web' ? ns : '';
        flatten(JSON.parse(readFileSync(file, 'utf8')), prefix, keys[lang]);
      }
    }
    const all = new Set(LANGS.flatMap((l) => [...keys[l].keys()]));
    for (const key of [...all].sort()) {
      for (const lang of LANGS) {
        const v = keys[lang].get(key);
        if (v === undefined) problems.push(`${set.name}: "${key}" is missing in ${lang}`);
        else if (typeof v !== 'string' || v.trim() === '') problems.push(`${set.name}: "${key}" is empty in ${lang}`);
      }
    }
  }
  return problems;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const problems = checkLocales();
  if (problems.length) {
    console.error(`Translations are incomplete:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log('Translations: every key is present in fi, sv and en.');
}
