// SPDX-License-Identifier: MIT
// Data model of the sample app: a per-user task list.
import { defineSchema, defineTable } from "convex/server";
import { v } from "convex/values";

export default defineSchema({
  tasks: defineTable({
    // The caller's `tokenIdentifier` ("<issuer>|<subject>"): stable per user and provider.
    owner: v.string(),
    text: v.string(),
    done: v.boolean(),
  }).index("by_owner", ["owner"]),
});
