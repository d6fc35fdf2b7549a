// Layout of the transaction tree (left to right): a node is a transaction, a branch is one of its outputs, going to
// the child transaction that spent it (spentBy) or ending in a leaf (unspent, or spent outside the tree).
// Pure function of the hub's answer: positions only, no drawing.

export const NODE_W = 230;
export const NODE_H = 74;
export const LEAF_W = 170;
export const LEAF_H = 40;
export const GAP = 290;
export const SLOT = 92;
export const MARGIN = 16;

/**
 * roots: [{txId, outputs:[{index, owner, amount, marking, hold, spentBy}], children:[node]}]
 * → {nodes:[{node, x, y, depth}], leaves:[{x, y, output, from}], edges:[{from, to, output, kind}], width, height}
 * where from/to are placed boxes ({x, y, w, h}).
 */
export function layoutTree(roots) {
  const nodes = [];
  const leaves = [];
  const edges = [];
  let maxDepth = 0;

  function place(node, depth, slotStart) {
    maxDepth = Math.max(maxDepth, depth);
    const box = { node, depth, x: MARGIN + depth * (NODE_W + GAP), y: 0, w: NODE_W, h: NODE_H };
    nodes.push(box);
    const kids = new Map((node.children || []).map((c) => [c.txId, c]));
    const placedKids = new Map();
    let slot = slotStart;
    const pending = [];
    for (const out of node.outputs || []) {
      const child = out.spentBy ? kids.get(out.spentBy) : null;
      if (child && placedKids.has(child.txId)) {
        pending.push({ output: out, toId: child.txId });
      } else if (child) {
        const used = place(child, depth + 1, slot);
        placedKids.set(child.txId, used.box);
        edges.push({ from: box, to: used.box, output: out, kind: 'child' });
        slot += used.slots;
      } else {
        const leaf = {
          output: out, x: MARGIN + (depth + 1) * (NODE_W + GAP), y: slot * SLOT + (SLOT - LEAF_H) / 2 + MARGIN, w: LEAF_W, h: LEAF_H,
        };
        leaves.push(leaf);
        edges.push({ from: box, to: leaf, output: out, kind: 'leaf' });
        maxDepth = Math.max(maxDepth, depth + 1);
        slot += 1;
      }
    }
    // children that no output names (the hub may group them differently): still drawn, with a plain edge
    for (const c of node.children || []) {
      if (placedKids.has(c.txId)) continue;
      const used = place(c, depth + 1, slot);
      placedKids.set(c.txId, used.box);
      edges.push({ from: box, to: used.box, output: null, kind: 'child' });
      slot += used.slots;
    }
    for (const p of pending) edges.push({ from: box, to: placedKids.get(p.toId), output: p.output, kind: 'child' });
    const slots = Math.max(1, slot - slotStart);
    box.y = MARGIN + slotStart * SLOT + (slots * SLOT - NODE_H) / 2;
    return { box, slots };
  }

  let slot = 0;
  for (const r of roots || []) slot += place(r, 0, slot).slots;
  const width = MARGIN * 2 + maxDepth * (NODE_W + GAP) + Math.max(NODE_W, LEAF_W);
  const height = MARGIN * 2 + Math.max(1, slot) * SLOT;
  return { nodes, leaves, edges, width, height };
}
