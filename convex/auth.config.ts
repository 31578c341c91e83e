// SPDX-License-Identifier: MIT
// Convex accepts tokens whose `iss` is the Clerk Frontend API URL and whose `aud` is "convex"
// (Clerk's Convex JWT template / Convex integration).
export default {
  providers: [
    {
      domain: process.env.CLERK_ISSUER_URL,
      applicationID: "convex",
    },
  ],
};
