/** Many generated notes, for the tests of files long enough to come in several pieces. */
import type { Note } from '@paper-notes/core'
import { makeComment, makeNote } from '../../../test-support/note-factory.ts'

/**
 * `count` notes of 1 to 3 KB of JSON each (Japanese and English, a comment with a tree), so a
 * list of them takes several pieces; every one tagged `NLP`, every third `Evaluation` too.
 */
export function manyNotes(count: number): Note[] {
  return Array.from({ length: count }, (_, index) => {
    const markdown = `注目点 ${index}: 忘却を抑えるリハーサルの比較。 See https://example.org/${index} and **bold** text. ${'長い説明文。'.repeat(index % 40)}`
    return makeNote({
      id: String(1000 + index),
      title: `Paper ${index}: Sparse Rehearsal for Continual Tuning`,
      issueDate: `2025-${String((index % 12) + 1).padStart(2, '0')}-${String((index % 28) + 1).padStart(2, '0')}`,
      tags: index % 3 === 0 ? ['NLP', 'Evaluation'] : ['NLP'],
      abstract: `We study forgetting in setting ${index}. `.repeat(10),
      comments: [makeComment({ markdown })],
    })
  })
}
