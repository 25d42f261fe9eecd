#!/usr/bin/env python3
"""Runs a sanitized `starling` under the benchmark's scenarios, then the same at once: seeds a fresh
data directory (the quick graph), starts `serve`, drives each scenario for SECONDS with wrk, lets
the outbox drain, times a celebrity's fanout, and stops the server. Called by scripts/sanitize.

usage: drive.py BINARY WORKDIR SECONDS (environment: the server's STARLING_* settings, and the
sanitizer's options and preload)"""
import os, subprocess, sys, threading

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "bench"))
import run as bench  # noqa: E402

binary, work, seconds = sys.argv[1], sys.argv[2], int(sys.argv[3])
data = os.path.join(work, "data")
quiet = dict(os.environ, STARLING_LOG_LEVEL="warning")
subprocess.run([binary, "seed", "--data-dir", data, "--users", "300", "--follows-per-user", "50"], check=True, env=quiet)
credentials = os.path.join(data, "credentials.csv")
users = [line.split(",") for line in open(credentials).read().split("\n")[1:] if line]
store = bench.Store(data)
ids_file = os.path.join(work, "tweet_ids.txt")
with open(ids_file, "w") as f:
    for (tweet_id,) in store.rows("SELECT id FROM tweets ORDER BY id DESC LIMIT 5000"):
        f.write(f"{tweet_id}\n")

port = bench.free_port()
base = f"http://127.0.0.1:{port}"
server = bench.start_server(binary, data, port, os.path.join(work, "server.log"), quiet, attempts=3000)  # sanitized: slow to start
try:
    feed, timeline, detail = ["GET", "/api/newsfeeds/"], ["GET", "/api/tweets/?user_id={user_id}"], ["GET", "/api/tweets/{tweet_id}/", ids_file]
    post, healthz = ["POST", "/api/tweets/"], ["", "", "/healthz"]
    for name, concurrency, script_args, plain in [
        ("newsfeed", 16, feed, False), ("newsfeed", 64, feed, False), ("tweet list", 16, timeline, False),
        ("tweet detail", 64, detail, False), ("healthz", 64, healthz, True), ("post", 4, post, False),
    ]:
        r = bench.run_wrk(base, name, concurrency, seconds, server.pid, healthz if plain else [credentials] + script_args, plain=plain)
        print(f"{name} c={concurrency}: {r['rps']:.0f} req/s, {r['non_2xx']} non-2xx", flush=True)
    # Every path at once, while the posts' fanouts run: the interleavings one scenario never makes.
    runs = [("post", 4, [credentials] + post, False), ("newsfeed", 16, [credentials] + feed, False),
            ("tweet detail", 16, [credentials] + detail, False), ("tweet list", 8, [credentials] + timeline, False),
            ("healthz", 32, healthz, True)]
    threads = [threading.Thread(target=bench.run_wrk, args=(base, n, c, seconds, server.pid, a), kwargs={"plain": p})
               for n, c, a, p in runs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print("mixed: done", flush=True)
    bench.wait_for_empty_outbox(store, timeout=600)
    fanout = bench.measure_fanout(base, store, {"id": int(users[0][0]), "token": users[0][2]}, timeout=600)
    print(f"celebrity fanout: {fanout['followers']} followers in {fanout['seconds']} s", flush=True)
finally:
    store.close()
    bench.stop_server(server, timeout=60)
