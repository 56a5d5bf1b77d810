import type { Comment, Note } from '@paper-notes/core'
import {
  makeComment as makeSharedComment,
  makeNote as makeSharedNote,
} from '../../../test-support/note-factory.ts'

/**
 * The shared test note with the longer abstract, translation and summary these tests show on
 * pages; override any field.
 */
export function makeNote(overrides: Partial<Note> = {}): Note {
  return makeSharedNote({
    abstract: 'We study forgetting in continual instruction tuning.',
    translation: { text: '継続的な指示チューニングにおける忘却を研究する。', model: 'gpt-4o-mini' },
    summary: {
      text: '忘却についての研究。リハーサルを疎にすることで計算量を削減する。',
      model: 'gpt-4o-mini',
    },
    ...overrides,
  })
}

/** A comment with no extracted content (and no tree: pages render its markdown); override any field. */
export function makeComment(overrides: Partial<Comment> = {}): Comment {
  const { tree: _tree, ...comment } = makeSharedComment(overrides)
  return overrides.tree ? { ...comment, tree: overrides.tree } : comment
}
