/**
 * A minimal TOML scanner that finds where top-level assignments sit in the text, so one value can be
 * replaced without re-serialising the file (which would drop the user's comments and layout). It only
 * needs to skip values correctly; the result is always re-parsed with smol-toml by the caller.
 */
export interface TomlAssignment {
  /** The key as written, quoted parts unquoted (`"notify"` → `notify`), dotted parts joined with `.`. */
  key: string;
  lineStart: number;
  valueStart: number;
  valueEnd: number;
  /** Index just after the line's newline (or the end of the text). */
  lineEnd: number;
}

export interface TomlTopLevel {
  assignments: TomlAssignment[];
  /** Start of the line of the first `[table]` / `[[array]]` header: top-level keys must come before it. */
  firstTableStart: number | null;
}

const BARE_KEY = /[A-Za-z0-9_-]/;

export function scanTopLevel(text: string): TomlTopLevel {
  const scanner = new Scanner(text);
  return scanner.topLevel();
}

class Scanner {
  text: string;
  i = 0;

  constructor(text: string) {
    this.text = text;
  }

  topLevel(): TomlTopLevel {
    const assignments: TomlAssignment[] = [];
    const { text } = this;
    while (this.i < text.length) {
      const lineStart = this.i;
      this.skipSpaces();
      const c = text[this.i];
      if (c === undefined) break;
      if (c === '\n' || c === '\r' || c === '#') {
        this.i = this.endOfLine(this.i);
        continue;
      }
      if (c === '[') return { assignments, firstTableStart: lineStart };
      const key = this.readKey();
      this.skipSpaces();
      if (key === null || text[this.i] !== '=') throw new Error(`unexpected TOML at offset ${this.i}`);
      this.i += 1;
      this.skipSpaces();
      const valueStart = this.i;
      this.skipValue();
      const valueEnd = this.i;
      this.i = this.endOfLine(this.i);
      assignments.push({ key, lineStart, valueStart, valueEnd, lineEnd: this.i });
    }
    return { assignments, firstTableStart: null };
  }

  /** Index after the newline that ends the line at `from` (comments included). */
  endOfLine(from: number): number {
    const newline = this.text.indexOf('\n', from);
    return newline === -1 ? this.text.length : newline + 1;
  }

  skipSpaces(): void {
    while (this.text[this.i] === ' ' || this.text[this.i] === '\t') this.i += 1;
  }

  /** Whitespace, newlines and comments, as allowed inside arrays. */
  skipBlank(): void {
    for (;;) {
      const c = this.text[this.i];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') this.i += 1;
      else if (c === '#') this.i = this.endOfLine(this.i);
      else return;
    }
  }

  readKey(): string | null {
    const parts: string[] = [];
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.i];
      if (c === '"' || c === "'") {
        const start = this.i;
        this.skipString();
        parts.push(this.text.slice(start + 1, this.i - 1));
      } else {
        const start = this.i;
        while (this.i < this.text.length && BARE_KEY.test(this.text[this.i]!)) this.i += 1;
        if (this.i === start) return null;
        parts.push(this.text.slice(start, this.i));
      }
      this.skipSpaces();
      if (this.text[this.i] !== '.') return parts.join('.');
      this.i += 1;
    }
  }

  skipString(): void {
    const { text } = this;
    const quote = text[this.i]!;
    const triple = text.startsWith(quote.repeat(3), this.i);
    this.i += triple ? 3 : 1;
    while (this.i < text.length) {
      const c = text[this.i];
      if (c === '\\' && quote === '"') this.i += 2;
      else if (triple && text.startsWith(quote.repeat(3), this.i)) {
        this.i += 3;
        // A closing delimiter may be preceded by up to two quotes that belong to the content.
        while (text[this.i] === quote) this.i += 1;
        return;
      } else if (!triple && c === quote) {
        this.i += 1;
        return;
      } else if (!triple && c === '\n') return;
      else this.i += 1;
    }
  }

  skipValue(): void {
    const { text } = this;
    const c = text[this.i];
    if (c === '"' || c === "'") {
      this.skipString();
      return;
    }
    if (c === '[' || c === '{') {
      const close = c === '[' ? ']' : '}';
      this.i += 1;
      for (;;) {
        this.skipBlank();
        if (this.i >= text.length) return;
        if (text[this.i] === close) {
          this.i += 1;
          return;
        }
        if (close === '}') {
          if (this.readKey() === null) return;
          this.skipSpaces();
          if (text[this.i] !== '=') return;
          this.i += 1;
          this.skipSpaces();
        }
        const before = this.i;
        this.skipValue();
        if (this.i === before) return;
        this.skipBlank();
        if (text[this.i] === ',') this.i += 1;
      }
    }
    // A scalar (number, boolean, date-time, which may contain a space) runs to a delimiter.
    const start = this.i;
    while (this.i < text.length && !',]}\n#'.includes(text[this.i]!)) this.i += 1;
    while (this.i > start && ' \t\r'.includes(text[this.i - 1]!)) this.i -= 1;
  }
}
