import { heartbeatSchema } from '@devtime/protocol';
import { describe, expect, it } from 'vitest';
import { createPrivacyFilter } from '../privacy/privacy-filter.ts';
import { buildHeartbeat, type ClientContext } from './build-heartbeat.ts';
import { languageName } from './language-names.ts';

const client: ClientContext = {
  tool: 'vscode',
  editor: 'code-server',
  editorVersion: '1.139.0',
  plugin: 'devtime-vscode/0.1.0',
  os: 'linux',
  machineId: '0b3c9f4e-8a57-4b51-9f3e-2c1d0e9a7b61',
};
const open = createPrivacyFilter({ hashFilePaths: false, excludeProjects: [], excludeFiles: ['.env'] }, 'k');
const beat = {
  file: 'file:///w/app/src/a.ts',
  timeMs: 1_700_000_000_000,
  isWrite: true,
  category: 'coding' as const,
};

describe('buildHeartbeat', () => {
  it('builds a valid wire heartbeat with every known field and no content', () => {
    const heartbeat = buildHeartbeat(
      beat,
      {
        project: 'app',
        relativePath: 'src/a.ts',
        language: 'TypeScript',
        branch: 'main',
        lines: 40,
        cursorLine: 7,
      },
      client,
      open,
    );
    expect(heartbeat).toEqual({
      tool: 'vscode',
      timestamp: 1_700_000_000_000,
      category: 'coding',
      entity_type: 'file',
      file: 'src/a.ts',
      project: 'app',
      language: 'TypeScript',
      branch: 'main',
      lines: 40,
      cursor_line: 7,
      is_write: true,
      machine_id: client.machineId,
      editor: 'code-server',
      editor_version: '1.139.0',
      plugin: 'devtime-vscode/0.1.0',
      os: 'linux',
    });
    expect(heartbeatSchema.safeParse(heartbeat).success).toBe(true);
  });

  it('leaves unknown fields out and returns null for an excluded file', () => {
    const bare = {
      project: null,
      relativePath: 'notes.txt',
      language: null,
      branch: null,
      lines: null,
      cursorLine: null,
    };
    const heartbeat = buildHeartbeat(beat, bare, client, open);
    expect(heartbeat).not.toHaveProperty('project');
    expect(heartbeat).not.toHaveProperty('lines');
    expect(buildHeartbeat(beat, { ...bare, relativePath: '.env' }, client, open)).toBeNull();
  });

  it('maps editor language ids to display names and keeps unknown ones', () => {
    expect(languageName('typescriptreact')).toBe('TypeScript');
    expect(languageName('shellscript')).toBe('Bash');
    expect(languageName('brainfuck')).toBe('brainfuck');
  });
});
