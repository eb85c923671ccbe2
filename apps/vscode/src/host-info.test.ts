import { describe, expect, it } from 'vitest';
import { detectHost } from './host-info.ts';

describe('detectHost', () => {
  it('names the editors that run VS Code extensions', () => {
    expect(detectHost({ appName: 'Visual Studio Code', uriScheme: 'vscode' })).toBe('VS Code');
    expect(detectHost({ appName: 'Visual Studio Code - Insiders', uriScheme: 'vscode-insiders' })).toBe(
      'VS Code Insiders',
    );
    expect(detectHost({ appName: 'Cursor', uriScheme: 'cursor' })).toBe('Cursor');
    expect(detectHost({ appName: 'VSCodium', uriScheme: 'vscodium' })).toBe('VSCodium');
    expect(detectHost({ appName: 'code-server', uriScheme: 'code-oss', appHost: 'web' })).toBe('code-server');
    expect(detectHost({ appName: 'Some Fork', uriScheme: 'cursor' })).toBe('Cursor');
    expect(detectHost({ appName: 'Unknown Editor', uriScheme: 'x' })).toBe('Unknown Editor');
  });

  it('adds the remote kind', () => {
    expect(detectHost({ appName: 'Visual Studio Code', uriScheme: 'vscode', remoteName: 'ssh-remote' })).toBe(
      'VS Code (ssh-remote)',
    );
    // code-server reports its own address as the remote authority: not a remote kind.
    expect(detectHost({ appName: 'code-server', uriScheme: 'code-oss', remoteName: '127.0.0.1:46283' })).toBe(
      'code-server',
    );
  });
});
