// A well-formed id of another type (a Scene id where a Project id is expected) answers like a
// missing object: NotFoundError naming the id sent and the type expected, where the field returns
// typed errors. Pothos' relay plugin refuses it while mapping arguments with a top-level
// "ID: … is not of type: …"; this plugin sits inside the errors plugin and turns that into a
// NotFoundError, which the errors plugin then returns as the field's result.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, PothosValidationError, type SchemaTypes } from '@pothos/core';
import type { GraphQLFieldResolver } from 'graphql';
import { NotFoundError } from '../errors.js';

const WRONG_TYPE = /^ID: (.+) is not of type: ([A-Za-z, ]+)$/;

class WrongTypeIdsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapArgMappers(resolver: GraphQLFieldResolver<unknown, Types['Context'], object> | undefined, fieldConfig: PothosOutputFieldConfig<Types>) {
    // Only fields with typed errors can return a NotFoundError; elsewhere (subscriptions, queries)
    // a thrown one would be masked, so the relay plugin's message stays.
    if (!resolver || !fieldConfig.extensions?.pothosErrors) return resolver;
    return async (...args: Parameters<GraphQLFieldResolver<unknown, Types['Context'], object>>) => {
      try {
        return await resolver(...args);
      } catch (e) {
        const m = e instanceof PothosValidationError ? WRONG_TYPE.exec(e.message) : null;
        if (m) throw NotFoundError.ofGlobalId(m[2]!.split(', ')[0]!, m[1]!);
        throw e;
      }
    };
  }
}

SchemaBuilder.registerPlugin('wrongTypeIds', WrongTypeIdsPlugin);

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      wrongTypeIds: WrongTypeIdsPlugin<Types>;
    }
  }
}

export const WrongTypeIdsPluginName = 'wrongTypeIds' as const;
