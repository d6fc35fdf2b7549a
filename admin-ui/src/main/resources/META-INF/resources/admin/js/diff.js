// A line diff by longest common subsequence, written here (no library): the edit view shows it before sending.

export function splitLines(text) {
  if (text === null || text === undefined || text === '') return [];
  return String(text).replace(/\r\n?/g, '\n').split('\n');
}

/**
 * Diff of two texts by lines: [{op: 'same'|'del'|'add', text, a, b}] where a/b are 1-based line numbers in the
 * old and new text (null for the side a line is absent from).
 */
export function lineDiff(oldText, newText) {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  // common prefix and suffix first: keeps the table small for the usual one-line edit
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const n = endA - start;
  const m = endB - start;
  const out = [];
  for (let i = 0; i < start; i += 1) out.push({ op: 'same', text: a[i], a: i + 1, b: i + 1 });
  if (n * m > 25_000_000) {
    // too large for the table: everything in the middle as removed then added
    for (let i = start; i < endA; i += 1) out.push({ op: 'del', text: a[i], a: i + 1, b: null });
    for (let j = start; j < endB; j += 1) out.push({ op: 'add', text: b[j], a: null, b: j + 1 });
  } else {
    // lcs[i][j] = length of the LCS of a[start+i..endA) and b[start+j..endB)
    const lcs = [];
    for (let i = 0; i <= n; i += 1) lcs.push(new Uint32Array(m + 1));
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lcs[i][j] = a[start + i] === b[start + j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[start + i] === b[start + j]) {
        out.push({ op: 'same', text: a[start + i], a: start + i + 1, b: start + j + 1 });
        i += 1;
        j += 1;
      } else if (i < n && (j >= m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.push({ op: 'del', text: a[start + i], a: start + i + 1, b: null });
        i += 1;
      } else {
        out.push({ op: 'add', text: b[start + j], a: null, b: start + j + 1 });
        j += 1;
      }
    }
  }
  for (let k = 0; k < a.length - endA; k += 1) {
    out.push({ op: 'same', text: a[endA + k], a: endA + k + 1, b: endB + k + 1 });
  }
  return out;
}

/** Counts of added and removed lines. */
export function diffStats(diff) {
  let added = 0;
  let removed = 0;
  for (const d of diff) {
    if (d.op === 'add') added += 1;
    else if (d.op === 'del') removed += 1;
  }
  return { added, removed };
}
