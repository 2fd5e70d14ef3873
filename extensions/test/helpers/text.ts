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

/**
 * Fires `onChange` with a value. The renderer's `trigger` is typed as if the event argument were the handler
 * itself (0.17's types: `eventArg?: TProps[TEventPropName]`), so the value goes through an untyped call here.
 */
export function change(node: { trigger: (...args: never[]) => void }, value: unknown): void {
  (node.trigger as unknown as (event: string, arg: unknown) => void)('onChange', value);
}
