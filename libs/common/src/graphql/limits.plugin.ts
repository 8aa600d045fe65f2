import { GraphQLError, NoSchemaIntrospectionCustomRule, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ClientError, ErrorCode } from '../errors/client-errors';
import { documentNesting, findNul, valueNesting } from './nesting';
import { nulBytesRule } from './nul-bytes.rule';
import { operationLimitsRule } from './operation-limits.rule';
import { checkComplexity, QueryLimits } from './query-limits';
import { firstNonUuidId } from './uuid-ids';

/**
 * Every request limit of a GraphQL endpoint (see docs/security.md), each failing closed:
 * - before parsing: bracket nesting of the document, nesting and NUL characters of the variables;
 * - parsing: at most `maxTokens` tokens;
 * - validation: depth, aliases, top-level fields (`operationLimitsRule`), NUL in string literals;
 * - execution: every ID argument a UUID (`firstNonUuidId`), the complexity estimate, then a wall-clock bound that aborts pending resolvers.
 */
export function limitsPlugin(limits: QueryLimits, exposure: { introspection: boolean } = { introspection: true }): Plugin {
  return {
    onParams({ params, setResult }) {
      const refusal = refuseParams(params.query, params.variables, limits);
      if (refusal) setResult({ errors: [refusal] });
    },
    onParse({ setParseFn }) {
      setParseFn((source, options) => parse(source, { ...options, maxTokens: limits.maxTokens }));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(operationLimitsRule(limits));
      addValidationRule(nulBytesRule);
      if (exposure.introspection) return;
      addValidationRule(NoSchemaIntrospectionCustomRule);
      // without introspection, "Did you mean …?" would list the schema's names one typo at a time
      return ({ result, setResult }) => setResult(result.map(withoutSuggestions));
    },
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const badId = firstNonUuidId(
        args.schema,
        args.document,
        (args.variableValues ?? {}) as Record<string, unknown>,
        args.operationName ?? undefined,
      );
      if (badId) {
        const message = 'must be a UUID';
        setResultAndStopExecution({
          errors: [new ClientError(ErrorCode.BadUserInput, `${badId}: ${message}`, { fields: [{ path: badId, message }] })],
        });
        return;
      }
      const tooComplex = checkComplexity(
        args.schema,
        args.document,
        args.variableValues as Record<string, unknown> | undefined,
        args.operationName ?? undefined,
        limits.maxComplexity,
      );
      if (tooComplex) {
        setResultAndStopExecution({ errors: [tooComplex] });
        return;
      }
      setExecuteFn((executionArgs) =>
        withTimeout(limits.timeoutMs, (timeout) => {
          // Yoga's executor reads `signal` (the client's disconnect); graphql-js reads `abortSignal`
          const own = executionArgs as typeof executionArgs & { signal?: AbortSignal };
          const signal = own.signal ? AbortSignal.any([own.signal, timeout]) : timeout;
          return executeFn({ ...executionArgs, signal, abortSignal: signal } as typeof executionArgs);
        }),
      );
    },
  };
}

function refuseParams(query: unknown, variables: unknown, limits: QueryLimits): GraphQLError | undefined {
  if (typeof query === 'string' && documentNesting(query) > limits.maxNesting) {
    return validationError(`The document nests brackets deeper than ${limits.maxNesting} levels`);
  }
  if (variables !== undefined && variables !== null) {
    if (valueNesting(variables, limits.maxNesting) > limits.maxNesting) {
      return new ClientError(ErrorCode.BadUserInput, `Variables nest deeper than ${limits.maxNesting} levels`, {
        fields: [{ path: 'variables', message: `nested deeper than ${limits.maxNesting} levels` }],
      });
    }
    const nul = findNul(variables);
    if (nul) {
      const path = ['variables', ...nul].join('.');
      const message = 'must not contain NUL characters (\\u0000)';
      return new ClientError(ErrorCode.BadUserInput, `${path}: ${message}`, { fields: [{ path, message }] });
    }
  }
  return undefined;
}

function validationError(message: string): GraphQLError {
  return new ClientError(ErrorCode.ValidationFailed, message);
}

/** Runs an execution with an abort signal that fires after `ms`; past it answers QUERY_TIMEOUT. */
async function withTimeout<T>(ms: number, run: (signal: AbortSignal) => T | Promise<T>): Promise<T | { errors: GraphQLError[] }> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<{ errors: GraphQLError[] }>((resolve) => {
    timer = setTimeout(() => {
      const error = new ClientError(ErrorCode.QueryTimeout, `The request took longer than ${ms} ms and was stopped: ask for less`);
      controller.abort(error);
      resolve({ errors: [error] });
    }, ms);
  });
  try {
    return await Promise.race([Promise.resolve(run(controller.signal)), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function withoutSuggestions(error: Error): Error {
  if (!(error instanceof GraphQLError)) return error;
  const message = error.message.replace(/\s*Did you mean .*$/s, '');
  if (message === error.message) return error;
  return new GraphQLError(message, { nodes: error.nodes, source: error.source, positions: error.positions, extensions: error.extensions });
}
