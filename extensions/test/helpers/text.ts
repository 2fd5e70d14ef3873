import type { RenderedNode } from '@hubspot/ui-extensions/testing';

/**
 * All text under a node, depth first, joined with spaces (the renderer's own `.text` holds only a node's direct
 * text children).
 */
export function allText(node: RenderedNode | null | undefined): string {
  if (!node) return '';
  if (node.nodeType === 'text') return node.text;
  return node.childNodes.map((child) => allText(child)).filter(Boolean).join(' ');
}
