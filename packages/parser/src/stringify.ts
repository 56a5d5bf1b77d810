/**
 * `stringifyNote`: a `Note` → note markdown (NOTE-FORMAT.md §3.1), so that
 * `parseNotes(stringifyNote(note)).notes[0]` equals `note` apart from `source`.
 *
 * The title line, date and tags always go to the front matter, and the body gets the `URL`,
 * `Authors`, `Abstract`, `Translation` and `Summary` sections. Where the note holds a value that
 * would not be derived back from those (an id that is not its issue number or hash, a venue that
 * differs from its title line's, …), the value is written as an explicit front-matter field.
 */
import type { GeneratedText, Note } from '@paper-notes/core'
import { Document, isSeq } from 'yaml'
import { firstUrl } from './body.js'
import { frontMatterKeys } from './markdown-reader.js'
import { deriveKind, noteId } from './note-id.js'
import { parseTitleLine } from './title-line.js'

/**
 * Writes a note as note markdown: YAML front matter, the issue body, then one
 * `<!-- comment author="…" date="…" -->` block per comment.
 *
 * @example
 * stringifyNote(note)
 * // => '---\ntitle: "[Paper Note] …"\ndate: 2026-01-12\ntags: [NLP, Catastrophic Forgetting]\n---\n# URL\n- https://arxiv.org/abs/…\n…'
 */
export function stringifyNote(note: Note): string {
  const parts = parseTitleLine(note.titleLine)
  const front: Record<string, unknown> = { title: note.titleLine, date: note.issueDate }
  if (note.tags.length > 0) front['tags'] = [...note.tags]
  if (note.links.issue !== undefined) front['issue'] = note.links.issue

  const urlSection = note.sections.find((section) => section.heading.toLowerCase() === 'url')
  const paper = note.links.paper
  let writeUrlSection = false
  if (paper !== undefined) {
    if (urlSection !== undefined) {
      if (firstUrl(urlSection.markdown) !== paper) front['url'] = paper
    } else if (isCleanUrl(paper)) {
      writeUrlSection = true
    } else {
      front['url'] = paper
    }
  }

  const summary = note.summary?.text ?? null
  const derivedId = noteId({
    ...(note.links.issue !== undefined ? { issueUrl: note.links.issue } : {}),
    issueDate: note.issueDate,
    titleLine: note.titleLine,
    summary,
    comments: note.comments.map((comment) => comment.markdown),
  })
  if (note.id !== derivedId) front['id'] = note.id
  if (note.kind !== deriveKind(note.titleLine, parts, note.tags)) front['kind'] = note.kind

  let authorsSection: string[] | undefined
  if (!sameList(note.authors, parts.authors)) {
    if (note.authors.length > 0 && note.authors.every(isCleanAuthor)) authorsSection = note.authors
    else front['authors'] = [...note.authors]
  }
  if (!sameJson(note.venue, parts.venue)) front['venue'] = note.venue
  if (!sameJson(note.published, parts.published)) front['published'] = note.published
  for (const [key, value] of Object.entries(note.extra ?? {})) {
    if (!(frontMatterKeys as readonly string[]).includes(key)) front[key] = value
  }

  const document = new Document(front)
  const tags = document.get('tags', true)
  if (isSeq(tags)) tags.flow = true
  const yaml = document.toString({ lineWidth: 0 })

  const body: string[] = []
  for (const section of note.sections) if (section.heading === '') body.push(section.markdown)
  if (writeUrlSection && paper !== undefined) body.push(`# URL\n- ${paper}`)
  if (authorsSection) body.push(['# Authors', ...authorsSection.map((a) => `- ${a}`)].join('\n'))
  if (note.abstract !== null) body.push(recognisedSection('Abstract', note.abstract))
  if (note.translation !== null) body.push(generatedSection('Translation', note.translation))
  if (note.summary !== null) body.push(generatedSection('Summary', note.summary))
  for (const section of note.sections) {
    if (section.heading === '') continue
    body.push(
      section.markdown === ''
        ? `# ${section.heading}`
        : `# ${section.heading}\n${section.markdown}`,
    )
  }

  const blocks = [body.length > 0 ? `---\n${yaml}---\n${body.join('\n')}` : `---\n${yaml}---`]
  for (const comment of note.comments) {
    let marker = '<!-- comment'
    if (comment.author !== undefined) marker += ` author="${escapeAttribute(comment.author)}"`
    if (comment.date !== undefined) marker += ` date="${escapeAttribute(comment.date)}"`
    marker += ' -->'
    blocks.push(comment.markdown === '' ? marker : `${marker}\n${comment.markdown}`)
  }
  return `${blocks.join('\n\n')}\n`
}

/** `# Abstract` then `- text`, continuation lines indented past the marker. */
function recognisedSection(heading: string, text: string): string {
  if (text === '') return `# ${heading}`
  const [first, ...rest] = text.split('\n')
  const lines = [`- ${first}`, ...rest.map((line) => (line === '' ? '' : `  ${line}`))]
  return `# ${heading}\n${lines.join('\n')}`
}

function generatedSection(name: string, generated: GeneratedText): string {
  const heading = generated.model === undefined ? name : `${name} (by ${generated.model})`
  return recognisedSection(heading, generated.text)
}

function escapeAttribute(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
}

/** A URL the `URL` section gives back unchanged. */
function isCleanUrl(url: string): boolean {
  return firstUrl(url) === url
}

/** An author name an `Authors` list item gives back unchanged. */
function isCleanAuthor(name: string): boolean {
  return name !== '' && name === name.trim() && !name.includes('\n') && !/^[-*+] /.test(name)
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index])
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
