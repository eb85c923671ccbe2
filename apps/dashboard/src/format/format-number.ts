const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat('en-US');

/** Token counts: "950", "12.3K", "4.1M". */
export function formatTokens(tokens: number): string {
  return tokens < 1000 ? whole.format(tokens) : compact.format(tokens);
}

export function formatCount(count: number): string {
  return whole.format(count);
}

/** USD with cents, or fractions of a cent for tiny amounts; "unpriced" when the API has no price. */
export function formatUsd(usd: number | null): string {
  if (usd === null) return 'unpriced';
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}

/** Share of a whole as a whole percent; "<1%" for a non-zero sliver, so it does not read as nothing. */
export function formatShare(part: number, whole: number): string {
  if (whole <= 0 || part <= 0) return '0%';
  const percent = (part / whole) * 100;
  return percent < 1 ? '<1%' : `${Math.round(percent)}%`;
}
