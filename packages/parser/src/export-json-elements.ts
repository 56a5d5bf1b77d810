/**
 * Where things are in a JSON text: the first syntax error, and the start of each element of the
 * top-level array. `JSON.parse` in Node 20 often reports no position at all, so both come from
 * `jsonc-parser`'s scanner (strict JSON: no comments, no trailing commas). Each scan is one
 * linear pass; array elements' insides are skipped, not visited.
 */
import { type ParseError, parse, printParseErrorCode, visit } from 'jsonc-parser'

/** A JSON syntax error: its offset and a short description. */
export interface JsonSyntaxError {
  offset: number
  /** e.g. `ValueExpected`, `CommaExpected`, `UnexpectedEndOfString`. */
  reason: string
}

/**
 * The first syntax error of `text` as strict JSON, or `undefined` when it is valid.
 *
 * @example
 * findJsonSyntaxError('[{"number": }]') // => { offset: 12, reason: 'ValueExpected' }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  const errors: ParseError[] = []
  parse(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  })
  const first = errors[0]
  return first ? { offset: first.offset, reason: printParseErrorCode(first.error) } : undefined
}

/**
 * The offset where each element of the top-level array starts (an empty list when the value is
 * not an array).
 *
 * @example
 * findTopLevelElements('[\n  {"number": 1},\n  {"number": 2}\n]') // => [4, 21]
 */
export function findTopLevelElements(text: string): number[] {
  const offsets: number[] = []
  let depth = 0
  let topIsArray = false
  const begin = (offset: number, isArray: boolean): boolean | undefined => {
    if (depth === 0) topIsArray = isArray
    else if (depth === 1 && topIsArray) offsets.push(offset)
    depth++
    // Skip the insides of every element: only where elements start matters here.
    return depth > 1 ? false : undefined
  }
  visit(
    text,
    {
      onObjectBegin: (offset) => begin(offset, false),
      onArrayBegin: (offset) => begin(offset, true),
      onObjectEnd: () => {
        depth--
      },
      onArrayEnd: () => {
        depth--
      },
      onLiteralValue: (_value, offset) => {
        if (depth === 1 && topIsArray) offsets.push(offset)
      },
    },
    { disallowComments: true },
  )
  return offsets
}
