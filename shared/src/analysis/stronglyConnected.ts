/**
 * The strongly connected components of a directed graph (Tarjan's algorithm), in linear time.
 * Iterative rather than recursive: a map can hold a chain of thousands of cards, deeper than the
 * JavaScript call stack. Each component lists its vertices in the order they were first reached.
 */
export function stronglyConnected(vertices: readonly string[], next: (id: string) => readonly string[]): string[][] {
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  interface Frame {
    id: string;
    successors: readonly string[];
    next: number;
  }
  const frames: Frame[] = [];
  const open = (id: string): void => {
    order.set(id, counter);
    low.set(id, counter);
    counter++;
    stack.push(id);
    onStack.add(id);
    frames.push({ id, successors: next(id), next: 0 });
  };

  for (const root of vertices) {
    if (order.has(root)) continue;
    open(root);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.next < frame.successors.length) {
        const successor = frame.successors[frame.next++]!;
        if (!order.has(successor)) open(successor);
        else if (onStack.has(successor)) low.set(frame.id, Math.min(low.get(frame.id)!, order.get(successor)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) !== order.get(frame.id)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.id);
      components.push(component.reverse());
    }
  }
  return components;
}
