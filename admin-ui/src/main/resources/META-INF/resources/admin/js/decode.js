// The original bytes of a quarantined message: base64 → bytes, text in the message's own charset (TextDecoder:
// windows-1251 and ibm866 for 1C files read as Cyrillic), pretty JSON / XML, and a hex view for binary.

export function base64ToBytes(b64) {
  if (!b64) return new Uint8Array(0);
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i += 1) out[i] = bin.charCodeAt(i);
  return out;
}

/** The charset a content type declares ("text/plain; charset=windows-1251" → "windows-1251"), or null. */
export function charsetOf(contentType) {
  if (!contentType) return null;
  const m = /charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1] : null;
}

/** True when TextDecoder knows the label. */
export function knownCharset(label) {
  if (!label) return false;
  try {
    new TextDecoder(label);
    return true;
  } catch {
    return false;
  }
}

/** bytes decoded with the label; {text, lossy} where lossy means some bytes were not valid in that charset. */
export function decodeText(bytes, label) {
  const name = label && knownCharset(label) ? label : 'utf-8';
  try {
    return { text: new TextDecoder(name, { fatal: true }).decode(bytes), lossy: false, charset: name };
  } catch {
    return { text: new TextDecoder(name).decode(bytes), lossy: true, charset: name };
  }
}

/** The text of a message view: in the charset the hub gives, else the hub's bodyText, else null (binary). */
export function messageText(view, overrideCharset) {
  const bytes = base64ToBytes(view.bodyBase64);
  const label = overrideCharset || view.charset || charsetOf(view.contentType);
  if (label) return decodeText(bytes, label);
  if (typeof view.bodyText === 'string') return { text: view.bodyText, lossy: false, charset: 'UTF-8' };
  return null;
}

export function looksLikeJson(contentType, text) {
  if (contentType && /json/i.test(contentType)) return true;
  const t = (text || '').trimStart();
  return t.startsWith('{') || t.startsWith('[');
}

export function looksLikeXml(contentType, text) {
  if (contentType && /xml/i.test(contentType)) return true;
  return (text || '').trimStart().startsWith('<');
}

export function prettyJson(text) {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}

function escapeXmlText(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapeXmlAttr(s) {
  return escapeXmlText(s).replace(/"/g, '&quot;');
}

function xmlNode(node, depth, lines) {
  const pad = '  '.repeat(depth);
  switch (node.nodeType) {
    case Node.ELEMENT_NODE: {
      const attrs = Array.from(node.attributes).map((a) => ` ${a.name}="${escapeXmlAttr(a.value)}"`).join('');
      const kids = Array.from(node.childNodes).filter(
        (c) => !(c.nodeType === Node.TEXT_NODE && c.nodeValue.trim() === ''),
      );
      if (kids.length === 0) {
        lines.push(`${pad}<${node.nodeName}${attrs}/>`);
      } else if (kids.length === 1 && kids[0].nodeType === Node.TEXT_NODE) {
        lines.push(`${pad}<${node.nodeName}${attrs}>${escapeXmlText(kids[0].nodeValue.trim())}</${node.nodeName}>`);
      } else {
        lines.push(`${pad}<${node.nodeName}${attrs}>`);
        for (const k of kids) xmlNode(k, depth + 1, lines);
        lines.push(`${pad}</${node.nodeName}>`);
      }
      break;
    }
    case Node.TEXT_NODE:
      lines.push(pad + escapeXmlText(node.nodeValue.trim()));
      break;
    case Node.CDATA_SECTION_NODE:
      lines.push(`${pad}<![CDATA[${node.nodeValue}]]>`);
      break;
    case Node.COMMENT_NODE:
      lines.push(`${pad}<!--${node.nodeValue}-->`);
      break;
    case Node.PROCESSING_INSTRUCTION_NODE:
      lines.push(`${pad}<?${node.target} ${node.data}?>`);
      break;
    default:
      break;
  }
}

export function prettyXml(text) {
  const doc = new DOMParser().parseFromString(text, 'application/xml');
  if (doc.getElementsByTagName('parsererror').length > 0) return null;
  const lines = [];
  const decl = /^\s*(<\?xml[^?]*\?>)/.exec(text);
  if (decl) lines.push(decl[1]);
  for (const n of Array.from(doc.childNodes)) xmlNode(n, 0, lines);
  return lines.join('\n');
}

/** Classic hex dump: offset, 16 bytes in hex, and printable ASCII. */
export function hexDump(bytes, limit = 65536) {
  const lines = [];
  const n = Math.min(bytes.length, limit);
  for (let off = 0; off < n; off += 16) {
    const row = bytes.subarray(off, Math.min(off + 16, n));
    const hex = Array.from(row, (b) => b.toString(16).padStart(2, '0')).join(' ');
    const ascii = Array.from(row, (b) => (b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.')).join('');
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex.padEnd(47, ' ')}  ${ascii}`);
  }
  if (bytes.length > limit) lines.push(`… ${bytes.length - limit} more bytes`);
  return lines.join('\n');
}
