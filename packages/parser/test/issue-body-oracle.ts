/**
 * An independent reading of note issue bodies for the corpus suites: the expected values come
 * from these plain string operations on the source text, never from the parser under test.
 */

/** The sections of an issue body: heading → content, read with plain string operations. */
export function sections(body: string): Map<string, string> {
  const result = new Map<string, string>()
  let heading: string | undefined
  let lines: string[] = []
  for (const line of `${body}\n# end`.split('\n')) {
    if (line.startsWith('# ')) {
      if (heading !== undefined) result.set(heading, lines.join('\n'))
      heading = line.slice(2).trim()
      lines = []
    } else lines.push(line)
  }
  return result
}

/** Section text compared loosely: list marker dropped, whitespace runs made single spaces. */
export function loose(text: string): string {
  return text
    .replace(/^\s*- /, '')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The `Translation (by model)` / `Summary (by model)` section of that name, or `null`. */
export function generated(
  body: Map<string, string>,
  name: string,
): { text: string; model?: string } | null {
  for (const [heading, content] of body) {
    const match = new RegExp(`^${name}(?: \\(by (.+)\\))?$`).exec(heading)
    if (match)
      return match[1] ? { text: loose(content), model: match[1] } : { text: loose(content) }
  }
  return null
}
