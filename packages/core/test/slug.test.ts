import { describe, expect, it } from 'vitest'
import { createTagSlugger, slugifyTag } from '../src/index.js'

const safe = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

describe('slugifyTag', () => {
  it.each([
    ['Catastrophic Forgetting', 'catastrophic-forgetting'],
    ['PEFT(Adaptor/LoRA)', 'peft-adaptor-lora'],
    ['Supervised-FineTuning (SFT)', 'supervised-finetuning-sft'],
    ['Selected Papers/Blogs', 'selected-papers-blogs'],
    ['One-Line Notes', 'one-line-notes'],
    ['NLP', 'nlp'],
    ['  LLM-as-a-Judge  ', 'llm-as-a-judge'],
    ['Café', 'cafe'],
    ['ＧＰＴ-４', 'gpt-4'],
  ])('%s → %s', (tag, slug) => {
    expect(slugifyTag(tag)).toBe(slug)
  })

  it('gives non-ASCII tags a safe slug that keeps their ASCII part and differs per tag', () => {
    const japanese = slugifyTag('日本語')
    const other = slugifyTag('機械翻訳')
    const mixed = slugifyTag('日本語 NLP')
    for (const slug of [japanese, other, mixed]) expect(slug).toMatch(safe)
    expect(japanese).toMatch(/^tag-[0-9a-f]{8}$/)
    expect(mixed).toMatch(/^nlp-[0-9a-f]{8}$/)
    expect(new Set([japanese, other, mixed]).size).toBe(3)
    expect(slugifyTag('日本語')).toBe(japanese)
  })

  it('treats NFC and NFD spellings of one tag alike', () => {
    expect(slugifyTag('ガイド'.normalize('NFD'))).toBe(slugifyTag('ガイド'.normalize('NFC')))
  })

  it('never yields an empty, unsafe or Windows-reserved slug', () => {
    for (const tag of ['', '---', '/', '..', 'CON', 'nul', 'Com1', '<script>', 'a'.repeat(300)]) {
      const slug = slugifyTag(tag)
      expect(slug).toMatch(safe)
      expect(['con', 'nul', 'com1']).not.toContain(slug)
      expect(slug.length).toBeLessThanOrEqual(100)
    }
  })
})

describe('createTagSlugger', () => {
  it('suffixes colliding slugs in order of first sight and remembers names', () => {
    const slugger = createTagSlugger()
    expect(slugger.slug('PEFT(Adaptor/LoRA)')).toBe('peft-adaptor-lora')
    expect(slugger.slug('peft adaptor lora')).toBe('peft-adaptor-lora-2')
    expect(slugger.slug('PEFT Adaptor LoRA')).toBe('peft-adaptor-lora-3')
    expect(slugger.slug('PEFT(Adaptor/LoRA)')).toBe('peft-adaptor-lora')
  })

  it('does not hand out a suffixed slug that a later tag owns as its base', () => {
    const slugger = createTagSlugger()
    expect(slugger.slug('a b')).toBe('a-b')
    expect(slugger.slug('A-B')).toBe('a-b-2')
    expect(slugger.slug('a b 2')).toBe('a-b-2-2')
  })
})
