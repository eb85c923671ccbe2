/** Language and kind of a touched file, from its name only (file contents are never read for this). */
const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  ts: 'TypeScript',
  tsx: 'TSX',
  mts: 'TypeScript',
  cts: 'TypeScript',
  js: 'JavaScript',
  jsx: 'JSX',
  mjs: 'JavaScript',
  cjs: 'JavaScript',
  py: 'Python',
  pyi: 'Python',
  rb: 'Ruby',
  go: 'Go',
  rs: 'Rust',
  java: 'Java',
  kt: 'Kotlin',
  kts: 'Kotlin',
  swift: 'Swift',
  c: 'C',
  h: 'C',
  cc: 'C++',
  cpp: 'C++',
  cxx: 'C++',
  hpp: 'C++',
  cs: 'C#',
  php: 'PHP',
  scala: 'Scala',
  clj: 'Clojure',
  ex: 'Elixir',
  exs: 'Elixir',
  erl: 'Erlang',
  hs: 'Haskell',
  lua: 'Lua',
  dart: 'Dart',
  r: 'R',
  jl: 'Julia',
  zig: 'Zig',
  nim: 'Nim',
  ml: 'OCaml',
  fs: 'F#',
  vue: 'Vue',
  svelte: 'Svelte',
  sh: 'Bash',
  bash: 'Bash',
  zsh: 'Zsh',
  fish: 'Fish',
  ps1: 'PowerShell',
  sql: 'SQL',
  html: 'HTML',
  htm: 'HTML',
  css: 'CSS',
  scss: 'SCSS',
  sass: 'Sass',
  less: 'Less',
  json: 'JSON',
  jsonc: 'JSON',
  yaml: 'YAML',
  yml: 'YAML',
  toml: 'TOML',
  xml: 'XML',
  ini: 'INI',
  md: 'Markdown',
  mdx: 'MDX',
  rst: 'reStructuredText',
  txt: 'Text',
  csv: 'CSV',
  tf: 'HCL',
  proto: 'Protocol Buffer',
  graphql: 'GraphQL',
  gql: 'GraphQL',
  dockerfile: 'Docker',
  makefile: 'Makefile',
};

const LANGUAGE_BY_NAME: Record<string, string> = {
  dockerfile: 'Docker',
  makefile: 'Makefile',
  gemfile: 'Ruby',
  rakefile: 'Ruby',
  justfile: 'Just',
};

const CONFIG_EXTENSIONS = new Set([
  'json',
  'jsonc',
  'yaml',
  'yml',
  'toml',
  'ini',
  'xml',
  'lock',
  'env',
  'cfg',
  'conf',
]);
const DOC_EXTENSIONS = new Set(['md', 'mdx', 'rst', 'txt', 'adoc']);
const DATA_EXTENSIONS = new Set(['csv', 'tsv', 'parquet', 'sqlite', 'db', 'ndjson', 'jsonl']);
const TEST_PATTERN = /(^|\/)(tests?|__tests__|spec)\/|[._-](test|spec)\.[^/]+$|(^|\/)test_[^/]+$/i;

export type FileKind = 'source' | 'test' | 'config' | 'docs' | 'data';

export function languageOfPath(path: string): string | null {
  const name = (path.split('/').pop() ?? '').toLowerCase();
  const byName = LANGUAGE_BY_NAME[name];
  if (byName) return byName;
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  return LANGUAGE_BY_EXTENSION[name.slice(dot + 1)] ?? null;
}

export function kindOfPath(path: string): FileKind {
  if (TEST_PATTERN.test(path)) return 'test';
  const name = (path.split('/').pop() ?? '').toLowerCase();
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : '';
  if (DOC_EXTENSIONS.has(extension) || /^(readme|changelog|license)/.test(name)) return 'docs';
  if (CONFIG_EXTENSIONS.has(extension) || name.startsWith('.')) return 'config';
  if (DATA_EXTENSIONS.has(extension)) return 'data';
  return 'source';
}
