/**
 * Social posts in comments: a plain link card by default (no third-party script), or the
 * platform's embeddable markup when `embedPosts` is on.
 */
import type { Post } from '@paper-notes/core'
import { safeHttpUrl } from '@paper-notes/core'
import type { Element } from 'hast'
import { hastElement as el, hastText as text } from './hast-element.js'

/** The one script the renderer may add: X/Twitter's official embed script. */
export const postEmbedScriptUrl = 'https://platform.twitter.com/widgets.js'

const xHosts = new Set([
  'x.com',
  'www.x.com',
  'twitter.com',
  'www.twitter.com',
  'mobile.twitter.com',
])

const platformNames: Record<string, string> = {
  x: 'X',
  twitter: 'X',
  bluesky: 'Bluesky',
  threads: 'Threads',
  mastodon: 'Mastodon',
  linkedin: 'LinkedIn',
}

/** The post's platform: its `platform` field, else guessed from the URL's host. */
export function postPlatform(post: Post): string | undefined {
  if (post.platform) return post.platform.toLowerCase()
  const url = safeHttpUrl(post.url)
  if (!url) return undefined
  const host = new URL(url).hostname
  if (xHosts.has(host)) return 'x'
  if (host === 'bsky.app') return 'bluesky'
  if (host.endsWith('threads.net') || host.endsWith('threads.com')) return 'threads'
  return undefined
}

/** Whether the card of this post is the platform's embed markup (needs the embed script). */
export function isEmbeddedPost(post: Post, embedPosts: boolean): boolean {
  return embedPosts && safeHttpUrl(post.url) !== undefined && postPlatform(post) === 'x'
}

/**
 * A post URL as link text: host (without `www.`) and path, without query and fragment
 * (`https://x.com/a/status/1?s=20` → `x.com/a/status/1`).
 */
export function shortPostUrl(url: string): string {
  const parsed = new URL(url)
  const path = parsed.pathname === '/' ? '' : parsed.pathname.replace(/\/$/, '')
  return `${parsed.hostname.replace(/^www\./, '')}${path}`
}

/**
 * The card of one post: `<blockquote class="twitter-tweet">` for an X/Twitter post when
 * `embedPosts` is on, else a link card; a post whose URL was not kept (or is not http(s))
 * becomes a short note saying so.
 */
export function postCard(post: Post, embedPosts: boolean): Element {
  const url = safeHttpUrl(post.url)
  const platform = postPlatform(post)
  const platformName = platform ? (platformNames[platform] ?? platform) : undefined
  const label = platformName ? `Post on ${platformName}` : 'Post'
  if (!url) {
    return el('p', { className: ['post-card', 'post-card-missing'] }, [
      text(`${label} (link not kept)`),
    ])
  }
  if (isEmbeddedPost(post, embedPosts)) {
    return el('blockquote', { className: ['twitter-tweet', 'post-card'] }, [
      el('p', {}, [
        el('a', { href: url, rel: ['noopener', 'noreferrer'] }, [text(`${label}: ${url}`)]),
      ]),
    ])
  }
  return el('p', { className: ['post-card'] }, [
    el('span', { className: ['post-card-platform'] }, [text(label)]),
    text(' '),
    el('a', { href: url, rel: ['noopener', 'noreferrer'] }, [text(shortPostUrl(url))]),
  ])
}
