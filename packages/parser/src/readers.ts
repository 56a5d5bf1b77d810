/**
 * The reader for each source format. `parseNotes` dispatches here; a format without an entry
 * gives a `format-unsupported` diagnostic.
 */
import type { SourceFormat } from '@paper-notes/core'
import { readGithubJson } from './github-json.js'
import { readNoteMarkdown } from './markdown-reader.js'
import type { Reader } from './reader.js'
import { readTextExport } from './text-export.js'
import { readXmlExport } from './xml-export.js'

/** The reader of each supported source format. */
export const readers: Readonly<Partial<Record<SourceFormat, Reader>>> = {
  markdown: readNoteMarkdown,
  text: readTextExport,
  xml: readXmlExport,
  github: readGithubJson,
}
