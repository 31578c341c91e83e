import { test } from "node:test";
import assert from "node:assert/strict";
import { anyApi } from "convex/server";
import { loadStandin, newClient, startIssuer, watch } from "../convex/test-support.mjs";

test("smoke", async () => {
  const issuer = await startIssuer();
  const { startConvexStandin } = await loadStandin();
  const s = await startConvexStandin({ authProviders: [{ domain: issuer.url, applicationID: "convex" }] });
  const c = newClient(s.url);
  const me = watch(c, anyApi.users.me);
  assert.equal(await me.value((v) => v === null), null);
  c.setAuth(() => issuer.sign({ sub: "u1", claims: { name: "Ada" } }));
  const who = await me.value((v) => v !== null);
  assert.equal(who.tokenIdentifier, `${issuer.url}|u1`);
  const tasks = watch(c, anyApi.tasks.list);
  await c.mutation(anyApi.tasks.add, { text: "hello" });
  const list = await tasks.value((v) => v.length === 1);
  assert.equal(list[0].text, "hello");
  await c.close();
  await s.close();
  await issuer.close();
});
