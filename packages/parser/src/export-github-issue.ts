/**
 * The two JSON shapes of a GitHub issue (NOTE-FORMAT.md §3.4) brought to one: the REST API's
 * (`created_at`, `html_url`, `comments: [{ body, created_at, user: { login } }]`) and
 * `gh issue list --json number,title,labels,createdAt,body,url,comments`'s (`createdAt`, `url`,
 * `comments: [{ author: { login }, body, createdAt }]`). Labels may be strings or `{ name }`.
 */

/** A comment of an issue, whichever shape it came in. */
export interface GithubIssueComment {
  body: string
  author?: string
  createdAt?: string
}

/** An issue, whichever shape it came in. */
export interface GithubIssue {
  number?: number
  title: string
  labels: string[]
  createdAt?: string
  body: string
  url?: string
  comments: GithubIssueComment[]
}

/** What `readGithubIssue` makes of one array element. */
export type GithubIssueReading =
  | { kind: 'issue'; issue: GithubIssue; problems: string[] }
  | { kind: 'pull-request'; number?: number }
  | { kind: 'not-an-issue'; reason: string }

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function stringField(record: Record<string, unknown>, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = record[name]
    if (typeof value === 'string') return value
  }
  return undefined
}

function login(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined
  const name = value['login']
  return typeof name === 'string' && name !== '' ? name : undefined
}

/**
 * Reads one element of an issues array. Pull requests (a `pull_request` key, or a `url`/
 * `html_url` under `/pull/`) are recognised so the caller can skip them.
 *
 * @example
 * readGithubIssue({ number: 7, title: 'T', labels: [{ name: 'NLP' }], createdAt: '2025-01-02T03:04:05Z', body: '' })
 * // => { kind: 'issue', issue: { number: 7, title: 'T', labels: ['NLP'], createdAt: '2025-01-02T03:04:05Z', body: '', comments: [] }, problems: [] }
 */
export function readGithubIssue(value: unknown): GithubIssueReading {
  if (!isRecord(value)) {
    return { kind: 'not-an-issue', reason: `an issue is a JSON object, not ${describe(value)}` }
  }
  const number = typeof value['number'] === 'number' ? value['number'] : undefined
  const url = stringField(value, 'html_url', 'url')
  if ('pull_request' in value || (url !== undefined && /\/pull\/\d+/.test(url))) {
    return number === undefined ? { kind: 'pull-request' } : { kind: 'pull-request', number }
  }
  const title = stringField(value, 'title')
  if (title === undefined) {
    return { kind: 'not-an-issue', reason: 'it has no string `title`' }
  }
  const problems: string[] = []
  const labels: string[] = []
  const rawLabels = value['labels']
  if (Array.isArray(rawLabels)) {
    for (const label of rawLabels) {
      const name = typeof label === 'string' ? label : isRecord(label) ? label['name'] : undefined
      if (typeof name === 'string' && name.trim() !== '') labels.push(name.trim())
      else problems.push(`a label is neither a string nor \`{ name }\`: ${describe(label)}`)
    }
  } else if (rawLabels !== undefined) {
    problems.push('`labels` is not an array')
  }
  const comments: GithubIssueComment[] = []
  const rawComments = value['comments']
  if (Array.isArray(rawComments)) {
    for (const comment of rawComments) {
      if (!isRecord(comment) || typeof comment['body'] !== 'string') {
        problems.push('a comment has no string `body`')
        continue
      }
      const entry: GithubIssueComment = { body: comment['body'] }
      const author = login(comment['user']) ?? login(comment['author'])
      if (author !== undefined) entry.author = author
      const createdAt = stringField(comment, 'created_at', 'createdAt')
      if (createdAt !== undefined) entry.createdAt = createdAt
      comments.push(entry)
    }
  }
  // A number under `comments` is the REST API's comment count: the comments are not embedded.
  const issue: GithubIssue = {
    title,
    labels,
    body: typeof value['body'] === 'string' ? value['body'] : '',
    comments,
  }
  if (number !== undefined) issue.number = number
  const createdAt = stringField(value, 'created_at', 'createdAt')
  if (createdAt !== undefined) issue.createdAt = createdAt
  if (url !== undefined) issue.url = url
  return { kind: 'issue', issue, problems }
}

function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value}`
}
