export { emptyFeedUpdated } from './atom-feed.js'
export {
  feedPaths,
  planFeeds,
  renderFeeds,
  rssRenderer,
  rssRendererVersion,
} from './render-feeds.js'
export { feedGenerator } from './rss-feed.js'
export type { RssRenderOptions } from './rss-options.js'
export { defaultLimit, defaultSiteTitle } from './rss-options.js'
export { toXmlText } from './xml-text.js'
