import { describe, expect, it } from 'vitest'
import { compactList } from '../src/compact-list.js'
import { internString } from '../src/interned-string.js'
import { ownString } from '../src/own-string.js'

describe('ownString', () => {
  const body =
    '# Abstract\n- We study how reward models generalize.\n# Translation (by gpt-4o-mini)\n- 本研究では報酬モデルの汎化を調べる。😀'

  it('returns text equal to what it is given, ASCII or not', () => {
    const abstract = body.slice(body.indexOf('We'), body.indexOf('\n#'))
    expect(ownString(abstract)).toBe('We study how reward models generalize.')
    const translation = body.slice(body.lastIndexOf('- ') + 2)
    expect(ownString(translation)).toBe('本研究では報酬モデルの汎化を調べる。😀')
    expect(ownString(body)).toBe(body)
  })

  it('keeps a byte order mark, controls and line breaks', () => {
    const text = '\ufeffstarts with a BOM\u0000\t\r\nand ends here'
    expect(ownString(text)).toBe(text)
  })

  it('keeps a lone surrogate (it is not sent through UTF-8)', () => {
    const text = 'a broken pair: \ud83d and more text'
    expect(ownString(text)).toBe(text)
    expect(ownString(`${text}\udc00`)).toBe(`${text}\udc00`)
  })

  it('returns short text unchanged', () => {
    expect(ownString('')).toBe('')
    expect(ownString('NLP')).toBe('NLP')
  })
})

describe('compactList', () => {
  it('copies a filled list, items and order kept', () => {
    const tags: string[] = []
    tags.push('NLP', 'Alignment')
    const compact = compactList(tags)
    expect(compact).toEqual(['NLP', 'Alignment'])
    expect(compact).not.toBe(tags)
  })

  it('returns an empty list itself', () => {
    const empty: string[] = []
    expect(compactList(empty)).toBe(empty)
  })
})

describe('ownString on long text', () => {
  it('copies text longer than any before it, and shorter text after it', () => {
    const long = `${'長い本文。'.repeat(2000)}end`
    expect(ownString(long)).toBe(long)
    expect(ownString('We study reward models.')).toBe('We study reward models.')
  })
})

describe('internString', () => {
  it('returns a string equal to the one given, short or long', () => {
    const tags = 'tags: [Catastrophic Forgetting, NLP]'
    expect(internString(tags.slice(7, 30))).toBe('Catastrophic Forgetting')
    expect(internString(tags.slice(7, 30))).toBe('Catastrophic Forgetting')
    expect(internString('NLP')).toBe('NLP')
    const long = 'a title that is much longer than any tag or name would be, '.repeat(3)
    expect(internString(long)).toBe(long)
  })
})
