import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FileEdit } from '@devtime/agents';

/** Writes each edit atomically (temp file + rename), so an agent never reads a half-written settings file. */
export async function applyEdits(edits: FileEdit[]): Promise<void> {
  for (const edit of edits) {
    if (edit.after === null) {
      await rm(edit.path, { force: true });
      continue;
    }
    await mkdir(dirname(edit.path), { recursive: true });
    const temp = `${edit.path}.devtime-${process.pid}.tmp`;
    await writeFile(temp, edit.after, { mode: edit.mode ?? 0o644 });
    await rename(temp, edit.path);
  }
}

/** A dry run shows each file's new content in full: exactly what would be written. */
export function describeEdits(edits: FileEdit[]): string {
  return edits
    .map((edit) =>
      edit.after === null
        ? `--- delete ${edit.path} (${edit.description})\n`
        : `--- ${edit.before === null ? 'create' : 'update'} ${edit.path} (${edit.description})\n${edit.after}`,
    )
    .join('\n');
}
