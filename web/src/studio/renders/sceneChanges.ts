// What changed between two renders of a script, from their copies of the script (RenderedScene):
// equal content hashes mean the scene rendered the same.

interface RenderedSceneLike {
  position: number;
  contentHash: string;
  scene?: { id: string } | null;
}

export interface SceneChanges {
  changed: number[];
  added: number[];
  removed: number;
}

/** Positions (0-based, in `current`) of scenes changed or added since `previous`, and how many were removed. */
export function sceneChanges(current: RenderedSceneLike[], previous: RenderedSceneLike[]): SceneChanges {
  const byId = new Map(previous.filter((s) => s.scene).map((s) => [s.scene!.id, s]));
  const byPosition = new Map(previous.map((s) => [s.position, s]));
  const matched = new Set<RenderedSceneLike>();
  const changed: number[] = [];
  const added: number[] = [];
  for (const s of current) {
    // The live scene it came from, when both renders know it; otherwise the scene in the same place.
    const before = (s.scene ? byId.get(s.scene.id) : undefined) ?? (s.scene ? undefined : byPosition.get(s.position));
    if (!before) {
      added.push(s.position);
      continue;
    }
    matched.add(before);
    if (before.contentHash !== s.contentHash) changed.push(s.position);
  }
  return { changed, added, removed: previous.filter((s) => !matched.has(s)).length };
}

/** "Scene 2 changed", "Scenes 1 and 3 changed · 1 scene removed", or "Same scenes as the render before". */
export function describeChanges(c: SceneChanges): string {
  const list = (ps: number[]) => {
    const n = ps.map((p) => String(p + 1));
    return n.length === 1 ? n[0] : `${n.slice(0, -1).join(', ')} and ${n[n.length - 1]}`;
  };
  const parts = [
    c.changed.length ? `Scene${c.changed.length > 1 ? 's' : ''} ${list(c.changed)} changed` : null,
    c.added.length ? `Scene${c.added.length > 1 ? 's' : ''} ${list(c.added)} added` : null,
    c.removed ? `${c.removed} scene${c.removed > 1 ? 's' : ''} removed` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(' · ') : 'Same scenes as the render before';
}
