// How projects' and scripts' mutations and the generation stream change what the cache holds: a
// list that gained or lost an item is refetched, a finished script's scenes are read again.
import type { Cache, UpdatesConfig } from '@urql/exchange-graphcache';

/** Drops every cached `field` (all its arguments) of `entity`, so queries reading it fetch again. */
function invalidateField(cache: Cache, entity: string | { __typename: string; id: string }, field: string) {
  for (const f of cache.inspectFields(entity)) {
    if (f.fieldName === field) cache.invalidate(entity, f.fieldName, f.arguments ?? undefined);
  }
}

type Payload = { __typename?: string; data?: { id?: string; deletedId?: string } } | null | undefined;

function projectScriptsChanged(cache: Cache, projectId: unknown) {
  if (typeof projectId === 'string') invalidateField(cache, { __typename: 'Project', id: projectId }, 'scripts');
}

export const projectUpdates: UpdatesConfig = {
  Mutation: {
    createProject: (result, _args, cache) => {
      if ((result.createProject as Payload)?.__typename === 'CreateProjectSuccess') invalidateField(cache, 'Query', 'projects');
    },
    deleteProject: (result, _args, cache) => {
      const id = (result.deleteProject as Payload)?.data?.deletedId;
      if (id) {
        cache.invalidate({ __typename: 'Project', id });
        invalidateField(cache, 'Query', 'projects');
      }
    },
    createScript: (result, args, cache) => {
      if ((result.createScript as Payload)?.__typename === 'CreateScriptSuccess')
        projectScriptsChanged(cache, (args.input as { projectId?: string }).projectId);
    },
    generateScript: (result, args, cache) => {
      if ((result.generateScript as Payload)?.__typename === 'GenerateScriptSuccess')
        projectScriptsChanged(cache, (args.input as { projectId?: string }).projectId);
    },
    deleteScript: (result, _args, cache) => {
      const id = (result.deleteScript as Payload)?.data?.deletedId;
      if (id) cache.invalidate({ __typename: 'Script', id });
    },
  },
  Subscription: {
    // The event's script (id + status) normalises by itself; its scenes were written with it, so a
    // scene list cached while it was GENERATING (empty) is read again.
    scriptProgress: (result, _args, cache) => {
      const event = result.scriptProgress as { kind?: string; status?: string; script?: { id?: string } } | null;
      if (event?.kind === 'SCRIPT_STATUS' && event.status === 'DRAFT' && event.script?.id) {
        invalidateField(cache, { __typename: 'Script', id: event.script.id }, 'scenes');
      }
    },
  },
};
