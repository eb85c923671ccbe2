import type { StatsResponse } from '../api/types.ts';
import { BreakdownList } from './breakdown-list.tsx';

export type BreakdownDimension = 'tool' | 'project' | 'language' | 'category' | 'machine' | 'branch';

export interface BreakdownSpec {
  by: BreakdownDimension;
  title: string;
  labelOf?: (key: string) => string;
  hrefOf?: (key: string) => string | undefined;
}

/** Several breakdowns of one `GET /api/stats` answer, side by side; each is the API's `by_<dimension>`. */
export function BreakdownGrid({ stats, breakdowns }: { stats: StatsResponse; breakdowns: BreakdownSpec[] }) {
  return (
    <div class="grid-2">
      {breakdowns.map((spec) => (
        <BreakdownList
          key={spec.by}
          id={spec.by}
          title={spec.title}
          record={stats[`by_${spec.by}`]}
          totalSeconds={stats.total_seconds}
          {...(spec.labelOf ? { labelOf: spec.labelOf } : {})}
          {...(spec.hrefOf ? { hrefOf: spec.hrefOf } : {})}
        />
      ))}
    </div>
  );
}
