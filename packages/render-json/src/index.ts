export type { JsonFeed, JsonFeedItem } from './json-feed.js'
export { jsonFeedVersion } from './json-feed.js'
export type { JsonRenderOptions } from './json-options.js'
export { defaultFeedLimit, defaultSiteTitle } from './json-options.js'
export type { CommentJson, NoteJson } from './notes-json.js'
export {
  jsonFeedPath,
  jsonRenderer,
  jsonRendererVersion,
  planJson,
  renderJson,
} from './render-json.js'
