/**
 * Finds the top-level fields of a compact JSON object line without parsing it, by walking member by member
 * in from both ends: forward from `{` and backward from `}`. Each walk stops at the first value it cannot
 * step over cheaply (a nested object or array, or a very long string), so a row's small fields — which
 * agents write before and after the one big nested value (a message, an attachment, a tool result) — are
 * found in well under a microsecond, while the bulk in the middle is never looked at.
 *
 * Only keys named in the `FieldTable` are recorded. Positions go into reusable typed arrays (no
 * allocation per line): a line is read thousands of times per second in a backfill.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

/** Strings longer than this stop a walk: skipping them costs more than searching around them. */
const LONG_STRING_BYTES = 4096;
/** A JS loop beats a native call for short spans; past this, strings are skipped with native indexOf. */
const SHORT_SPAN_BYTES = 96;
/** Numbers, booleans and null are short; anything longer is not compact JSON. */
const LITERAL_MAX_BYTES = 40;

export interface FieldTable {
  readonly names: readonly string[];
  /** Field id of the key at [start, end) in `line`, or -1 when the key is not in the table. */
  idOf(line: Buffer, start: number, end: number): number;
}

/** Builds the lookup for a fixed set of keys (ids are indexes into `names`). */
export function fieldTable(names: readonly string[]): FieldTable {
  const keys = names.map((name) => Buffer.from(name, 'latin1'));
  const byLength: number[][] = [];
  keys.forEach((key, id) => {
    const sameLength = byLength[key.length] ?? [];
    sameLength.push(id);
    byLength[key.length] = sameLength;
  });
  return {
    names,
    idOf(line, start, end) {
      const candidates = byLength[end - start];
      if (candidates === undefined) return -1;
      for (const id of candidates) {
        const key = keys[id] as Buffer;
        let i = 0;
        while (i < key.length && line[start + i] === key[i]) i += 1;
        if (i === key.length) return id;
      }
      return -1;
    },
  };
}

/**
 * The result of `scanTopLevel`, reused from line to line. For a found field, `valueStart[id]` is the
 * first byte of its value (the opening quote of a string) and `valueEnd[id]` is one past its last byte;
 * for a nested value only its start (forward walk) or only its end (backward walk) may be known, the
 * other side being -1. `middleStart`/`middleEnd` bound the part of the line neither walk stepped over.
 */
export class TopLevelFields {
  readonly valueStart: Int32Array;
  readonly valueEnd: Int32Array;
  middleStart = 0;
  middleEnd = 0;
  /** True when the walks met: every top-level member was seen. */
  complete = false;

  readonly table: FieldTable;

  constructor(table: FieldTable) {
    this.table = table;
    this.valueStart = new Int32Array(table.names.length);
    this.valueEnd = new Int32Array(table.names.length);
  }

  has(id: number): boolean {
    return this.valueStart[id] !== -1 && this.valueEnd[id] !== -1;
  }

  /** True when the field's value is the string `"…"` with the given content (latin1 bytes). */
  isString(line: Buffer, id: number, content: Buffer): boolean {
    const start = this.valueStart[id] as number;
    const end = this.valueEnd[id] as number;
    if (start === -1 || end === -1 || end - start !== content.length + 2 || line[start] !== QUOTE)
      return false;
    for (let i = 0; i < content.length; i += 1) if (line[start + 1 + i] !== content[i]) return false;
    return true;
  }

  /** The field's string value without its quotes, or null when absent or not a plain string. */
  string(line: Buffer, id: number): string | null {
    const start = this.valueStart[id] as number;
    const end = this.valueEnd[id] as number;
    if (start === -1 || end === -1 || line[start] !== QUOTE) return null;
    for (let i = start + 1; i < end - 1; i += 1) {
      const byte = line[i] as number;
      // Escapes and non-ASCII (a path with accents) are decoded properly; ids and times never have them.
      if (byte === BACKSLASH || byte > 0x7f) return decodeString(line, start, end);
    }
    return line.toString('latin1', start + 1, end - 1);
  }

  /** True for a `true` literal. */
  isTrue(line: Buffer, id: number): boolean {
    const start = this.valueStart[id] as number;
    return start !== -1 && this.valueEnd[id] === start + 4 && line[start] === 0x74;
  }
}

function decodeString(line: Buffer, start: number, end: number): string | null {
  try {
    const value: unknown = JSON.parse(line.toString('utf8', start, end));
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Walks `line[start, end)` (one JSON object) from both ends; see the module comment. */
export function scanTopLevel(line: Buffer, start: number, end: number, out: TopLevelFields): void {
  out.valueStart.fill(-1);
  out.valueEnd.fill(-1);
  out.complete = false;
  out.middleStart = start;
  out.middleEnd = end;
  if (end - start < 2 || line[start] !== OPEN_BRACE || line[end - 1] !== CLOSE_BRACE) return;
  const forwardStop = walkForward(line, start + 1, end - 1, out);
  if (forwardStop === -1) {
    out.complete = true;
    out.middleStart = end;
    out.middleEnd = end;
    return;
  }
  out.middleStart = forwardStop;
  out.middleEnd = walkBackward(line, end - 2, forwardStop, out);
}

/**
 * Members from `i` on; returns -1 when the object's `}` was reached, else the index of the first member
 * (its key's quote) that was not stepped over.
 */
function walkForward(line: Buffer, from: number, closeAt: number, out: TopLevelFields): number {
  let i = from;
  if (i === closeAt) return -1;
  for (;;) {
    const memberStart = i;
    if (line[i] !== QUOTE) return memberStart;
    const keyEnd = closingQuote(line, i + 1, closeAt, SHORT_SPAN_BYTES);
    if (keyEnd === -1 || line[keyEnd + 1] !== COLON) return memberStart;
    const id = out.table.idOf(line, i + 1, keyEnd);
    const valueStart = keyEnd + 2;
    const first = line[valueStart];
    let valueEnd: number;
    if (first === QUOTE) {
      const close = closingQuote(line, valueStart + 1, closeAt, LONG_STRING_BYTES);
      if (close === -1) return memberStart;
      valueEnd = close + 1;
    } else if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      if (id !== -1) out.valueStart[id] = valueStart;
      return memberStart;
    } else {
      if (!isLiteralStart(first)) return memberStart;
      valueEnd = literalEnd(line, valueStart, closeAt);
      if (valueEnd === -1) return memberStart;
    }
    if (id !== -1) {
      out.valueStart[id] = valueStart;
      out.valueEnd[id] = valueEnd;
    }
    if (valueEnd === closeAt) return -1;
    if (line[valueEnd] !== COMMA) return memberStart;
    i = valueEnd + 1;
  }
}

/**
 * Members backward from the value ending at `last` (inclusive), never before `floor`; returns one past
 * the last byte not stepped over.
 */
function walkBackward(line: Buffer, last: number, floor: number, out: TopLevelFields): number {
  let i = last;
  for (;;) {
    const memberEnd = i + 1;
    const lastByte = line[i];
    let valueStart: number;
    if (lastByte === QUOTE) {
      valueStart = openingQuote(line, i - 1, floor, LONG_STRING_BYTES);
      if (valueStart === -1) return memberEnd;
    } else if (lastByte === CLOSE_BRACE || lastByte === CLOSE_BRACKET) {
      // A nested value: its key is unknown until something steps over it, so its end is only noted
      // through `middleEnd`.
      return memberEnd;
    } else {
      valueStart = i;
      while (valueStart > floor && line[valueStart - 1] !== COLON && i - valueStart < LITERAL_MAX_BYTES)
        valueStart -= 1;
      if (line[valueStart - 1] !== COLON || !isLiteralStart(line[valueStart])) return memberEnd;
    }
    const keyClose = valueStart - 2;
    if (keyClose <= floor || line[valueStart - 1] !== COLON || line[keyClose] !== QUOTE) return memberEnd;
    let keyOpen = keyClose - 1;
    while (keyOpen > floor && line[keyOpen] !== QUOTE && keyClose - keyOpen < SHORT_SPAN_BYTES) keyOpen -= 1;
    if (line[keyOpen] !== QUOTE || keyOpen <= floor) return memberEnd;
    const id = out.table.idOf(line, keyOpen + 1, keyClose);
    if (id !== -1) {
      out.valueStart[id] = valueStart;
      out.valueEnd[id] = i + 1;
    }
    const before = line[keyOpen - 1];
    if (before !== COMMA) return before === OPEN_BRACE ? keyOpen : memberEnd;
    i = keyOpen - 2;
    if (i < floor) return keyOpen;
  }
}

/** Index of the unescaped `"` closing a string whose content starts at `from`; -1 past `limit` bytes. */
function closingQuote(line: Buffer, from: number, end: number, limit: number): number {
  const shortEnd = Math.min(end, from + SHORT_SPAN_BYTES);
  let i = from;
  for (; i < shortEnd; i += 1) {
    const byte = line[i];
    if (byte === QUOTE) return i;
    if (byte === BACKSLASH) i += 1;
  }
  if (i >= end || limit <= SHORT_SPAN_BYTES) return -1;
  const hardEnd = Math.min(end, from + limit);
  for (;;) {
    const quote = line.indexOf(QUOTE, i);
    if (quote === -1 || quote >= hardEnd) return -1;
    if (!isEscaped(line, quote, from)) return quote;
    i = quote + 1;
  }
}

/** Index of the unescaped `"` opening a string whose closing quote is just after `from`. */
function openingQuote(line: Buffer, from: number, floor: number, limit: number): number {
  const shortEnd = Math.max(floor, from - SHORT_SPAN_BYTES);
  let i = from;
  for (; i > shortEnd; i -= 1) {
    if (line[i] === QUOTE && !isEscaped(line, i, floor)) return i;
  }
  if (i <= floor || limit <= SHORT_SPAN_BYTES) return -1;
  const hardEnd = Math.max(floor, from - limit);
  for (;;) {
    const quote = line.lastIndexOf(QUOTE, i);
    if (quote === -1 || quote <= hardEnd) return -1;
    if (!isEscaped(line, quote, floor)) return quote;
    i = quote - 1;
  }
}

/** A quote preceded by an odd number of backslashes is part of the string. */
function isEscaped(line: Buffer, quoteAt: number, floor: number): boolean {
  let slashes = 0;
  for (let i = quoteAt - 1; i >= floor && line[i] === BACKSLASH; i -= 1) slashes += 1;
  return slashes % 2 === 1;
}

/** Numbers, `true`, `false` and `null` start so; anything else (a space: not compact JSON) stops a walk. */
function isLiteralStart(byte: number | undefined): boolean {
  return (
    byte === 0x2d ||
    (byte !== undefined && byte >= 0x30 && byte <= 0x39) ||
    byte === 0x74 ||
    byte === 0x66 ||
    byte === 0x6e
  );
}

/** One past a number, boolean or null starting at `from`, or -1 when it is not one. */
function literalEnd(line: Buffer, from: number, closeAt: number): number {
  let i = from;
  const max = Math.min(closeAt, from + LITERAL_MAX_BYTES);
  while (i < max && line[i] !== COMMA) i += 1;
  if (i === closeAt || line[i] === COMMA) return i === from ? -1 : i;
  return -1;
}
