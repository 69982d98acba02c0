// Finds and reads the title and body templates: the user's, or the bundled ones.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TemplateSource } from '../render/issue-templates.ts';
import { TemplateError } from '../render/issue-templates.ts';

/** The templates/ folder shipped with the action, found from this file or the bundle. */
export function bundledTemplatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 4; depth += 1) {
    if (existsSync(join(dir, 'templates', 'issue-body.hbs'))) return join(dir, 'templates');
    dir = dirname(dir);
  }
  throw new TemplateError('The bundled templates/ folder is missing next to the action; reinstall the action.');
}

async function readTemplate(path: string | null, fallback: string, cwd: string): Promise<TemplateSource> {
  const full = path === null ? join(bundledTemplatesDir(), fallback) : resolve(cwd, path);
  try {
    return { path: full, text: await readFile(full, 'utf8') };
  } catch {
    throw new TemplateError(`Template ${full} cannot be read; check the path given in the template input.`);
  }
}

export async function readTemplates(
  paths: { titleTemplatePath: string | null; bodyTemplatePath: string | null },
  cwd: string,
): Promise<{ title: TemplateSource; body: TemplateSource }> {
  return {
    title: await readTemplate(paths.titleTemplatePath, 'issue-title.hbs', cwd),
    body: await readTemplate(paths.bodyTemplatePath, 'issue-body.hbs', cwd),
  };
}
