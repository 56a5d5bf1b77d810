export { favicon, faviconPath } from './favicon.js'
export type { IssueReferenceTarget } from './issue-references.js'
export { linkIssueReferences } from './issue-references.js'
export { commentContent, markdownContent } from './note-content.js'
export { linkedCommentContent } from './note-parts.js'
export type { HtmlRenderOptions, ResolvedHtmlOptions } from './options.js'
export { defaultLang, defaultPageSize, defaultSiteTitle, resolveHtmlOptions } from './options.js'
export type { PageContext } from './page-context.js'
export { postEmbedScriptUrl } from './post-cards.js'
export {
  cssMediaType,
  htmlMediaType,
  htmlRenderer,
  htmlRendererVersion,
  planHtml,
  renderHtml,
  svgMediaType,
} from './render-html.js'
export { stylesheet, stylesheetPath } from './stylesheet.js'
export type { IndexPageInput, LayoutInput, TagPageInput, Templates } from './templates.js'
export { defaultTemplates } from './templates.js'
