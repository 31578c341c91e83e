#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
# devstack-token.py READY_JSON_LINE: signs ada@example.com in on the Clerk stand-in (test
# control) and prints a `convex` template JWT for that session. The ready line is the JSON that
# devstack/run prints. Only for tests: the token goes to stdout, never to a log.
import json
import sys
import urllib.request


def control(base, path, body):
    request = urllib.request.Request(base + "/__devstack/" + path, data=json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.load(reply)


ready = json.loads(sys.argv[1])
base = ready["clerkFrontendApi"].rstrip("/")
session = control(base, "sign-in", {"email": "ada@example.com"})
jwt = control(base, "tokens", {"sessionId": session["sessionId"]}).get("jwt")
if not jwt:
    sys.exit("devstack-token: no jwt in the reply")
print(jwt)
