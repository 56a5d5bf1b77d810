/**
 * The site's one stylesheet: readable Japanese and English text, light and dark, from phone to
 * desktop, visible focus, and a print layout.
 */

/** Where the stylesheet is written. */
export const stylesheetPath = 'style.css'

/** The stylesheet's contents. */
export const stylesheet = `/* paper-notes: site stylesheet */
:root {
  color-scheme: light dark;
  --bg: #ffffff;
  --fg: #1f2328;
  --muted: #57606a;
  --border: #d0d7de;
  --surface: #f6f8fa;
  --link: #0a58ca;
  --link-visited: #6f42c1;
  --tag-bg: #ddf4ff;
  --tag-fg: #0a3069;
  --focus: #bf3989;
  --measure: 46rem;
  --font-sans: system-ui, -apple-system, "Segoe UI", "Hiragino Sans", "Hiragino Kaku Gothic ProN",
    "Noto Sans JP", "Noto Sans CJK JP", "Yu Gothic UI", Meiryo, Roboto, "Helvetica Neue", Arial,
    sans-serif;
  --font-mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK JP", monospace;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #0d1117;
    --fg: #e6edf3;
    --muted: #9da7b3;
    --border: #30363d;
    --surface: #161b22;
    --link: #6cb6ff;
    --link-visited: #d2a8ff;
    --tag-bg: #1b2f45;
    --tag-fg: #b6e3ff;
    --focus: #f778ba;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0;
  background: var(--bg);
  color: var(--fg);
  font-family: var(--font-sans);
  font-size: 1rem;
  line-height: 1.8;
  line-break: strict;
  overflow-wrap: anywhere;
  font-kerning: normal;
}
:lang(en) { line-height: 1.6; hyphens: auto; }
a { color: var(--link); text-underline-offset: 0.15em; }
a:visited { color: var(--link-visited); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
main:focus { outline: none; }
.skip-link {
  position: absolute; left: 0.5rem; top: 0.5rem; z-index: 10; transform: translateY(-200%);
  padding: 0.5rem 1rem; background: var(--bg); color: var(--link); border: 2px solid var(--focus);
}
.skip-link:focus { transform: none; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.site-header, main, .site-footer {
  max-width: var(--measure); margin-inline: auto; padding-inline: 1rem;
}
.site-header { padding-block: 1rem; border-bottom: 1px solid var(--border); }
.site-title { font-weight: 700; font-size: 1.1rem; color: var(--fg); text-decoration: none; }
.site-title:visited { color: var(--fg); }
main { padding-block: 1.5rem 3rem; }
.site-footer {
  padding-block: 1.5rem; border-top: 1px solid var(--border); color: var(--muted);
  font-size: 0.875rem;
}
h1, h2, h3 { line-height: 1.35; margin: 1.6em 0 0.6em; }
h1 { font-size: 1.75rem; margin-top: 0.5rem; }
h2 { font-size: 1.3rem; }
h3 { font-size: 1.05rem; }
p, ul, ol, dl, blockquote, pre, table { margin: 0 0 1em; }
ul, ol { padding-inline-start: 1.5em; }
img, video { max-width: 100%; height: auto; }
pre, code { font-family: var(--font-mono); font-size: 0.9em; }
pre { overflow-x: auto; padding: 0.75rem 1rem; background: var(--surface); border-radius: 6px; }
:not(pre) > code { padding: 0.1em 0.3em; background: var(--surface); border-radius: 4px; }
blockquote { margin-inline: 0; padding-inline-start: 1rem; border-inline-start: 4px solid var(--border); color: var(--muted); }
table { border-collapse: collapse; display: block; overflow-x: auto; }
th, td { border: 1px solid var(--border); padding: 0.3rem 0.6rem; }
.lead { color: var(--muted); }
.breadcrumbs { font-size: 0.9rem; margin-bottom: 0.5rem; }
.tag-hash { color: var(--muted); margin-inline-end: 0.1em; }
.tags, .tag-index, .source-links, .pagination ul {
  list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 0.5rem;
}
.tags { margin: 0 0 0.5rem; font-size: 0.85rem; }
.tag {
  display: inline-block; padding: 0.05rem 0.55rem; border-radius: 999px;
  background: var(--tag-bg); color: var(--tag-fg); text-decoration: none; line-height: 1.6;
}
a.tag:visited { color: var(--tag-fg); }
a.tag:hover { text-decoration: underline; }
.tag-index a {
  display: inline-flex; gap: 0.35rem; align-items: baseline; padding: 0.15rem 0.6rem;
  border: 1px solid var(--border); border-radius: 999px; text-decoration: none;
}
.tag-index a:hover .tag-name { text-decoration: underline; }
.tag-count { color: var(--muted); font-size: 0.85em; font-variant-numeric: tabular-nums; }
.note-list { list-style: none; padding: 0; }
.note-list li { padding: 0.45rem 0; border-bottom: 1px solid var(--border); }
.note-list time, .meta { color: var(--muted); font-size: 0.875rem; font-variant-numeric: tabular-nums; }
.note-list time { margin-inline-end: 0.5rem; }
.note-cards { display: grid; grid-template-columns: minmax(0, 1fr); gap: 1.25rem; }
.note-card {
  padding: 1rem 1.25rem; border: 1px solid var(--border); border-radius: 8px; background: var(--bg);
}
.note-card .meta { margin: 0; }
.note-title { font-size: 1.15rem; margin: 0.2rem 0 0.5rem; }
.note-card h3 { font-size: 0.95rem; color: var(--muted); margin: 1rem 0 0.3rem; }
.source-links { margin: 0 0 0.5rem; font-size: 0.9rem; }
.source-links li + li::before { content: "·"; margin-inline-end: 0.5rem; color: var(--muted); }
.note-card .comment + .comment { margin-top: 0.75rem; }
.note-page .comment + .comment { border-top: 1px dashed var(--border); padding-top: 0.75rem; }
.note-page .comment { margin-bottom: 1rem; }
.comment-byline { font-size: 0.95rem; color: var(--muted); }
.title-line { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.25rem 1rem; }
.facts dt { font-weight: 600; color: var(--muted); }
.facts dd { margin: 0; }
.facts .tags { margin: 0; }
.post-card {
  margin: 0 0 1em; padding: 0.6rem 0.9rem; border: 1px solid var(--border); border-radius: 8px;
  background: var(--surface); color: var(--fg); font-size: 0.9rem;
}
.post-card-platform { font-weight: 600; margin-inline-end: 0.25rem; }
.post-card-missing { color: var(--muted); font-style: italic; }
.unresolved { color: var(--muted); }
.source { color: var(--muted); font-size: 0.85rem; margin-top: 2rem; }
.pagination { margin: 1rem 0; }
.pagination a, .pagination .current {
  display: inline-block; min-width: 2.5rem; min-height: 2.5rem; padding: 0.35rem 0.7rem;
  text-align: center; border: 1px solid var(--border); border-radius: 6px; text-decoration: none;
}
.pagination .current { background: var(--fg); color: var(--bg); border-color: var(--fg); font-weight: 700; }
@media (max-width: 40rem) {
  body { font-size: 1rem; line-height: 1.75; }
  h1 { font-size: 1.45rem; }
  .note-card { padding: 0.85rem 0.9rem; }
  .note-title { font-size: 1.05rem; }
  .facts { gap: 0.25rem 0.75rem; }
}
@media print {
  :root { --bg: #ffffff; --fg: #000000; --muted: #333333; --border: #999999; --surface: #ffffff; --link: #000000; --link-visited: #000000; --tag-bg: #ffffff; --tag-fg: #000000; }
  body { font-size: 11pt; line-height: 1.6; }
  .skip-link, .site-header, .site-footer, .breadcrumbs, .pagination { display: none; }
  main { max-width: none; padding: 0; }
  .note-card { break-inside: avoid; border-color: #999999; }
  h1, h2, h3 { break-after: avoid; }
  a[href^="http"]:not(.bare-url)::after { content: " <" attr(href) ">"; font-size: 0.85em; word-break: break-all; }
  .tag { border: 1px solid #999999; }
}
`
