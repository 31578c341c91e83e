/* eslint-disable */
/**
 * Hand-written equivalent of `npx convex codegen` output: `api.tasks.list` etc. are
 * function references built on the fly from property names.
 */
import { anyApi, componentsGeneric } from "convex/server";

export const api = anyApi;
export const internal = anyApi;
export const components = componentsGeneric();
