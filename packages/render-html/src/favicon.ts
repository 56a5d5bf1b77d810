/**
 * The site's icon, so browsers do not ask for a missing `/favicon.ico`.
 */

/** Where the icon is written. */
export const faviconPath = 'favicon.svg'

/** The icon: a page with a folded corner. */
export const favicon = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M7 3h13l6 6v20H7z" fill="#0a58ca"/><path d="M20 3v6h6" fill="#6cb6ff"/><path d="M11 15h11M11 19h11M11 23h7" stroke="#fff" stroke-width="2"/></svg>
`
