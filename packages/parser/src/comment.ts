/**
 * A note's comment (NOTE-FORMAT.md §1): its markdown, its mdast tree, and what the tree holds:
 * social posts, images, labelled links and references to other notes.
 *
 * Extraction walks the mdast tree (GFM autolink literals included), so a URL inside code is
 * never a link. It works line by line inside each paragraph: the text before a URL on the same
 * line gives its label (`openreview: URL`), and a line `関連:` (related) opens a list of
 * references that runs to the end of its paragraph and through the list right after it.
 */
import type { Comment, Image, Link, Post, RelatedRef } from '@paper-notes/core'
import { parseMarkdown } from '@paper-notes/core'
import type { Html, Link as LinkNode, ListItem, Nodes, Parent, Root } from 'mdast'
import { compactList } from './compact-list.js'
import { isCitationLine, parseTitleLine } from './title-line.js'

/** Who wrote a comment and when (both optional), and how to build it. */
export interface CommentMeta {
  /** The comment's author, e.g. a GitHub login. */
  author?: string
  /** `YYYY-MM-DD` or an ISO 8601 date-time. */
  date?: string
  /**
   * The notes' own issue tracker, e.g. `https://github.com/owner/notes/issues`. When given, only
   * issue URLs under it are references to other notes; when left out, any GitHub issue URL is.
   */
  issueBase?: string
  /** Keep `position` on the tree's nodes (default `true`). */
  positions?: boolean
}

/** One URL found in a line, with the text before it on that line. */
interface LineUrl {
  url: string
  /** The link's own text (markdown links), `undefined` for raw HTML. */
  text: string | undefined
  /** The text on the same line between the previous URL (or the line start) and this one. */
  before: string
  kind: 'link' | 'image'
  alt?: string
}

/** A line of inline content: its text, its text outside links and code, and its URLs. */
interface Line {
  text: string
  plain: string
  urls: LineUrl[]
}

const relatedLabels = new Set(['関連', 'related', '関連研究', '関連論文'])
const loadingPlaceholders = new Set(['Loading…', 'Loading...'])
const maxLabelLength = 24
const maxLabelWords = 4

/**
 * Builds a {@link Comment} from markdown: parses it (GFM) and extracts posts, images, links and
 * related references by walking the tree.
 *
 * @example
 * const comment = createComment('openreview: https://openreview.net/forum?id=abc\n\n関連:\n- #1234', {
 *   author: 'someone',
 *   date: '2026-01-13',
 * })
 * comment.links // => [{ url: 'https://openreview.net/forum?id=abc', label: 'openreview' }]
 * comment.related // => [{ text: '#1234', issue: 1234 }]
 */
export function createComment(markdown: string, meta: CommentMeta = {}): Comment {
  const tree = parseMarkdown(markdown, meta.positions === false ? { positions: false } : {})
  const extraction = new Extraction(meta.issueBase)
  extraction.walk(tree)
  const comment: Comment = {
    markdown,
    tree,
    posts: compactList(extraction.posts),
    images: compactList(extraction.images),
    links: compactList(extraction.links),
    related: compactList(extraction.related),
  }
  if (meta.author !== undefined && meta.author !== '') comment.author = meta.author
  if (meta.date !== undefined && meta.date !== '') comment.date = meta.date
  return comment
}

/**
 * The platform of a social-post URL: `x` for `x.com`/`twitter.com` status URLs, `bluesky` for
 * `bsky.app` posts, else `undefined`.
 */
export function postPlatform(url: string): 'x' | 'bluesky' | undefined {
  if (!mayHaveHost(url, postHosts)) return undefined
  const parsed = parseUrl(url)
  if (!parsed) return undefined
  const host = parsed.hostname.toLowerCase().replace(/^(?:www\.|mobile\.)/, '')
  const path = parsed.pathname.split('/')
  if ((host === 'x.com' || host === 'twitter.com') && /^statuse?s?$/.test(path[2] ?? '')) {
    return /^\d+$/.test(path[3] ?? '') ? 'x' : undefined
  }
  if (host === 'bsky.app' && path[1] === 'profile' && path[3] === 'post' && (path[4] ?? '') !== '')
    return 'bluesky'
  return undefined
}

/** The issue number of a GitHub issue URL (`…/issues/1234`), else `undefined`. */
export function issueNumberOfUrl(url: string, issueBase?: string): number | undefined {
  if (issueBase !== undefined) {
    const base = issueBase.replace(/\/+$/, '')
    if (!url.startsWith(`${base}/`)) return undefined
  } else if (!mayHaveHost(url, githubHosts)) {
    return undefined
  }
  const parsed = parseUrl(url)
  if (!parsed) return undefined
  if (issueBase === undefined && parsed.hostname.toLowerCase() !== 'github.com') return undefined
  const path = parsed.pathname.split('/').filter((part) => part !== '')
  if (path.length < 2 || path.at(-2) !== 'issues') return undefined
  const number = path.at(-1) ?? ''
  if (!/^\d{1,9}$/.test(number)) return undefined
  const value = Number(number)
  return value >= 1 ? value : undefined
}

const postHosts = ['x.com', 'twitter.com', 'bsky.app']
const githubHosts = ['github.com']
// Printable ASCII without `%`: the URL parser neither decodes nor maps (IDNA) such a host, so
// its host name is in the text as written, apart from letter case.
const plainAscii = /^[!-$&-~]*$/

/**
 * Whether a URL can have one of the (lower-case ASCII) host names: `false` only when the text
 * is plain ASCII and contains none of them, so `new URL` could not find one either.
 */
function mayHaveHost(url: string, hosts: readonly string[]): boolean {
  if (!plainAscii.test(url)) return true
  const lower = url.toLowerCase()
  return hosts.some((host) => lower.includes(host))
}

// A scheme and its colon, as an absolute URL starts.
const schemeStart = /^[A-Za-z][A-Za-z0-9+.-]*:/

/** Whether `new URL(text)` succeeds; most text fails at its first characters (no `scheme:`). */
function isAbsoluteUrl(text: string): boolean {
  const colon = text.indexOf(':')
  if (colon === -1) return false
  // The URL parser first drops leading controls and spaces, and every tab and line break.
  if (
    !schemeStart.test(text) &&
    text.charCodeAt(0) > 0x20 &&
    !/[\t\n\r]/.test(text.slice(0, colon))
  ) {
    return false
  }
  return parseUrl(text) !== undefined
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url)
  } catch {
    return undefined
  }
}

class Extraction {
  posts: Post[] = []
  images: Image[] = []
  links: Link[] = []
  related: RelatedRef[] = []
  private readonly relatedUrls = new Set<string>()
  private readonly relatedIssues = new Set<number>()
  private readonly relatedTexts = new Set<string>()
  private readonly definitions = new Map<string, string>()
  private readonly usedDefinitions = new Set<string>()
  /** A paragraph that ended in a bare `Label:` line labels a URL that starts the next paragraph. */
  private labelForNext: string | undefined
  private carriedLabel: string | undefined

  constructor(private readonly issueBase: string | undefined) {}

  walk(tree: Root): void {
    this.collectDefinitions(tree.children)
    this.blocks(tree.children, false)
    for (const [identifier, url] of this.definitions) {
      if (!this.usedDefinitions.has(identifier)) {
        this.addUrl({ url, text: undefined, before: '', kind: 'link' })
      }
    }
  }

  /**
   * Records the link reference definitions (the first of each identifier wins, as in markdown).
   * Definitions are blocks, so paragraphs, headings and tables are not entered.
   */
  private collectDefinitions(children: readonly Nodes[]): void {
    for (const child of children) {
      if (child.type === 'definition') {
        if (!this.definitions.has(child.identifier)) {
          this.definitions.set(child.identifier, child.url)
        }
      } else if (
        'children' in child &&
        child.type !== 'paragraph' &&
        child.type !== 'heading' &&
        child.type !== 'table'
      ) {
        this.collectDefinitions(child.children as Nodes[])
      }
    }
  }

  /** Walks block content; `related` marks the items of a list that follows a `関連:` line. */
  private blocks(children: readonly Nodes[], related: boolean): void {
    let relatedNext = false
    for (const child of children) {
      this.carriedLabel = child.type === 'paragraph' ? this.labelForNext : undefined
      this.labelForNext = undefined
      switch (child.type) {
        case 'paragraph':
        case 'heading':
          relatedNext = this.lines(this.splitLines(child), false)
          break
        case 'list':
          for (const item of child.children) this.listItem(item, related || relatedNext)
          relatedNext = false
          break
        case 'html':
          this.lines([htmlLine(child)], false)
          relatedNext = false
          break
        case 'table':
          for (const row of child.children) {
            for (const cell of row.children) this.lines(this.splitLines(cell), false)
          }
          relatedNext = false
          break
        case 'code':
        case 'definition':
        case 'thematicBreak':
        case 'yaml':
          relatedNext = false
          break
        default:
          if ('children' in child) this.blocks(child.children as Nodes[], false)
          relatedNext = false
      }
    }
  }

  private listItem(item: ListItem, related: boolean): void {
    const [first, ...rest] = item.children
    if (first?.type === 'paragraph') {
      const underLabel = this.lines(this.splitLines(first), related)
      this.blocks(rest, related || underLabel)
    } else {
      this.blocks(item.children, related)
    }
  }

  private splitLines(node: Parent): Line[] {
    return splitLines(node, this.definitions, this.usedDefinitions)
  }

  /**
   * Extracts what the lines of one paragraph hold. `relatedItem`: the first line is an item of a
   * related list. Returns whether the paragraph ends under a `関連:` label.
   */
  private lines(lines: Line[], relatedItem: boolean): boolean {
    let underLabel = false
    // GitHub comments often put a label on a line of its own (`openreview:`, maybe a blank line,
    // then the URL): a bare label line labels a URL that opens the next line.
    let pendingLabel = this.carriedLabel
    this.carriedLabel = undefined
    for (const [lineIndex, line] of lines.entries()) {
      const trimmed = line.text.trim()
      for (const url of line.urls) {
        this.addUrl(url, url.before.trim() === '' ? pendingLabel : undefined)
        pendingLabel = undefined
      }
      pendingLabel = undefined
      this.addIssueMentions(line.plain)
      if (loadingPlaceholders.has(trimmed)) this.posts.push({})
      if (trimmed === 'image' && line.urls.length === 0) this.images.push({ alt: 'image' })

      const label = relatedLabelOf(trimmed)
      if (label !== undefined) {
        underLabel = true
        if (label.rest !== '') this.addRelatedLine(label.rest, line)
        continue
      }
      if (underLabel || (relatedItem && lineIndex === 0)) {
        if (trimmed !== '') this.addRelatedLine(trimmed, line)
      } else if (line.urls.length === 0 && isCitationLine(trimmed)) {
        this.addRelated({ text: trimmed, titleLine: trimmed })
      }
      if (line.urls.length === 0) pendingLabel = labelOf(trimmed)
    }
    if (!underLabel) this.labelForNext = pendingLabel
    return underLabel
  }

  private addRelatedLine(text: string, line: Line): void {
    const hasIssueUrl = line.urls.some(
      (url) => url.kind === 'link' && issueNumberOfUrl(url.url, this.issueBase) !== undefined,
    )
    if (hasIssueUrl || issueMentions(line.plain).length > 0) return
    const ref: RelatedRef = { text }
    const firstUrl = line.urls.find((url) => url.kind === 'link')
    if (firstUrl) ref.url = firstUrl.url
    const titleText =
      firstUrl?.text !== undefined && firstUrl.text !== firstUrl.url ? firstUrl.text : text
    if (looksLikeTitleLine(titleText)) ref.titleLine = titleText
    this.addRelated(ref)
  }

  private addUrl(found: LineUrl, carriedLabel?: string): void {
    const url = found.url.trim()
    if (url === '') {
      if (found.kind === 'image') this.images.push({ alt: found.alt ?? '' })
      return
    }
    if (found.kind === 'image') {
      this.images.push({ url, alt: found.alt ?? '' })
      return
    }
    const platform = postPlatform(url)
    if (platform) {
      this.posts.push({ url, platform })
      return
    }
    const link: Link = { url }
    const label = labelOf(found.before) ?? carriedLabel
    if (label !== undefined) link.label = label
    if (found.text !== undefined && !isUrlText(found.text, url)) link.text = found.text
    this.links.push(link)
    const issue = issueNumberOfUrl(url, this.issueBase)
    if (issue !== undefined) {
      const text = link.text ?? url
      const ref: RelatedRef = { text, issue, url }
      if (link.text !== undefined && looksLikeTitleLine(link.text)) ref.titleLine = link.text
      this.addRelated(ref)
    }
  }

  private addIssueMentions(plain: string): void {
    for (const issue of issueMentions(plain)) this.addRelated({ text: `#${issue}`, issue })
  }

  private addRelated(ref: RelatedRef): void {
    // One reference per URL, else per issue number, else per title line (or text).
    const isNew =
      ref.url !== undefined
        ? addNew(this.relatedUrls, ref.url)
        : ref.issue !== undefined
          ? addNew(this.relatedIssues, ref.issue)
          : addNew(this.relatedTexts, ref.titleLine ?? ref.text)
    if (isNew) this.related.push(ref)
  }
}

/** Adds `value` to `set`; whether it was not there before. */
function addNew<T>(set: Set<T>, value: T): boolean {
  if (set.has(value)) return false
  set.add(value)
  return true
}

/** `関連:` / `関連： rest` / `Related: rest` → the text after the colon. */
function relatedLabelOf(line: string): { rest: string } | undefined {
  const colon = firstColon(line)
  if (colon === -1) return undefined
  const label = line.slice(0, colon).trim().toLowerCase()
  if (!relatedLabels.has(label)) return undefined
  return { rest: line.slice(colon + 1).trim() }
}

function firstColon(text: string): number {
  const ascii = text.indexOf(':')
  const wide = text.indexOf('：')
  return ascii === -1 ? wide : wide === -1 ? ascii : Math.min(ascii, wide)
}

/** The label of a URL from the text before it on its line: `pj page: ` → `pj page`. */
function labelOf(before: string): string | undefined {
  const text = before.trim()
  const last = text.at(-1)
  if (last !== ':' && last !== '：') return undefined
  const label = text.slice(0, -1).trim()
  if (label === '' || label.length > maxLabelLength) return undefined
  if (label.split(/\s+/).length > maxLabelWords || /[。、，,.!?！？]/.test(label)) return undefined
  return label
}

/** `#1234` references in plain text (not inside words, URLs, links or code). */
function issueMentions(plain: string): number[] {
  const found: number[] = []
  if (!plain.includes('#')) return found
  const pattern = /(^|[^\p{L}\p{N}_&#/])#(\d{1,9})(?![\p{L}\p{N}_])/gu
  for (const match of plain.matchAll(pattern)) {
    const value = Number(match[2])
    if (value >= 1 && !found.includes(value)) found.push(value)
  }
  return found
}

/** Whether a link's text is just its URL (an autolink), so it carries no text of its own. */
function isUrlText(text: string, url: string): boolean {
  return (
    text === url ||
    `http://${text}` === url ||
    `https://${text}` === url ||
    `mailto:${text}` === url
  )
}

/** A title line of another note: a citation tail (author, venue or date) after a title. */
function looksLikeTitleLine(text: string): boolean {
  const trimmed = text.trim()
  // Authors come after a comma: without one there is no title line to find.
  if (trimmed === '' || trimmed.length > 1000 || !trimmed.includes(',') || isAbsoluteUrl(trimmed)) {
    return false
  }
  // One parse: every citation line (isCitationLine) also passes the looser test below.
  const parts = parseTitleLine(trimmed)
  return (
    parts.title !== '' &&
    parts.diagnostics.length === 0 &&
    parts.authors.length > 0 &&
    (parts.published !== null || parts.venue !== null)
  )
}

/** Splits a block's inline content into lines (at line endings and hard breaks). */
function splitLines(
  node: Parent,
  definitions: ReadonlyMap<string, string>,
  usedDefinitions: Set<string>,
): Line[] {
  const lines: Line[] = []
  let current: Line = { text: '', plain: '', urls: [] }
  let sinceUrl = ''
  const newLine = () => {
    lines.push(current)
    current = { text: '', plain: '', urls: [] }
    sinceUrl = ''
  }
  const addPart = (part: string, plain: boolean) => {
    current.text += part
    if (plain) current.plain += part
    sinceUrl += part
  }
  const addText = (value: string, plain: boolean) => {
    // Most text holds no line ending: no split, no list of parts.
    let start = 0
    let end = value.indexOf('\n')
    while (end !== -1) {
      addPart(value.slice(start, end), plain)
      newLine()
      start = end + 1
      end = value.indexOf('\n', start)
    }
    addPart(start === 0 ? value : value.slice(start), plain)
  }
  const addUrl = (found: Omit<LineUrl, 'before'>) => {
    current.urls.push({ ...found, before: sinceUrl })
    sinceUrl = ''
  }
  const walk = (children: readonly Nodes[]) => {
    for (const child of children) {
      switch (child.type) {
        case 'text':
          addText(child.value, true)
          break
        case 'inlineCode':
          addText(child.value, false)
          break
        case 'break':
          newLine()
          break
        case 'link':
        case 'linkReference': {
          const url = child.type === 'link' ? child.url : resolveReference(child.identifier)
          const before = sinceUrl
          const text = textOf(child)
          current.text += text
          if (url !== undefined) {
            current.urls.push({ url, text, before, kind: 'link' })
          } else {
            current.plain += text
          }
          sinceUrl = ''
          for (const image of imagesIn(child)) addUrl(image)
          break
        }
        case 'image':
        case 'imageReference': {
          const url = child.type === 'image' ? child.url : resolveReference(child.identifier)
          current.text += child.alt ?? ''
          addUrl({ url: url ?? '', text: undefined, kind: 'image', alt: child.alt ?? '' })
          break
        }
        case 'html':
          if (/^<br\s*\/?>$/i.test(child.value.trim())) newLine()
          else for (const found of htmlUrls(child.value)) addUrl(found)
          break
        default:
          if ('children' in child) walk(child.children as Nodes[])
          else if ('value' in child && typeof child.value === 'string') addText(child.value, true)
      }
    }
  }
  const resolveReference = (identifier: string): string | undefined => {
    const url = definitions.get(identifier)
    if (url !== undefined) usedDefinitions.add(identifier)
    return url
  }
  walk(node.children as Nodes[])
  lines.push(current)
  return lines
}

function imagesIn(node: LinkNode | Nodes): Omit<LineUrl, 'before'>[] {
  const found: Omit<LineUrl, 'before'>[] = []
  const walk = (current: Nodes) => {
    if (current.type === 'image') {
      found.push({ url: current.url, text: undefined, kind: 'image', alt: current.alt ?? '' })
    } else if ('children' in current) {
      for (const child of current.children as Nodes[]) walk(child)
    }
  }
  walk(node)
  return found
}

function textOf(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value
  if (node.type === 'image' || node.type === 'imageReference') return node.alt ?? ''
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('')
  return ''
}

/** A block of raw HTML as one line holding its `<img>` and `<a>` URLs. */
function htmlLine(node: Html): Line {
  return {
    text: '',
    plain: '',
    urls: htmlUrls(node.value).map((found) => ({ ...found, before: '' })),
  }
}

/**
 * `<img src alt>` and `<a href>` in raw HTML, read with a tolerant scanner (linear: each `<`
 * is looked at once, no regular expression can backtrack).
 */
function htmlUrls(html: string): Omit<LineUrl, 'before'>[] {
  const found: Omit<LineUrl, 'before'>[] = []
  let from = 0
  let close = -1
  for (;;) {
    const open = html.indexOf('<', from)
    if (open === -1) break
    if (close <= open) {
      close = html.indexOf('>', open + 1)
      if (close === -1) break
    }
    const name = tagName(html, open + 1, close)
    if (name === undefined) {
      // A `<` that does not start a tag: look again just after it.
      from = open + 1
      continue
    }
    from = close + 1
    if (name !== 'img' && name !== 'a') continue
    const attributes = htmlAttributes(html.slice(open + 1 + name.length, close))
    if (name === 'img') {
      found.push({
        url: attributes.get('src') ?? '',
        text: undefined,
        kind: 'image',
        alt: attributes.get('alt') ?? '',
      })
    } else {
      const href = attributes.get('href')
      if (href !== undefined) found.push({ url: href, text: undefined, kind: 'link' })
    }
  }
  return found
}

/** The lower-cased element name starting at `start` (before `end`), or `undefined`. */
function tagName(html: string, start: number, end: number): string | undefined {
  let i = start
  while (i < end && i - start < 16 && /[A-Za-z0-9]/.test(html[i]!)) i++
  if (i === start) return undefined
  if (i < end && !/[\s/]/.test(html[i]!)) return undefined
  return html.slice(start, i).toLowerCase()
}

/** `name="value"`, `name='value'` and `name=value` attributes, scanned left to right. */
function htmlAttributes(source: string): Map<string, string> {
  const attributes = new Map<string, string>()
  let i = 0
  const isSpaceAt = (index: number) => /\s/.test(source[index] ?? '')
  while (i < source.length) {
    while (i < source.length && (isSpaceAt(i) || source[i] === '/')) i++
    const nameStart = i
    while (i < source.length && !isSpaceAt(i) && source[i] !== '=' && source[i] !== '/') i++
    const name = source.slice(nameStart, i).toLowerCase()
    while (i < source.length && isSpaceAt(i)) i++
    if (source[i] !== '=') {
      if (name === '') i++
      continue
    }
    i++
    while (i < source.length && isSpaceAt(i)) i++
    let value: string
    const quote = source[i]
    if (quote === '"' || quote === "'") {
      const end = source.indexOf(quote, i + 1)
      const stop = end === -1 ? source.length : end
      value = source.slice(i + 1, stop)
      i = stop + 1
    } else {
      const start = i
      while (i < source.length && !isSpaceAt(i)) i++
      value = source.slice(start, i)
    }
    if (name !== '' && !attributes.has(name)) attributes.set(name, decodeEntities(value))
  }
  return attributes
}

function decodeEntities(value: string): string {
  return value.replace(/&(amp|quot|apos|lt|gt|#39);/g, (_, entity: string) => {
    switch (entity) {
      case 'amp':
        return '&'
      case 'quot':
        return '"'
      case 'lt':
        return '<'
      case 'gt':
        return '>'
      default:
        return "'"
    }
  })
}
