/** Sample notes in the note-markdown format, written for these tests (not from the corpus). */

export const sparseRehearsal = `---
title: "[Paper Note] Sparse Rehearsal for Continual Tuning, Ada Lovelace+, ICLR'25, 2025.02"
date: 2025-03-01
tags: [NLP, Catastrophic Forgetting, PEFT(Adaptor/LoRA), Selected Papers/Blogs]
issue: https://github.com/example/notes/issues/100
---
# URL
- https://arxiv.org/abs/2502.00001
# Authors
- Ada Lovelace
- Grace Hopper
# Abstract
- We replay a sparse subset of old data while tuning and measure forgetting.
# Translation (by gpt-4o-mini)
- 調整中に古いデータの疎な部分集合を再生し、忘却を測定する。
# Summary (by gpt-4o-mini)
- 疎なリハーサルで忘却を抑える手法。

<!-- comment -->
openreview: https://openreview.net/forum?id=SPARSE100

<!-- comment author="someone" date="2025-03-02" -->
関連:
- #101
`

export const japaneseBlog = `---
title: "LLMを3行で微調整する方法, EXAMPLE LABS, 2025.01"
date: 2025-02-10
tags: [Article, One-Line Notes, 日本語]
issue: https://github.com/example/notes/issues/101
---
https://blog.example.org/finetune-in-three-lines

<!-- comment -->
実務でそのまま使える短いまとめ。
`

export const forgettingEval = `---
title: "[Paper Note] Measuring Forgetting Without Old Data, Grace Hopper+, arXiv'25, 2025.01"
date: 2025-01-20
tags: [Catastrophic Forgetting, Evaluation]
issue: https://github.com/example/notes/issues/102
---
# URL
- https://arxiv.org/abs/2501.00002
# Abstract
- Old data is often unavailable; we estimate forgetting from the model's own outputs.
`

/** Front matter that is not valid YAML (an unclosed flow sequence). */
export const brokenYaml = `---
title: "[Paper Note] Broken Front Matter, Nobody+, arXiv'25, 2025.01"
date: 2025-01-05
tags: [NLP, Unclosed
---
# Abstract
- This note's tags list never closes.
`

/** A note whose id and tags try to escape the output folder. */
export const hostileNote = `---
title: "[Paper Note] Path Games, Mallory+, arXiv'25, 2025.01"
date: 2025-01-07
id: ../../../escaped
tags: ["../../../escaped-tag", "..", "/etc/passwd", "a\\\\b"]
---
# Abstract
- Tries to write outside the output folder.
`
