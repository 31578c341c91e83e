/* eslint-disable */
/**
 * Hand-written equivalent of `npx convex codegen` output (see devstack/README.md):
 * the builders are the generic ones, typed by server.d.ts.
 * `npx convex dev` / `npx convex deploy` may regenerate this file.
 */
import {
  actionGeneric,
  httpActionGeneric,
  queryGeneric,
  mutationGeneric,
  internalActionGeneric,
  internalMutationGeneric,
  internalQueryGeneric,
} from "convex/server";

export const query = queryGeneric;
export const internalQuery = internalQueryGeneric;
export const mutation = mutationGeneric;
export const internalMutation = internalMutationGeneric;
export const action = actionGeneric;
export const internalAction = internalActionGeneric;
export const httpAction = httpActionGeneric;
