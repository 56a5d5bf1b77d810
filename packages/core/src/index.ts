export { resolveCacheBytes } from './cache-bytes.js'
export { isCalendarDate } from './calendar-date.js'
export type { Collection, TagInfo } from './collection.js'
export { compareNotes, createCollection, normalizeTitle } from './collection.js'
export type { Diagnostic, Severity } from './diagnostic.js'
export { countDiagnostics } from './diagnostic.js'
export { stableHash } from './hash.js'
export type { BaseUrlContext } from './http-url.js'
export { checkBaseUrl, safeHttpUrl } from './http-url.js'
export { type MarkdownParseOptions, parseMarkdown } from './markdown.js'
export type {
  Comment,
  GeneratedText,
  Image,
  Link,
  Note,
  NoteKind,
  NoteLinks,
  NoteSource,
  Post,
  Published,
  RelatedRef,
  Section,
  SourceFormat,
  Venue,
} from './model.js'
export { noteContentHtml, noteDateTime, noteDisplayTitle, noteRfc822Date } from './note-display.js'
export type {
  FileDependencies,
  FilePiece,
  NoteOutline,
  PlannedFile,
  RenderedFile,
  Renderer,
} from './renderer.js'
export {
  chunkedFile,
  defineRenderer,
  fileDependencies,
  isSafeOutputPath,
  noDependencies,
  noteOutline,
  pieceBatchLength,
  piecedFile,
  plannedFile,
  renderPlannedFiles,
} from './renderer.js'
export type { SafeHtmlOptions } from './safe-html.js'
export { sharedSafeHast, toSafeHast, toSafeHtml } from './safe-html.js'
export type { JsonSchema } from './schema.js'
export {
  jsonSchemaDialect,
  noteSchema,
  noteSchemaId,
  notesSchema,
  notesSchemaId,
} from './schema.js'
export { noteFileId, notePagePath, relativeUrl, siteUrl, tagPagePath } from './site-paths.js'
export type { TagSlugger } from './slug.js'
export { createTagSlugger, slugifyTag } from './slug.js'
export type { ValidationResult } from './validate.js'
export { isNote, validateNote, validateNotes } from './validate.js'
