import type { NodeRef, PathSegment } from './types.ts';

/** A reference to a child of a node: `child(touchpoint.ref, 'message', 'cta')`. */
export function child(ref: NodeRef, ...segments: PathSegment[]): NodeRef {
  return { file: ref.file, path: [...ref.path, ...segments] };
}
