/* eslint-disable */
/**
 * Hand-written equivalent of `npx convex codegen` output: typed references to this app's
 * functions, e.g. `api.tasks.list`.
 */
import type { ApiFromModules, FilterApi, FunctionReference } from "convex/server";
import type * as debug from "../debug.js";
import type * as tasks from "../tasks.js";
import type * as users from "../users.js";

declare const fullApi: ApiFromModules<{
  debug: typeof debug;
  tasks: typeof tasks;
  users: typeof users;
}>;

export declare const api: FilterApi<typeof fullApi, FunctionReference<any, "public">>;
export declare const internal: FilterApi<typeof fullApi, FunctionReference<any, "internal">>;
export declare const components: {};
