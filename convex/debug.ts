// SPDX-License-Identifier: MIT
// Functions for protocol tests: value round-trips and a slow action.
import { v } from "convex/values";
import { action, query } from "./_generated/server";

export const echo = query({
  args: { value: v.any() },
  handler: async (_ctx, { value }) => value,
});

export const slowEcho = action({
  args: { value: v.any(), ms: v.number() },
  handler: async (_ctx, { value, ms }) => {
    const delay = Math.max(0, Math.min(ms, 60_000));
    await new Promise((resolve) => setTimeout(resolve, delay));
    console.log(`slowEcho waited ${delay} ms`);
    return value;
  },
});
