// How many rows a document can make us load, with its variables: every connection reads up to its
// `first`/`last` (or the default page) for each row of the connections around it. Armor's cost rule
// sees only literal page sizes, so `first: $n` (or no `first` at all) looked like one row to it.
import {
  getNamedType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from 'graphql';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';

export const MAX_ROWS = 100_000;
const DEFAULT_PAGE = 20;
const MAX_PAGE = 100;

function intOf(value: ValueNode | undefined, variables: Record<string, unknown>): number | undefined {
  if (!value) return undefined;
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) {
    const v = variables[value.name.value];
    return typeof v === 'number' ? v : undefined;
  }
  return undefined;
}

/** The largest number of rows the operation's connections may read (fragments included). */
export function estimateRows(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> = {}, operationName?: string | null): number {
  const ops = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const op = operationName ? ops.find((o) => o.name?.value === operationName) : ops[0];
  if (!op) return 0;
  const fragments = new Map(document.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d] as const] : [])));
  const typeInfo = new TypeInfo(schema);
  let total = 0;
  // Multipliers of the enclosing connections, innermost last.
  const stack: number[] = [1];
  const entered: boolean[] = [];
  const seen = new Set<string>();
  const visitor = visitWithTypeInfo(typeInfo, {
    Field: {
      enter(node: FieldNode) {
        const type = typeInfo.getType();
        const isConnection = type !== null && getNamedType(type)!.name.endsWith('Connection');
        entered.push(isConnection);
        if (!isConnection) return;
        const arg = (name: string) => node.arguments?.find((a) => a.name.value === name)?.value;
        const size = Math.min(MAX_PAGE, Math.max(0, intOf(arg('first'), variables) ?? intOf(arg('last'), variables) ?? DEFAULT_PAGE));
        const rows = stack[stack.length - 1]! * size;
        total += rows;
        stack.push(Math.max(1, rows));
      },
      leave() {
        if (entered.pop()) stack.pop();
      },
    },
    FragmentSpread(node) {
      // Walk the fragment in place, under the current multiplier (once per path; cycles are invalid).
      const fragment = fragments.get(node.name.value);
      if (!fragment || seen.has(`${node.name.value}@${stack.length}`)) return;
      seen.add(`${node.name.value}@${stack.length}`);
      visit(fragment.selectionSet, visitor);
    },
  });
  visit(op, visitor);
  return total;
}

/** Refuses an operation whose connections could read more than MAX_ROWS rows, before it runs. */
export function useRowBudget(): Plugin {
  const guard = ({
    args,
    setResultAndStopExecution,
  }: {
    args: { schema: GraphQLSchema; document: DocumentNode; variableValues?: Record<string, unknown> | null; operationName?: string | null };
    setResultAndStopExecution: (r: never) => void;
  }) => {
    const rows = estimateRows(args.schema, args.document, args.variableValues ?? {}, args.operationName);
    if (rows > MAX_ROWS) {
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`The query could read up to ${rows} rows through its connections; at most ${MAX_ROWS} are allowed: ask for smaller pages`, {
            extensions: { code: 'QUERY_TOO_COSTLY', http: { status: 400 } },
          }),
        ],
      } as never);
    }
  };
  return { onExecute: guard as never, onSubscribe: guard as never };
}
