/**
 * Note fields as display text.
 */
import type { Note, Published, Venue } from '@paper-notes/core'

/**
 * The note's title as a heading: its title line as written (what published tag pages show),
 * else its title, else `Untitled note (<issue date>)`.
 */
export function cardTitle(note: Note): string {
  return note.titleLine.trim() || note.title.trim() || `Untitled note (${note.issueDate})`
}

/** The note's own title (without the citation tail), falling back like {@link cardTitle}. */
export function pageTitle(note: Note): string {
  return note.title.trim() || cardTitle(note)
}

/** `ICLR 2025 Spotlight`. */
export function formatVenue(venue: Venue): string {
  return [venue.name, venue.year?.toString(), venue.qualifier].filter(Boolean).join(' ')
}

/** `2025.02` (as in title lines) and the `datetime` value `2025-02`. */
export function formatPublished(published: Published): { text: string; datetime: string } {
  const year = String(published.year).padStart(4, '0')
  if (published.month === undefined) return { text: year, datetime: year }
  const month = String(published.month).padStart(2, '0')
  return { text: `${year}.${month}`, datetime: `${year}-${month}` }
}

/** `Ada Lovelace, Alan Turing`, with ` et al.` when the title line said `+`. */
export function formatAuthors(note: Note): string {
  return `${note.authors.join(', ')}${note.etAl ? ' et al.' : ''}`
}
