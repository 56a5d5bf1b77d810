/**
 * The usual front matter, read without the `yaml` package: one `key: value` line per key, each
 * value a simple double- or single-quoted string, a date, a URL, a word, a whole number, or a
 * one-line list of such strings and words. That is what note files nearly always hold, and
 * composing a YAML document for it costs about a tenth of parsing a note.
 *
 * The grammar accepted here is a strict subset of YAML 1.2 whose meaning under the `yaml`
 * package's default (core) schema is unambiguous, and the result is what `parseDocument` +
 * `toJS` gives for it, with the same key and title positions. Anything else (comments, blank
 * lines, escapes, block lists, nested maps, duplicate keys, special words such as `null` or
 * `true`, unusual characters) returns `undefined` and the caller reads the text with `yaml`,
 * which also gives the diagnostics for bad YAML. A property test compares both readers.
 */

/** A 1-based line and column in the note file. */
export interface FilePosition {
  line: number
  column: number
}

/** Front matter read by {@link readPlainFrontMatter}. */
export interface PlainFrontMatter {
  /** The mapping as plain data, as `yaml`'s `Document.toJS()` gives it. */
  data: Record<string, unknown>
  /** Where each key starts in the file. */
  keyPositions: Map<string, FilePosition>
  /** Where each value's text starts in the file: after the opening quote of a quoted string. */
  valueStarts: Map<string, FilePosition>
}

// A key: a letter, then letters, digits, `_` or `-`.
const keyLine = /^([A-Za-z][A-Za-z0-9_-]*):(?: +(.*))?$/
// A simple quoted string: printable characters (no controls, DEL, C1 controls, line or paragraph
// separators, BOM, non-characters or lone surrogates), without the quote itself and, inside
// double quotes, without backslashes (escapes).
const quotedDouble =
  /^"((?:[ !#-[\]-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*)"$/
const quotedSingle =
  /^'((?:[ -&(-~\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|[\ud800-\udbff][\udc00-\udfff])*)'$/
const isoDate = /^\d{4}-\d{2}-\d{2}$/
const wholeNumber = /^[1-9]\d{0,14}$/
// A URL: printable ASCII without spaces, not ending in `:` (`: ` or a final `:` marks a key).
const httpUrl = /^https?:\/\/[!-~]*[!-9;-~]$/
// A word: letters, digits and a few marks that mean nothing to YAML inside a plain scalar.
const plainWord = /^[A-Za-z][A-Za-z0-9_.()/+'-]*$/
// In a flow list, words may be separated by single spaces.
const plainFlowWords = /^[A-Za-z][A-Za-z0-9_.()/+-]*(?: [A-Za-z0-9_.()/+-]+)*$/
// Plain words that the core schema reads as null, booleans or special floats.
const reservedWords = new Set([
  'null',
  'Null',
  'NULL',
  'true',
  'True',
  'TRUE',
  'false',
  'False',
  'FALSE',
])

/** A value and the offset of its text within the value source, or `undefined` if not simple. */
interface ScalarRead {
  value: string | number
  textOffset: number
}

function readScalar(source: string, inFlow: boolean): ScalarRead | undefined {
  const first = source.charCodeAt(0)
  if (first === 0x22 /* " */) {
    const match = quotedDouble.exec(source)
    return match ? { value: match[1]!, textOffset: 1 } : undefined
  }
  if (first === 0x27 /* ' */) {
    const match = quotedSingle.exec(source)
    return match ? { value: match[1]!, textOffset: 1 } : undefined
  }
  if (inFlow) {
    return plainFlowWords.test(source) && !reservedWords.has(source)
      ? { value: source, textOffset: 0 }
      : undefined
  }
  if (isoDate.test(source) || httpUrl.test(source)) return { value: source, textOffset: 0 }
  if (wholeNumber.test(source)) return { value: Number(source), textOffset: 0 }
  if (plainWord.test(source) && !reservedWords.has(source)) return { value: source, textOffset: 0 }
  return undefined
}

/** `[a, "b c", 'd']` (one line, no trailing comma) → its items, or `undefined` if not simple. */
function readFlowList(source: string): string[] | undefined {
  if (source.charCodeAt(source.length - 1) !== 0x5d /* ] */) return undefined
  const inner = trimSpaces(source.slice(1, -1))
  if (inner === '') return []
  const items: string[] = []
  // Quoted items may hold commas, so split on commas outside quotes.
  let index = 0
  while (index <= inner.length) {
    let end: number
    const quote = inner[index]
    if (quote === '"' || quote === "'") {
      const close = inner.indexOf(quote, index + 1)
      if (close === -1) return undefined
      end = close + 1
    } else {
      end = inner.indexOf(',', index)
      if (end === -1) end = inner.length
    }
    const item = readScalar(trimSpaces(inner.slice(index, end)), true)
    if (item === undefined || typeof item.value !== 'string') return undefined
    items.push(item.value)
    // After an item: spaces, then a comma and the next item, or the end.
    let next = end
    while (inner[next] === ' ') next++
    if (next === inner.length) return items
    if (inner[next] !== ',') return undefined
    next++
    while (inner[next] === ' ') next++
    if (next === inner.length) return undefined // a trailing comma
    index = next
  }
  return items
}

/**
 * Reads front matter YAML (the text between the fences, which starts on line 2 of the file)
 * when it has the usual simple shape; `undefined` when it does not, and it must go through the
 * `yaml` package.
 *
 * @example
 * readPlainFrontMatter('title: "KTO: Model Alignment, Kawin Ethayarajh+, ICML\'24"\ndate: 2024-10-27')
 *   ?.data // => { title: "KTO: Model Alignment, Kawin Ethayarajh+, ICML'24", date: '2024-10-27' }
 */
export function readPlainFrontMatter(yaml: string): PlainFrontMatter | undefined {
  if (yaml === '') return undefined
  const data: Record<string, unknown> = {}
  const keyPositions = new Map<string, FilePosition>()
  const valueStarts = new Map<string, FilePosition>()
  const lines = yaml.split('\n')
  for (let index = 0; index < lines.length; index++) {
    const match = keyLine.exec(lines[index]!)
    if (match === null) return undefined
    const key = match[1]!
    if (keyPositions.has(key) || reservedWords.has(key)) return undefined
    const line = index + 2
    const source = match[2]
    let value: unknown
    // `key:` alone is null, placed just after the colon.
    let valueColumn = key.length + 2
    if (source === undefined) {
      value = null
    } else {
      if (source.endsWith(' ')) return undefined
      valueColumn = lines[index]!.length - source.length + 1
      if (source.charCodeAt(0) === 0x5b /* [ */) {
        const items = readFlowList(source)
        if (items === undefined) return undefined
        value = items
      } else {
        const scalar = readScalar(source, false)
        if (scalar === undefined) return undefined
        value = scalar.value
        valueColumn += scalar.textOffset
      }
    }
    data[key] = value
    keyPositions.set(key, { line, column: 1 })
    valueStarts.set(key, { line, column: valueColumn })
  }
  return { data, keyPositions, valueStarts }
}

/** Removes spaces (U+0020 only: other white space is not YAML's to remove) at both ends. */
function trimSpaces(text: string): string {
  let start = 0
  let end = text.length
  while (start < end && text.charCodeAt(start) === 0x20) start++
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--
  return text.slice(start, end)
}
