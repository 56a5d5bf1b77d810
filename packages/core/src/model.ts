/**
 * The paper-note data model (NOTE-FORMAT.md §1).
 *
 * This module is the single source of truth: every TypeScript type below is derived from the
 * TypeBox schema beside it, and the JSON Schema documents exported by `schema.ts` are those same
 * schema objects. Types and schema cannot drift.
 */
import { type Static, Type } from '@sinclair/typebox'
import type { Root } from 'mdast'

const strict = { additionalProperties: false } as const

/** `ICLR'25` → `{ name: 'ICLR', year: 2025 }`; `NeurIPS'25 Spotlight` adds `qualifier`. */
export const VenueSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, description: 'Venue name as written, e.g. "ICLR".' }),
    year: Type.Optional(Type.Integer({ description: 'Four-digit year, e.g. 2025.' })),
    qualifier: Type.Optional(
      Type.String({ minLength: 1, description: 'Text after the year, e.g. "Spotlight".' }),
    ),
  },
  { ...strict, title: 'Venue', description: 'Where the work was published.' },
)

/** When the work appeared: the trailing `YYYY.MM` of a title line, or a front-matter date. */
export const PublishedSchema = Type.Object(
  {
    year: Type.Integer(),
    month: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
  },
  { ...strict, title: 'Published' },
)

/** Machine-generated text with the model that produced it, e.g. `gpt-4o-mini`. */
export const GeneratedTextSchema = Type.Object(
  {
    text: Type.String(),
    model: Type.Optional(Type.String({ minLength: 1 })),
  },
  { ...strict, title: 'GeneratedText' },
)

/** The work's URL and the note's own issue URL. */
export const NoteLinksSchema = Type.Object(
  {
    paper: Type.Optional(Type.String({ minLength: 1 })),
    issue: Type.Optional(Type.String({ minLength: 1 })),
  },
  { ...strict, title: 'NoteLinks' },
)

/** A body section that is not one of the recognised ones, kept verbatim. */
export const SectionSchema = Type.Object(
  {
    heading: Type.String(),
    markdown: Type.String(),
  },
  { ...strict, title: 'Section' },
)

/** An embedded social post. The text export keeps only a placeholder, so `url` may be absent. */
export const PostSchema = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1 })),
    platform: Type.Optional(Type.String({ minLength: 1, description: 'e.g. "x", "bluesky".' })),
  },
  { ...strict, title: 'Post' },
)

/** An image in a comment. The text export keeps only the alt text. */
export const ImageSchema = Type.Object(
  {
    url: Type.Optional(Type.String({ minLength: 1 })),
    alt: Type.String(),
  },
  { ...strict, title: 'Image' },
)

/** A URL in a comment that is not a post or an image, with its `Label:` when it has one. */
export const LinkSchema = Type.Object(
  {
    url: Type.String({ minLength: 1 }),
    label: Type.Optional(Type.String({ minLength: 1 })),
    text: Type.Optional(Type.String()),
  },
  { ...strict, title: 'Link' },
)

/** A reference from a comment to another note; a collection resolves it where it can. */
export const RelatedRefSchema = Type.Object(
  {
    text: Type.String(),
    issue: Type.Optional(Type.Integer({ minimum: 1 })),
    url: Type.Optional(Type.String({ minLength: 1 })),
    titleLine: Type.Optional(Type.String({ minLength: 1 })),
  },
  { ...strict, title: 'RelatedRef' },
)

/**
 * An mdast `Root`. The schema checks only its outer shape; its type is the `Root` of
 * `@types/mdast`.
 */
export const MdastRootSchema = Type.Unsafe<Root>(
  Type.Object(
    {
      type: Type.Literal('root'),
      children: Type.Array(Type.Object({ type: Type.String() })),
    },
    {
      title: 'MdastRoot',
      description: 'An mdast root node (https://github.com/syntax-tree/mdast).',
    },
  ),
)

/** One of the note author's comments. */
export const CommentSchema = Type.Object(
  {
    markdown: Type.String({ description: 'The comment as markdown.' }),
    tree: Type.Optional(
      Type.Unsafe<Root>({
        ...MdastRootSchema,
        description:
          'The mdast of `markdown` (mdast-util-from-markdown + GFM). Every parsed note has it; serialized notes may leave it out, since it can be rebuilt from `markdown`.',
      }),
    ),
    author: Type.Optional(Type.String({ minLength: 1 })),
    date: Type.Optional(
      Type.String({ minLength: 1, description: 'YYYY-MM-DD or an ISO 8601 date-time.' }),
    ),
    posts: Type.Array(PostSchema),
    images: Type.Array(ImageSchema),
    links: Type.Array(LinkSchema),
    related: Type.Array(RelatedRefSchema),
  },
  { ...strict, title: 'Comment' },
)

/** The source formats a note can be read from. */
export const SourceFormatSchema = Type.Union(
  [Type.Literal('markdown'), Type.Literal('text'), Type.Literal('xml'), Type.Literal('github')],
  {
    title: 'SourceFormat',
    description:
      'markdown: note markdown (.md); text: tag-page text export; xml: paper-list XML export; github: GitHub issues JSON.',
  },
)

/** Where a note starts in its input (1-based line and column). */
export const NoteSourceSchema = Type.Object(
  {
    format: SourceFormatSchema,
    file: Type.Optional(Type.String()),
    line: Type.Integer({ minimum: 1 }),
    column: Type.Integer({ minimum: 1 }),
  },
  { ...strict, title: 'NoteSource' },
)

/** One paper note. */
export const NoteSchema = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      description: 'The issue number when known, else a stable hash of the note.',
    }),
    kind: Type.Union([Type.Literal('paper'), Type.Literal('article')]),
    titleLine: Type.String({ description: 'The title line exactly as written; may be empty.' }),
    title: Type.String({ description: 'The work’s own title, without prefix and citation tail.' }),
    authors: Type.Array(Type.String({ minLength: 1 })),
    etAl: Type.Boolean({ description: 'The first author was written with a trailing "+".' }),
    venue: Type.Union([VenueSchema, Type.Null()]),
    published: Type.Union([PublishedSchema, Type.Null()]),
    issueDate: Type.String({
      format: 'date',
      pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$',
      description: 'When the note was opened (YYYY-MM-DD).',
    }),
    tags: Type.Array(Type.String({ minLength: 1 }), { uniqueItems: true }),
    links: NoteLinksSchema,
    abstract: Type.Union([Type.String(), Type.Null()]),
    translation: Type.Union([GeneratedTextSchema, Type.Null()]),
    summary: Type.Union([GeneratedTextSchema, Type.Null()]),
    sections: Type.Array(SectionSchema),
    comments: Type.Array(CommentSchema),
    source: NoteSourceSchema,
    extra: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Fields the source had that the model does not name (e.g. unknown front-matter keys), kept verbatim.',
      }),
    ),
  },
  { ...strict, title: 'Note' },
)

/** A list of notes. */
export const NotesSchema = Type.Array(NoteSchema, { title: 'Notes' })

/** A venue: `ICLR'25` → `{ name: 'ICLR', year: 2025 }`. */
export type Venue = Static<typeof VenueSchema>
/** When the work appeared. */
export type Published = Static<typeof PublishedSchema>
/** Machine-generated text (translation, summary) with its model. */
export type GeneratedText = Static<typeof GeneratedTextSchema>
/** The work's URL and the note's issue URL. */
export type NoteLinks = Static<typeof NoteLinksSchema>
/** A body section kept verbatim. */
export type Section = Static<typeof SectionSchema>
/** An embedded social post. */
export type Post = Static<typeof PostSchema>
/** An image in a comment. */
export type Image = Static<typeof ImageSchema>
/** A labelled or bare link in a comment. */
export type Link = Static<typeof LinkSchema>
/** A reference to another note. */
export type RelatedRef = Static<typeof RelatedRefSchema>
/** One comment of the note's author. */
export type Comment = Static<typeof CommentSchema>
/** The format a note was read from. */
export type SourceFormat = Static<typeof SourceFormatSchema>
/** Where a note starts in its input. */
export type NoteSource = Static<typeof NoteSourceSchema>
/** One paper note (NOTE-FORMAT.md §1). */
export type Note = Static<typeof NoteSchema>
/** `"paper"` or `"article"`. */
export type NoteKind = Note['kind']
