import type { ComponentChildren } from 'preact';

/** A headline figure. `testId` marks it for the browser tests, which compare it with the API. */
export function StatCard({
  label,
  value,
  raw,
  testId,
  children,
}: {
  label: string;
  value: string;
  /** The API's unformatted value, kept on the element so tests and tools can read it exactly. */
  raw?: number | null;
  testId: string;
  children?: ComponentChildren;
}) {
  return (
    <div class="card stat" data-testid={testId} data-value={raw ?? undefined}>
      <div class="stat-label">{label}</div>
      <div class="stat-value">{value}</div>
      {children && <div class="stat-detail">{children}</div>}
    </div>
  );
}
