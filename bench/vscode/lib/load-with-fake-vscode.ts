import Module from 'node:module';
import { createFakeVscode } from '../../../apps/vscode/test/fake-vscode.ts';

type ResolveFilename = (request: string, ...rest: unknown[]) => string;

/**
 * Makes `require('vscode')` return a fake (the real module exists only inside an extension host), so the
 * bundled extension can be loaded and activated by plain Node.
 */
export function installFakeVscode(workspaceFolder: string) {
  const fake = createFakeVscode({ workspaceFolder });
  const moduleInternals = Module as unknown as {
    _resolveFilename: ResolveFilename;
    _cache: Record<string, unknown>;
  };
  const resolve = moduleInternals._resolveFilename;
  moduleInternals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]) {
    return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
  };
  moduleInternals._cache.vscode = {
    id: 'vscode',
    filename: 'vscode',
    loaded: true,
    exports: fake.api,
    children: [],
    paths: [],
  };
  return fake;
}
