/**
 * The issue tracker a note's issue URL belongs to. Comments are read with it (`createComment`'s
 * `issueBase`), so only links into the notes' own tracker count as references to other notes.
 */

/**
 * `https://github.com/o/notes/issues/12` → `https://github.com/o/notes/issues`; `undefined`
 * when the URL does not end in `/issues/<number>`.
 *
 * @example
 * issueTracker('https://github.com/o/notes/issues/12') // => 'https://github.com/o/notes/issues'
 */
export function issueTracker(issueUrl: string): string | undefined {
  const match = /^(https?:\/\/[^\s?#]*\/issues)\/\d+\/?(?:[?#]\S*)?$/.exec(issueUrl.trim())
  return match?.[1]
}
