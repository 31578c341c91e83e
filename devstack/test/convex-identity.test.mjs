// SPDX-License-Identifier: MIT
// How the Convex stand-in turns verified OIDC claims into ctx.auth.getUserIdentity() (§7.4):
// standard claims camelCased, custom claims kept, refresh-varying claims dropped.
import { describe } from "node:test";
import assert from "node:assert/strict";
import { loadStandin, test } from "../convex/test-support.mjs";

describe("identity mapping", () => {
  test("OIDC claims map to the UserIdentity fields Convex exposes", async () => {
    const { identityFromClaims } = await loadStandin();
    const identity = identityFromClaims(
      {
        iss: "https://clerk.example", sub: "user_1", aud: "convex", exp: 2000, iat: 1000, nbf: 995,
        jti: "j", fva: [1, 2], azp: "http://localhost", sid: "sess_1",
        name: "Ada Lovelace", given_name: "Ada", family_name: "Lovelace", nickname: null,
        picture: "https://img/a.png", email: "ada@example.com", email_verified: "true",
        phone_number_verified: false, updated_at: 1764133000, address: { formatted: "1 Loop" },
        locale: "en", zoneinfo: "Europe/London", birthdate: "1815-12-10",
      },
      true,
    );
    assert.deepEqual(identity, {
      tokenIdentifier: "https://clerk.example|user_1",
      subject: "user_1",
      issuer: "https://clerk.example",
      sid: "sess_1",
      name: "Ada Lovelace",
      givenName: "Ada",
      familyName: "Lovelace",
      pictureUrl: "https://img/a.png",
      email: "ada@example.com",
      emailVerified: true,
      phoneNumberVerified: false,
      updatedAt: "2025-11-26T04:56:40+00:00",
      address: "1 Loop",
      language: "en",
      timezone: "Europe/London",
      birthday: "1815-12-10",
    });
  });

  test("custom JWTs keep every non-registered claim and do not rename standard ones", async () => {
    const { identityFromClaims } = await loadStandin();
    const identity = identityFromClaims({ iss: "https://i", sub: "s", exp: 2, jti: "j", picture: "p", azp: "a", role: "admin", fva: [0] }, false);
    assert.deepEqual(identity, { tokenIdentifier: "https://i|s", subject: "s", issuer: "https://i", picture: "p", azp: "a", role: "admin" });
  });
});
