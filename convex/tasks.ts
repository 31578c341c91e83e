// SPDX-License-Identifier: MIT
// A task list per signed-in user. Every function refuses anonymous callers and only ever
// touches the caller's own documents.
import { paginationOptsValidator } from "convex/server";
import { ConvexError, v } from "convex/values";
import type { Doc, Id } from "./_generated/dataModel";
import { mutation, query, type MutationCtx, type QueryCtx } from "./_generated/server";

const MAX_TEXT_LENGTH = 500;

async function callerToken(ctx: QueryCtx): Promise<string> {
  const identity = await ctx.auth.getUserIdentity();
  if (identity === null) {
    throw new ConvexError({ code: "UNAUTHENTICATED", message: "Sign in to use tasks" });
  }
  return identity.tokenIdentifier;
}

// Someone else's task is reported exactly like a missing one, so ids reveal nothing.
async function ownTask(ctx: MutationCtx, id: Id<"tasks">): Promise<Doc<"tasks">> {
  const owner = await callerToken(ctx);
  const task = await ctx.db.get(id);
  if (task === null || task.owner !== owner) {
    throw new ConvexError({ code: "NOT_FOUND", message: "No such task" });
  }
  return task;
}

export const list = query({
  args: {},
  handler: async (ctx) => {
    const owner = await callerToken(ctx);
    return await ctx.db
      .query("tasks")
      .withIndex("by_owner", (q) => q.eq("owner", owner))
      .order("desc")
      .collect();
  },
});

// The caller's tasks one page at a time, newest first (for paginated-query clients).
export const page = query({
  args: { paginationOpts: paginationOptsValidator },
  handler: async (ctx, { paginationOpts }) => {
    const owner = await callerToken(ctx);
    return await ctx.db
      .query("tasks")
      .withIndex("by_owner", (q) => q.eq("owner", owner))
      .order("desc")
      .paginate(paginationOpts);
  },
});

export const add = mutation({
  args: { text: v.string() },
  handler: async (ctx, { text }) => {
    const owner = await callerToken(ctx);
    if (text.length < 1 || text.length > MAX_TEXT_LENGTH) {
      throw new ConvexError({
        code: "INVALID",
        message: `Task text must be 1 to ${MAX_TEXT_LENGTH} characters long`,
      });
    }
    return await ctx.db.insert("tasks", { owner, text, done: false });
  },
});

export const setDone = mutation({
  args: { id: v.id("tasks"), done: v.boolean() },
  handler: async (ctx, { id, done }) => {
    await ownTask(ctx, id);
    await ctx.db.patch(id, { done });
    return null;
  },
});

export const remove = mutation({
  args: { id: v.id("tasks") },
  handler: async (ctx, { id }) => {
    await ownTask(ctx, id);
    await ctx.db.delete(id);
    return null;
  },
});
