/**
 * Text that XML 1.0 can hold. XML 1.0 allows only tab, line feed, carriage return, U+0020–U+D7FF,
 * U+E000–U+FFFD and U+10000–U+10FFFF (https://www.w3.org/TR/xml/#charsets): C0 control
 * characters, lone surrogates, U+FFFE and U+FFFF cannot be written at all, not even as character
 * references. Every text and attribute value goes through {@link toXmlText} before it reaches the
 * XML builder.
 */

const notXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu
/**
 * A UTF-16 code unit outside tab, line feed, carriage return, U+0020–U+D7FF and U+E000–U+FFFD:
 * a forbidden character or half of a surrogate pair. Text without one (most text) has nothing
 * to remove, found by a simpler scan than {@link notXmlChar}.
 */
const maybeNotXmlChar = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD]/

/**
 * Removes the characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates,
 * U+FFFE, U+FFFF); everything else, including astral characters, is kept.
 *
 * @example
 * toXmlText('a\u0000b\uD800c\uFFFEd😀') // => 'abcd😀'
 */
export function toXmlText(value: string): string {
  return maybeNotXmlChar.test(value) ? value.replace(notXmlChar, '') : value
}
