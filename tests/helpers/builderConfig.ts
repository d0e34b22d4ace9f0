/**
 * electron-builder.yml as electron-builder itself reads it: its own loader (app-builder-lib, the
 * library behind the `electron-builder` command) and its own schema check, so a key in the wrong
 * place fails here rather than being ignored at packaging time; and its own file matcher, so the
 * tests see which files a pattern really selects.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Configuration } from 'electron-builder';

export const ROOT = path.resolve(import.meta.dirname, '../..');

// app-builder-lib is electron-builder's dependency: resolve it from there, as the command does.
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, configFromOptions: Configuration | null): Promise<Configuration>;
  validateConfiguration(config: Configuration, debugLogger: unknown): Promise<void>;
}
interface FileMatcherClass {
  new (from: string, to: string, macroExpander: (pattern: string) => string, patterns?: string[]): {
    createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean;
  };
}

export async function loadBuilderConfig(): Promise<Configuration> {
  const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as ConfigModule;
  const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  return config;
}

/**
 * Which of these app-relative paths (files, '/'-separated) the patterns select, as electron-builder
 * matches `files`, `asarUnpack` and the like.
 */
export function selectedBy(patterns: string[], files: string[]): string[] {
  const { FileMatcher } = fromBuilder('app-builder-lib/out/fileMatcher') as { FileMatcher: FileMatcherClass };
  const appDir = path.join(ROOT, 'app');
  const filter = new FileMatcher(appDir, appDir, (pattern) => pattern, patterns).createFilter();
  const file = { isDirectory: () => false };
  return files.filter((relative) => filter(path.join(appDir, ...relative.split('/')), file));
}
