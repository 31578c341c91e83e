#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Secrets scan: looks for every secret the Clerk stand-in issued during the integration and
e2e tests (client tokens, session tokens, Convex JWTs, hosted-auth nonces, PKCE verifiers) in
everything those tests and the app wrote: captured stdout/stderr, what the tests read from their
child processes (qonvex-cli, the app, the devstack, helpers; `secrets-scan/children/`, written
by tests/common/childoutput.h), the per-test HOME/XDG/TMPDIR scratch folders (QSettings, web profile, caches), the rest of test-artifacts and, under
`./dev services`, the services' own XDG folders except the keyring daemon's (the keychain is
the one place a client token may live).

A hit is any 16-character (or longer) piece of a secret's secret part: the whole value, or for
a JWT everything after its header (the header is the same public text for every token). Files
are also read with NUL bytes removed, which turns UTF-16 text (Chromium's storage) into ASCII.
Findings name the file, the secret kind and the offset, never the secret.

  scan_secrets.py --artifacts DIR [--services-dir DIR]   the scan (exit 0 clean, 1 leak,
                                                         2 scanner broken, 77 nothing issued)
  scan_secrets.py --self-test                            plants secrets, checks they are caught
"""
import argparse
import base64
import json
import os
import re
import sys
import tempfile

WINDOW = 16
# A window of fewer distinct characters is no evidence of a leak: tests send deliberately wrong
# values such as a PKCE verifier of 64 zeros, which the stand-in records like any other, and
# runs of one character are everywhere (Convex ids, padding). A random secret has ~10 or more.
MIN_DISTINCT = 4
JWT_KINDS = {"client_token", "session_token", "convex_jwt"}
# Characters of every secret's secret part (base64url, hex, the JWT dot).
RUN = re.compile(rb"[A-Za-z0-9_.\-]{%d,}" % WINDOW)
SKIP_DIR_NAMES = {"keyrings", "ccache", "ccache-tmp"}  # the keychain itself; compiler objects and
# ccache's temporary preprocessed sources (under XDG_RUNTIME_DIR while a test builds C++, e.g.
# packaging_consumer: test sources hold fixed vectors such as RFC 7636's PKCE verifier)
SECRETS_DIR = "secrets-scan"


def secret_part(kind, value):
    if kind in JWT_KINDS and value.count(".") == 2:
        return value.split(".", 1)[1]
    return value


class Secrets:
    """Every 16-char window of every issued secret, mapped to the kinds it belongs to."""

    def __init__(self):
        self.windows = {}
        self.values = {}  # value -> kind
        self.low_entropy = 0  # windows not counted (fewer than MIN_DISTINCT characters)

    def add(self, kind, value):
        if not value or value in self.values:
            return
        self.values[value] = kind
        part = secret_part(kind, value).encode()
        if len(part) < WINDOW:
            part = value.encode()
        for i in range(len(part) - WINDOW + 1):
            window = part[i:i + WINDOW]
            if len(set(window)) < MIN_DISTINCT:
                self.low_entropy += 1
                continue
            self.windows.setdefault(window, set()).add(kind)

    def load(self, issued_dir):
        files = 0
        if os.path.isdir(issued_dir):
            for entry in sorted(os.listdir(issued_dir)):
                path = os.path.join(issued_dir, entry)
                if not os.path.isfile(path):
                    continue
                files += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    for line in f:
                        kind, sep, value = line.rstrip("\n").partition("\t")
                        if sep:
                            self.add(kind, value)
        return files

    def public_keys(self):
        """The Clerk publishable keys for the issuers named in the issued JWTs. A publishable key
        is public (it is in every Clerk app's page and in Qonvex's settings): base64 of the
        Frontend API host plus '$', the same host a JWT's `iss` claim spells, so when the
        alignment matches a 16-character window of a JWT's payload equals a piece of the key."""
        hosts = set()
        for value, kind in self.values.items():
            if kind not in JWT_KINDS or value.count(".") != 2:
                continue
            payload = value.split(".")[1]
            try:
                claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
                iss = claims.get("iss", "") if isinstance(claims, dict) else ""
            except ValueError:
                continue
            if "://" in iss:
                hosts.add(iss.split("://", 1)[1].rstrip("/"))
        keys = set()
        for host in hosts:
            encoded = base64.b64encode((host + "$").encode()).decode()
            keys.update({"pk_test_" + encoded, "pk_live_" + encoded, "pk_test_" + encoded.rstrip("=")})
        return keys

    def drop_public(self, public_strings):
        """Windows that are also pieces of public text are not evidence of a leak."""
        dropped = 0
        for text in public_strings:
            data = text.encode()
            for i in range(len(data) - WINDOW + 1):
                if self.windows.pop(data[i:i + WINDOW], None) is not None:
                    dropped += 1
        return dropped

    def by_kind(self):
        counts = {}
        for kind in self.values.values():
            counts[kind] = counts.get(kind, 0) + 1
        return counts

    def find(self, data):
        """[(offset, kinds)] of the first hit in each run of token characters."""
        hits = []
        for variant in (data, data.replace(b"\x00", b"")) if b"\x00" in data else (data,):
            for m in RUN.finditer(variant):
                run = m.group()
                for i in range(len(run) - WINDOW + 1):
                    kinds = self.windows.get(run[i:i + WINDOW])
                    if kinds:
                        hits.append((m.start() + i, kinds))
                        break
        return hits


def walk(roots, excluded):
    for root in roots:
        if not os.path.isdir(root):
            continue
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = [d for d in dirnames
                           if d not in SKIP_DIR_NAMES and os.path.realpath(os.path.join(dirpath, d)) not in excluded]
            for name in filenames:
                path = os.path.join(dirpath, name)
                if os.path.islink(path) or not os.path.isfile(path):
                    continue  # sockets, fifos, links (their targets are scanned where they live)
                yield path


def scan(secrets, roots, excluded, out, group=lambda path: "files"):
    """Returns (files, bytes, findings, groups) where findings = [(path, offset, kinds)] and
    groups = {group(path): [files, bytes]}."""
    files = size = 0
    findings = []
    groups = {}
    seen = set()
    for path in walk(roots, excluded):
        real = os.path.realpath(path)
        if real in seen:
            continue
        seen.add(real)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except OSError as e:
            print(f"warning: cannot read {path}: {e.strerror}", file=out)
            continue
        files += 1
        size += len(data)
        g = groups.setdefault(group(real), [0, 0])
        g[0] += 1
        g[1] += len(data)
        for offset, kinds in secrets.find(data):
            findings.append((path, offset, kinds))
    return files, size, findings, groups


def canary_check(secrets):
    """The scanner still catches a 16-char piece of a real issued secret (plain and UTF-16),
    and not a 15-char one: proof on this run's data that a leak would be seen."""
    for value, kind in secrets.values.items():
        part = secret_part(kind, value)
        mid = len(part) // 2 - WINDOW // 2
        if len(part) >= WINDOW + 1 and part[mid:mid + WINDOW].encode() in secrets.windows:
            break
    else:
        return True  # nothing long enough (or only low-entropy test values) to plant
    piece = part[mid:mid + WINDOW]
    short = part[mid:mid + WINDOW - 1]
    caught = bool(secrets.find(f"log line: token={piece} end\n".encode()))
    caught16 = bool(secrets.find(f'"{piece}"'.encode("utf-16-le")))
    missed = not secrets.find(f"log line: token={short} end\n".encode())
    return caught and caught16 and missed


def run_scan(artifacts, services_dir, out):
    artifacts = os.path.realpath(artifacts)
    root = os.path.join(artifacts, SECRETS_DIR)
    issued_dir = os.path.join(root, "issued")
    secrets = Secrets()
    logs = secrets.load(issued_dir)
    outputs = sorted(os.listdir(os.path.join(root, "output"))) if os.path.isdir(os.path.join(root, "output")) else []
    children_dir = os.path.join(root, "children")
    children = sorted(os.listdir(children_dir)) if os.path.isdir(children_dir) else []
    print(f"issued-secret records: {logs} (one per wrapped test), captured outputs: {len(outputs)}, "
          f"child-output folders: {len(children)}", file=out)
    if not secrets.values:
        print("no secrets were issued: nothing to look for (run the integration/e2e tests first)", file=out)
        return 77
    counts = ", ".join(f"{k} {n}" for k, n in sorted(secrets.by_kind().items()))
    print(f"secrets issued: {len(secrets.values)} ({counts})", file=out)
    if not canary_check(secrets):
        print("FAIL: the scanner missed a planted piece of an issued secret", file=out)
        return 2
    public = secrets.public_keys()
    dropped = secrets.drop_public(public)
    print(f"public text not counted: {len(public)} publishable key forms ({dropped} windows shared with JWTs), "
          f"{secrets.low_entropy} windows of fewer than {MIN_DISTINCT} distinct characters", file=out)
    roots = [artifacts]
    if services_dir and os.path.isdir(services_dir):
        # The services' HOME/XDG folders (./dev services); its keyrings/ folder is skipped.
        roots.append(os.path.realpath(services_dir))
    def group(path):
        rel = os.path.relpath(path, root)
        if rel.startswith("output" + os.sep):
            return "captured stdout+stderr"
        if rel.startswith("children" + os.sep):
            return "child processes' stdout+stderr"
        if rel.startswith("scratch" + os.sep):
            return "HOME/XDG/TMPDIR of " + rel.split(os.sep)[1]
        if not os.path.relpath(path, artifacts).startswith(".."):
            return "other test artifacts"
        return "./dev services folders"

    files, size, findings, groups = scan(secrets, roots, {os.path.realpath(issued_dir)}, out, group)
    print(f"scanned {files} files, {size} bytes under: {', '.join(roots)}", file=out)
    for name, (n, b) in sorted(groups.items()):
        print(f"  {name}: {n} files, {b} bytes", file=out)
    if not findings:
        print("secrets found: 0", file=out)
        return 0
    by_file = {}
    for path, offset, kinds in findings:
        by_file.setdefault(path, []).append((offset, kinds))
    print(f"FAIL: secrets found in {len(by_file)} file(s):", file=out)
    for path, hits in sorted(by_file.items()):
        kinds = sorted(set().union(*(k for _, k in hits)))
        print(f"  {path}: {len(hits)} hit(s), kind(s) {', '.join(kinds)}, first at byte {hits[0][0]}", file=out)
    return 1


def self_test():
    """Plants secrets the way a leak would look and checks the verdicts, including that the
    report never prints a secret."""
    import io
    failures = []
    jwt_sig = "Qk9HVVMtc2lnbmF0dXJlLWZvci10aGUtc2VsZi10ZXN0LW9mLXRoZS1zY2Fu"
    header = "eyJhbGciOiJSUzI1NiIsImtpZCI6Imluc19zZWxmdGVzdCJ9"
    payload = "eyJpZCI6ImNsaWVudF9zZWxmdGVzdCIsInJvdGF0aW5nX3Rva2VuIjoiMDAxMSJ9"
    client_token = f"{header}.{payload}.{jwt_sig}"
    nonce = "selftestNonceAbcdefghijklmnopqrstuvwx"
    # A Convex JWT whose `iss` host sits where its base64 lines up with the publishable key's.
    host = "127.0.0.1:35171"
    claims = base64.urlsafe_b64encode(f'{{"iss":"http://{host}","sub":"user_selftest"}}'.encode()).decode().rstrip("=")
    convex_jwt = f"{header}.{claims}.{jwt_sig[::-1]}"
    publishable_key = "pk_test_" + base64.b64encode((host + "$").encode()).decode()
    with tempfile.TemporaryDirectory() as tmp:
        root = os.path.join(tmp, SECRETS_DIR)
        for d in ("issued", "output", "children/t", "scratch/t/config", "scratch/t/data/keyrings", "scratch/t/tmp"):
            os.makedirs(os.path.join(root, d))
        with open(os.path.join(root, "issued", "t.log"), "w") as f:
            f.write(f"client_token\t{client_token}\nrotating_token_nonce\t{nonce}\nconvex_jwt\t{convex_jwt}\n")
            # A deliberately wrong verifier a test sent (the stand-in records it like any other).
            f.write("pkce_verifier\t" + "0" * 64 + "\n")

        def plant(rel, data):
            path = os.path.join(root, rel)
            with open(path, "wb") as f:
                f.write(data)
            return path

        expected = {
            plant("output/t.log", f"qonvex.app.session: token {jwt_sig[20:36]} rest\n".encode()),
            plant("scratch/t/config/app.conf", f"[General]\nurl=qonvex://callback?rotating_token_nonce={nonce}\n".encode()),
            plant("scratch/t/tmp/utf16.bin", b"\x01\x02" + f"Authorization: {client_token}".encode("utf-16-le")),
            plant("scratch/t/tmp/payload.txt", f"claims {payload}\n".encode()),
            # What a test read from a child (qonvex-cli's debug log) and recorded: a leak there
            # fails the scan like one in the test's own output.
            plant("children/t/qonvex-cli-1.stderr",
                  f"qonvex.clerk.fapi: debug: Authorization {client_token[len(header) + 5:len(header) + 25]}\n".encode()),
        }
        clean = [
            plant("output/clean.log", f"short piece {jwt_sig[20:35]} and header {header}\n".encode()),
            plant("children/t/qonvex-cli-1.stdout", b'{"value":{"subject":"user_selftest"}}\n'),
            # Runs of one character (a Convex id) share no evidence with that verifier.
            plant("children/t/qonvex-cli-2.stdout", b'{"value":"000000000000000000000010000tasks"}\n'),
            plant("scratch/t/data/keyrings/login.keyring", client_token.encode()),  # the keychain
            # A publishable key is public even where its base64 coincides with a JWT's payload.
            plant("scratch/t/config/Qonvex.conf", f"[clerk]\npublishableKey={publishable_key}\n".encode()),
        ]
        if claims.find(publishable_key[8:8 + WINDOW]) < 0:
            failures.append("self-test set-up: the JWT payload does not share a window with the key")
        buf = io.StringIO()
        rc = run_scan(tmp, None, buf)
        report = buf.getvalue()
        flagged = {line.strip().split(": ")[0] for line in report.splitlines() if line.startswith("  /")}
        if rc != 1:
            failures.append(f"exit code {rc}, expected 1")
        if flagged != expected:
            failures.append(f"flagged {sorted(flagged)}, expected {sorted(expected)}")
        for path in clean:
            if path in flagged:
                failures.append(f"false positive: {path}")
        if client_token in report or nonce in report or jwt_sig[20:36] in report:
            failures.append("the report printed a secret")
        if "client_token" not in report or "rotating_token_nonce" not in report:
            failures.append("the report does not name the secret kinds")
        if "child processes' stdout+stderr: 3 files" not in report or "child-output folders: 1" not in report:
            failures.append("the report does not count the child-output files")
        # A clean tree passes; an empty record is "nothing to do", not a pass.
        for path in expected:
            os.remove(path)
        if run_scan(tmp, None, io.StringIO()) != 0:
            failures.append("a clean tree did not pass")
        os.remove(os.path.join(root, "issued", "t.log"))
        if run_scan(tmp, None, io.StringIO()) != 77:
            failures.append("no issued secrets did not report 'nothing to look for'")
    print(report, end="")
    for f in failures:
        print(f"SELF-TEST FAIL: {f}")
    print("self-test:", "FAIL" if failures else "ok (planted leaks caught, clean files and the keychain not flagged)")
    return 1 if failures else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--artifacts", help="the test-artifacts folder (QONVEX_ARTIFACTS_DIR)")
    parser.add_argument("--services-dir", default=os.environ.get("QONVEX_SERVICES_ID"),
                        help="the ./dev services folder (default: $QONVEX_SERVICES_ID)")
    parser.add_argument("--self-test", action="store_true")
    args = parser.parse_args()
    if args.self_test:
        return self_test()
    artifacts = args.artifacts or os.environ.get("QONVEX_ARTIFACTS_DIR")
    if not artifacts:
        parser.error("--artifacts or QONVEX_ARTIFACTS_DIR is required")
    return run_scan(artifacts, args.services_dir, sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
