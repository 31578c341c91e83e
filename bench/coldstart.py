#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Cold start to live data: `qonvex --exit-after-first-data` with a stored session.

   ./dev services python3 bench/coldstart.py --build-dir build-bench [--runs 10]

Must run under `./dev services` (private D-Bus session, unlocked gnome-keyring, offscreen Qt,
throw-away HOME, so the user's own keyring and settings are never touched). Starts its own
devstack, signs a user in on the Clerk stand-in's test control (as the hosted sign-in would) and
stores the client token where the app's KeychainTokenStore keeps it (QtKeychain's Secret
Service schema: service io.github.qonvex.Qonvex, key clerk-client-token:<FAPI host:port>).
`qonvex-cli --clerk` then proves the stored session works and adds a few tasks, so the first
paint has rows. Then qonvex starts runs×2 times, alternating the normal (lazy) start with
QONVEX_BENCH_PRELOAD_SIGNIN_VIEW=1 (the WebEngine sign-in plugin and its view loaded at start,
as an app without lazy loading would), after one warm-up of each. Prints one JSON line."""
import argparse, json, os, statistics, subprocess, sys, tempfile, time, urllib.parse, urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def control(base, path, body):
    req = urllib.request.Request(base.rstrip("/") + "/__devstack/" + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"}, method="POST")
    with urllib.request.urlopen(req, timeout=30) as r:
        return json.loads(r.read())


def store_session(fapi, client_token):
    # QtKeychain (libsecret backend) stores text entries under schema org.qt.keychain with the
    # attributes user=<key>, server=<service>, type=plaintext. The token goes through stdin only.
    u = urllib.parse.urlsplit(fapi)
    key = f"clerk-client-token:{u.hostname}" + (f":{u.port}" if u.port else "")
    subprocess.run(["secret-tool", "store", "--label=Qonvex bench session", "xdg:schema", "org.qt.keychain",
                    "user", key, "server", "io.github.qonvex.Qonvex", "type", "plaintext"],
                   input=client_token.encode(), check=True, timeout=30)


def run_qonvex(exe, args, preload):
    env = dict(os.environ)
    env.pop("QONVEX_BENCH_PRELOAD_SIGNIN_VIEW", None)
    if preload:
        env["QONVEX_BENCH_PRELOAD_SIGNIN_VIEW"] = "1"
    t0 = time.monotonic()
    with tempfile.TemporaryFile() as err:
        p = subprocess.Popen([str(exe)] + args, env=env, stdout=subprocess.PIPE, stderr=err, text=True)
        line = p.stdout.readline()
        harness_ms = (time.monotonic() - t0) * 1e3  # fork/exec → line read, for comparison
        p.stdout.read()
        # wait4: the process's own CPU time (user + system, whole run incl. exit), which the
        # machine's load does not inflate the way it inflates wall time.
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        err_text = err.read().decode(errors="replace")
    fields = dict(kv.split("=", 1) for kv in line.split()[1:] if "=" in kv)
    if p.returncode != 0 or "ms" not in fields:
        # stderr may hold log lines; the app never logs tokens, but keep only the tail.
        raise RuntimeError(f"qonvex exited {p.returncode}: {line.strip()!r} {err_text.strip()[-600:]!r}")
    return {"ms": int(fields["ms"]), "rss_kib": int(fields["rss_kib"]), "webengine": fields["webengine"] == "1",
            "harness_ms": harness_ms, "cpu_ms": (usage.ru_utime + usage.ru_stime) * 1e3}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build-dir", default=str(ROOT / "build-bench"))
    ap.add_argument("--runs", type=int, default=10)
    a = ap.parse_args()
    if os.environ.get("QONVEX_TEST_KEYRING") != "1":
        sys.exit("coldstart.py: run it under ./dev services (private D-Bus and keyring)")
    build = Path(a.build_dir)
    exe, cli = build / "app" / "qonvex", build / "app" / "cli" / "qonvex-cli"
    ds = subprocess.Popen([str(ROOT / "devstack" / "run"), "--token-lifetime", "3600"], cwd=ROOT,
                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        info = json.loads(ds.stdout.readline())
        fapi, convex, pk = info["clerkFrontendApi"], info["convexUrl"], info["clerkPublishableKey"]
        signed = control(fapi, "sign-in", {"email": "ada@example.com"})
        store_session(fapi, signed["clientToken"])
        conn = ["--convex-url", convex, "--clerk-publishable-key", pk, "--clerk-frontend-api", fapi]
        for i in range(5):  # also proves the stored session restores (exit 3 otherwise)
            subprocess.run([str(cli), "--url", convex, "--clerk", "--clerk-frontend-api", fapi, "mutation", "tasks:add",
                            json.dumps({"text": f"Bench task {i + 1}"})], check=True, capture_output=True, timeout=60)
        args = ["--exit-after-first-data", "--no-tray"] + conn
        runs = {"lazy": [], "preload": []}
        for i in range(a.runs + 1):  # the first pair warms the page cache and is dropped
            for mode in ("lazy", "preload"):
                r = run_qonvex(exe, args, mode == "preload")
                if i > 0:
                    runs[mode].append(r)
    finally:
        ds.stdin.close()
        try:
            ds.wait(timeout=15)
        except subprocess.TimeoutExpired:
            ds.terminate()
    out = {"measured": True, "runs": a.runs}
    for mode, rs in runs.items():
        out[mode] = {"ms": statistics.median(r["ms"] for r in rs), "rss_mb": statistics.median(r["rss_kib"] for r in rs) / 1024,
                     "webengine_runs": sum(r["webengine"] for r in rs), "harness_ms": statistics.median(r["harness_ms"] for r in rs),
                     "cpu_ms": statistics.median(r["cpu_ms"] for r in rs),
                     "samples_ms": [r["ms"] for r in rs], "samples_rss_kib": [r["rss_kib"] for r in rs]}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
