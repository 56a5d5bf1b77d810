import { describe, expect, it } from 'vitest'
import { createComment, issueNumberOfUrl, postPlatform } from '../src/comment.js'

describe('createComment', () => {
  it('keeps markdown, tree, author and date', () => {
    const comment = createComment('読んだ。面白い。', { author: 'reader', date: '2026-01-13' })
    expect(comment.markdown).toBe('読んだ。面白い。')
    expect(comment.author).toBe('reader')
    expect(comment.date).toBe('2026-01-13')
    expect(comment.tree?.type).toBe('root')
    expect(comment.tree?.children[0]?.type).toBe('paragraph')
    expect(comment).toMatchObject({ posts: [], images: [], links: [], related: [] })
  })

  it('leaves author and date out when not given', () => {
    const comment = createComment('text')
    expect('author' in comment).toBe(false)
    expect('date' in comment).toBe(false)
  })

  it('finds x.com, twitter.com and bsky.app posts', () => {
    const comment = createComment(
      [
        '元ポスト:',
        '',
        'https://x.com/someone/status/1970720101306679436?s=46',
        '',
        'https://twitter.com/other/status/123',
        '',
        'https://bsky.app/profile/alice.bsky.social/post/3kxyz',
      ].join('\n'),
    )
    expect(comment.posts).toEqual([
      { url: 'https://x.com/someone/status/1970720101306679436?s=46', platform: 'x' },
      { url: 'https://twitter.com/other/status/123', platform: 'x' },
      { url: 'https://bsky.app/profile/alice.bsky.social/post/3kxyz', platform: 'bluesky' },
    ])
    expect(comment.links).toEqual([])
  })

  it('labels links by the text before them on the same line', () => {
    const comment = createComment(
      [
        'openreview: https://openreview.net/forum?id=13HPTmZKbM',
        'pj page: https://example.org/project',
        'HF： https://huggingface.co/example/model',
        'Dataset: https://huggingface.co/datasets/example/data',
        '解説: https://example.com/explainer',
        'https://example.com/plain',
      ].join('\n'),
    )
    expect(comment.links).toEqual([
      { url: 'https://openreview.net/forum?id=13HPTmZKbM', label: 'openreview' },
      { url: 'https://example.org/project', label: 'pj page' },
      { url: 'https://huggingface.co/example/model', label: 'HF' },
      { url: 'https://huggingface.co/datasets/example/data', label: 'Dataset' },
      { url: 'https://example.com/explainer', label: '解説' },
      { url: 'https://example.com/plain' },
    ])
  })

  it('does not take a label from a long sentence, or from a line before text that is not a URL', () => {
    const comment = createComment(
      'pj page:\nsee https://example.org/a\n\nこの研究は以前読んだ別の研究とかなり似ているような気がしているので要確認: https://example.org/b',
    )
    expect(comment.links).toEqual([
      { url: 'https://example.org/a' },
      { url: 'https://example.org/b' },
    ])
  })

  it('keeps a markdown link text and labels two links on one line separately', () => {
    const comment = createComment(
      'code: [the repository](https://github.com/example/repo) HF: https://huggingface.co/x',
    )
    expect(comment.links).toEqual([
      { url: 'https://github.com/example/repo', label: 'code', text: 'the repository' },
      { url: 'https://huggingface.co/x', label: 'HF' },
    ])
  })

  it('ignores URLs inside code', () => {
    const comment = createComment(
      'Run `curl https://example.com/api` or:\n\n```sh\nwget https://example.com/file #12\n```',
    )
    expect(comment.links).toEqual([])
    expect(comment.related).toEqual([])
  })

  it('finds markdown images and raw-HTML <img>', () => {
    const comment = createComment(
      [
        '![figure 1](https://example.com/fig1.png)',
        '',
        '<img src="https://github.com/user-attachments/assets/abc" alt="image" />',
        '',
        'inline <img alt=\'chart\' src="https://example.com/c.png?a=1&amp;b=2"> here',
      ].join('\n'),
    )
    expect(comment.images).toEqual([
      { url: 'https://example.com/fig1.png', alt: 'figure 1' },
      { url: 'https://github.com/user-attachments/assets/abc', alt: 'image' },
      { url: 'https://example.com/c.png?a=1&b=2', alt: 'chart' },
    ])
  })

  it('reads the text export placeholders', () => {
    const comment = createComment('元ポスト:\n\nLoading…\n\nimage\n\nthe image shows a chart')
    expect(comment.posts).toEqual([{}])
    expect(comment.images).toEqual([{ alt: 'image' }])
  })

  it('reads #1234 references but not C#1 or anchors in URLs', () => {
    const comment = createComment('See #1234 and (#56). C#1 is a language; issue#7 too.')
    expect(comment.related).toEqual([
      { text: '#1234', issue: 1234 },
      { text: '#56', issue: 56 },
    ])
  })

  it('turns links to issues into related references with their title line', () => {
    const comment = createComment(
      "- [[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25](https://github.com/example/notes/issues/2338)\n\nによって拡張。",
    )
    expect(comment.related).toEqual([
      {
        text: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25",
        issue: 2338,
        url: 'https://github.com/example/notes/issues/2338',
        titleLine: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25",
      },
    ])
    expect(comment.links).toHaveLength(1)
  })

  it('limits issue references to the notes repository when issueBase is given', () => {
    const markdown =
      'bug: https://github.com/vllm-project/vllm/issues/99\n\nnote: https://github.com/example/notes/issues/12'
    const comment = createComment(markdown, {
      issueBase: 'https://github.com/example/notes/issues',
    })
    expect(comment.related).toEqual([
      {
        text: 'https://github.com/example/notes/issues/12',
        issue: 12,
        url: 'https://github.com/example/notes/issues/12',
      },
    ])
    expect(comment.links.map((link) => link.label)).toEqual(['bug', 'note'])
  })

  it('reads the items under a 関連: label', () => {
    const comment = createComment(
      [
        '関連:',
        "- [Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
        '- 継続学習のサーベイ',
        '- #4175',
        '',
        '感想: よくまとまっている。',
      ].join('\n'),
    )
    expect(comment.related).toEqual([
      {
        text: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
        titleLine:
          "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
      },
      { text: '継続学習のサーベイ' },
      { text: '#4175', issue: 4175 },
    ])
  })

  it('reads lines after 関連： in the same paragraph and text after the label', () => {
    const comment = createComment('関連： Rehearsal tricks\nForgetting in LoRA\n\nnot related')
    expect(comment.related).toEqual([{ text: 'Rehearsal tricks' }, { text: 'Forgetting in LoRA' }])
  })

  it('reads a standalone full title line as a related reference', () => {
    const comment = createComment(
      "以下の研究が関連しているという指摘がある:\n- [Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
    )
    expect(comment.related).toEqual([
      {
        text: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
        titleLine:
          "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02",
      },
    ])
  })

  it('does not repeat a reference', () => {
    const comment = createComment('#12 and #12 again\n\n関連:\n- #12')
    expect(comment.related).toEqual([{ text: '#12', issue: 12 }])
  })

  it('resolves reference-style links', () => {
    const comment = createComment('see [the paper][p]\n\n[p]: https://arxiv.org/abs/2502.00001')
    expect(comment.links).toEqual([{ url: 'https://arxiv.org/abs/2502.00001', text: 'the paper' }])
  })
})

describe('createComment: other block content', () => {
  it('reads quotes, tables and raw-HTML links', () => {
    const comment = createComment(
      [
        '> 解説: https://example.com/quoted',
        '',
        '| model | link |',
        '| --- | --- |',
        '| tiny | HF: https://huggingface.co/tiny |',
        '',
        '<p>see <a href="https://x.com/someone/status/42">this post</a> and <a href="https://example.org/page?a=1&amp;b=2">page</a></p>',
      ].join('\n'),
    )
    expect(comment.links).toEqual([
      { url: 'https://example.com/quoted', label: '解説' },
      { url: 'https://huggingface.co/tiny', label: 'HF' },
      { url: 'https://example.org/page?a=1&b=2' },
    ])
    expect(comment.posts).toEqual([{ url: 'https://x.com/someone/status/42', platform: 'x' }])
  })

  it('reads an English "Related:" label and a nested list under it', () => {
    const comment = createComment(
      'Related:\n- Rehearsal tricks\n  - Forgetting in LoRA\n\nUnrelated paragraph, 2025.01',
    )
    expect(comment.related).toEqual([{ text: 'Rehearsal tricks' }, { text: 'Forgetting in LoRA' }])
  })

  it('ends a line at an inline <br>', () => {
    const comment = createComment('関連:<br>Rehearsal tricks<br/>pj page: https://example.org/p')
    expect(comment.related).toEqual([
      { text: 'Rehearsal tricks' },
      { text: 'pj page: https://example.org/p', url: 'https://example.org/p' },
    ])
    expect(comment.links).toEqual([{ url: 'https://example.org/p', label: 'pj page' }])
  })

  it('does not read #123 inside a link text as a separate reference', () => {
    const comment = createComment('[#123](https://github.com/o/notes/issues/123)')
    expect(comment.related).toEqual([
      { text: '#123', issue: 123, url: 'https://github.com/o/notes/issues/123' },
    ])
  })
})

describe('postPlatform / issueNumberOfUrl', () => {
  it('classifies post URLs', () => {
    expect(postPlatform('https://x.com/a/status/1')).toBe('x')
    expect(postPlatform('https://mobile.twitter.com/a/status/1')).toBe('x')
    expect(postPlatform('https://x.com/a')).toBeUndefined()
    expect(postPlatform('https://example.com/a/status/1')).toBeUndefined()
    expect(postPlatform('not a url')).toBeUndefined()
    // Hosts the URL parser decodes, maps or lower-cases are still found.
    expect(postPlatform('https://X.COM/a/status/1')).toBe('x')
    expect(postPlatform('https://x%2Ecom/a/status/1')).toBe('x')
    expect(postPlatform('https://ｘ.com/a/status/1')).toBe('x')
    expect(postPlatform('https://bsky.app/profile/a.bsky.social/post/3k')).toBe('bluesky')
    expect(postPlatform('https://example.org/x.com/a/status/1')).toBeUndefined()
  })

  it('reads issue numbers', () => {
    expect(issueNumberOfUrl('https://github.com/o/r/issues/4175')).toBe(4175)
    expect(issueNumberOfUrl('https://github.com/o/r/pull/4175')).toBeUndefined()
    expect(issueNumberOfUrl('https://gitlab.com/o/r/issues/1')).toBeUndefined()
    expect(issueNumberOfUrl('https://GitHub.com/o/r/issues/7')).toBe(7)
    expect(issueNumberOfUrl('https://github%2Ecom/o/r/issues/8')).toBe(8)
    expect(issueNumberOfUrl('https://example.org/github.com/o/r/issues/9')).toBeUndefined()
    const base = 'https://github.com/o/notes/issues'
    expect(issueNumberOfUrl('https://github.com/o/notes/issues/12', base)).toBe(12)
    expect(issueNumberOfUrl('https://github.com/o/other/issues/12', base)).toBeUndefined()
    expect(issueNumberOfUrl('https://github.com/o/notes/issues/12', `${base}/`)).toBe(12)
  })
})

describe('createComment: a label on its own line', () => {
  it('labels a URL that opens the next paragraph (as GitHub comments write it)', () => {
    const comment = createComment('openreview:\n\nhttps://openreview.net/forum?id=13HPTmZKbM')
    expect(comment.links).toEqual([
      { url: 'https://openreview.net/forum?id=13HPTmZKbM', label: 'openreview' },
    ])
  })

  it('does not carry the label past the next paragraph or onto text that is not a URL', () => {
    const comment = createComment(
      'pj page:\n\nsee the site https://example.org/pj\n\nDataset:\n\n- https://example.org/data\n\nHF:\n\nhttps://huggingface.co/x\nhttps://example.org/second',
    )
    expect(comment.links).toEqual([
      { url: 'https://example.org/pj' },
      { url: 'https://example.org/data' },
      { url: 'https://huggingface.co/x', label: 'HF' },
      { url: 'https://example.org/second' },
    ])
  })

  it('keeps a sentence that ends with a colon from becoming a label', () => {
    const comment = createComment('以下のように述べている。詳しくは:\n\nhttps://example.org/post')
    expect(comment.links).toEqual([{ url: 'https://example.org/post' }])
  })
})

describe('createComment: a label on the line before its URL', () => {
  it('labels a URL on the next line of the same paragraph', () => {
    const comment = createComment(
      '評価に用いられたフレームワークはこちら:\nhttps://github.com/example/eval',
    )
    expect(comment.links).toEqual([
      { url: 'https://github.com/example/eval', label: '評価に用いられたフレームワークはこちら' },
    ])
  })
})
