/**
 * hast elements and text written out directly, for the page parts built for every note.
 * `hastscript`'s `h` parses its selector and looks every property up in the HTML schema on each
 * call, which showed in the profile of a large site; these give the same nodes `h` gives when
 * the properties are already in the form `h` normalizes them to: property names in hast form
 * (`className`, `ariaLabel`, `dateTime`), lists as arrays of fresh strings, and no `undefined`
 * values.
 */
import type { Element, ElementContent, Properties, Text } from 'hast'

/**
 * An element with the given (already normalized) properties and children.
 *
 * @example
 * hastElement('a', { href: '../notes/1.html' }, [hastText('#1')])
 * // same as h('a', { href: '../notes/1.html' }, '#1')
 */
export function hastElement(
  tagName: string,
  properties: Properties = {},
  children: ElementContent[] = [],
): Element {
  return { type: 'element', tagName, properties, children }
}

/**
 * A text node.
 *
 * @example
 * hastText('Issue Date: ') // => { type: 'text', value: 'Issue Date: ' }
 */
export function hastText(value: string): Text {
  return { type: 'text', value }
}
