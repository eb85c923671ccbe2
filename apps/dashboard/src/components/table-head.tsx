/** A header column: its label, or an object for a right-aligned numeric (`num`) or visually hidden label. */
export type TableColumn = string | { label: string; num?: boolean; hidden?: boolean };

/** Right-aligned numeric columns (class "num"), in order. */
export const numeric = (...labels: string[]): TableColumn[] => labels.map((label) => ({ label, num: true }));

/** The `<thead>` of a table from its column list, so each table names its columns instead of spelling out cells. */
export function TableHead({ columns }: { columns: readonly TableColumn[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, index) => {
          const { label, num, hidden } = typeof column === 'string' ? { label: column } : column;
          return (
            <th scope="col" key={index} class={num ? 'num' : undefined}>
              {hidden ? <span class="visually-hidden">{label}</span> : label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
