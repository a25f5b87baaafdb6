/** Keeps what XML 1.0 can carry: no control characters but tab and line breaks, no lone surrogates. */
function xmlCharacters(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0xfffe || code === 0xffff) continue;
    out += code >= 0xd800 && code <= 0xdfff ? '\ufffd' : char;
  }
  return out;
}

/** XML text and attribute values: user text can never become markup (nor invalid XML). */
export function escapeXml(text: string): string {
  return xmlCharacters(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}
