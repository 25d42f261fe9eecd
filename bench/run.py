#!/usr/bin/env python3
"""Starling's benchmark: seeds a fresh data directory, starts `starling serve` on a free loopback
port, runs bounded wrk scenarios, and prints a table. Writes bench/results/<timestamp>.json and an
SVG chart beside it. Called by scripts/bench, which builds the release binary first."""
import argparse, json, os, socket, sqlite3, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_ticks(pid):
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def status_mb(pid, field):
    """A size line of /proc/PID/status (VmHWM: peak resident set; VmRSS: resident now), in MB."""
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb(pid):
    return status_mb(pid, "VmHWM")


def rss_mb(pid):
    return status_mb(pid, "VmRSS")


class RSSSampler(threading.Thread):
    """Samples the server's resident set once a second, so its course over the run is kept."""

    def __init__(self, pid):
        super().__init__(daemon=True)
        self.pid, self.samples, self.done = pid, [], threading.Event()
        self.started = time.monotonic()

    def run(self):
        while not self.done.wait(1.0):
            try:
                self.samples.append([round(time.monotonic() - self.started, 1), round(rss_mb(self.pid), 1)])
            except OSError:
                return


def backends():
    """What the server ran on, from the settings it reads (the queue and media have one backend so far)."""
    env = os.environ
    cache = "redis" if env.get("STARLING_REDIS_URL") else "in-process"
    return {
        "database": "postgresql" if env.get("STARLING_DATABASE_URL", "").startswith("postgres") else "sqlite",
        "feed_cache": cache,
        "object_cache": cache,
        "queue": "in-process",
        "media": "disk",
    }


def open_sqlite(path):
    """The SQLite store read-only, with `newsfeeds` the rows of both its files: the server keeps the
    rows fanout pushes in `<name>-feeds.sqlite` beside the main file."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)
    root, ext = os.path.splitext(path)
    db.execute("ATTACH DATABASE ? AS feeds", (f"file:{root}-feeds{ext}?mode=ro",))
    db.execute("CREATE TEMP VIEW newsfeeds AS SELECT * FROM main.newsfeeds UNION ALL SELECT * FROM feeds.newsfeeds")
    return db


class Store:
    """Read-only queries on the seeded store: the SQLite file in the data directory, or the
    PostgreSQL database of STARLING_DATABASE_URL through psql. Rows hold integers only."""

    def __init__(self, data):
        self.url = os.environ.get("STARLING_DATABASE_URL", "")
        self.db = None
        if not self.url.startswith("postgres"):
            self.db = open_sqlite(os.path.join(data, "starling.sqlite"))

    def rows(self, sql):
        if self.db is not None:
            return self.db.execute(sql).fetchall()
        out = subprocess.run(["psql", self.url, "-qAtX", "-F", ",", "-c", sql], check=True, capture_output=True, text=True).stdout
        return [tuple(int(field) for field in line.split(",")) for line in out.splitlines() if line]

    def close(self):
        if self.db is not None:
            self.db.close()


def run_wrk(base, name, concurrency, seconds, pid, script_args, plain=False):
    threads = max(1, min(2, concurrency))
    script = "bench/plain.lua" if plain else "bench/scenario.lua"
    command = ["wrk", "-t", str(threads), "-c", str(concurrency), "-d", f"{seconds}s", "--timeout", "5s",
               "-s", script, base + (script_args[2] if plain else "/")]
    if not plain:
        command += ["--"] + script_args
    before = cpu_ticks(pid)
    out = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 60)
    after = cpu_ticks(pid)
    line = next((l for l in out.stdout.splitlines() if l.startswith("RESULT ")), None)
    if line is None:
        raise SystemExit(f"wrk failed for {name}: {out.stdout}\n{out.stderr}")
    r = json.loads(line[len("RESULT "):])
    requests = max(r["requests"], 1)
    return {
        "name": name, "concurrency": concurrency,
        "rps": round(r["requests"] / (r["duration_us"] / 1e6), 1),
        "p50_ms": round(r["p50_us"] / 1000, 2), "p99_ms": round(r["p99_us"] / 1000, 2),
        "non_2xx": r["non_2xx"] + r["socket_errors"],
        "cpu_ms_per_req": round((after - before) * 1000 / TICKS / requests, 3),
        "rss_mb": round(peak_rss_mb(pid), 1),
        "rss_now_mb": round(rss_mb(pid), 1),
    }


def http(method, url, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


def start_server(binary, data, port, log_path, env, attempts=600):
    """`starling serve` on the loopback port (rate limits off), returned once `/healthz` answers;
    its output goes to `log_path`. A server that exits or does not answer stops the run."""
    log = open(log_path, "w")
    server = subprocess.Popen([binary, "serve", "--port", str(port), "--data-dir", data, "--rate-limits", "off"],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    for _ in range(attempts):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return server
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.05)
    stop_server(server)
    raise SystemExit("the server did not start; see " + log_path)


def stop_server(server, timeout=20):
    """Ends a server this run started: SIGTERM, then SIGKILL after `timeout` seconds."""
    server.terminate()
    try:
        server.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        server.kill()


def wait_for_empty_outbox(store, timeout=120):
    started = time.monotonic()
    while store.rows("SELECT COUNT(*) FROM outbox")[0][0] > 0:
        if time.monotonic() - started > timeout:
            raise SystemExit(f"the outbox did not drain within {timeout} s")
        time.sleep(0.05)


def measure_fanout(base, store, celebrity, timeout=120):
    """Seconds from the celebrity's POST until every follower's feed holds the tweet."""
    followers = store.rows(f"SELECT COUNT(*) FROM friendships WHERE to_user_id = {int(celebrity['id'])}")[0][0]
    started = time.monotonic()
    tweet = http("POST", base + "/api/tweets/", celebrity["token"], {"content": "fanout benchmark"})
    while time.monotonic() - started < timeout:
        rows = store.rows(f"SELECT COUNT(*) FROM newsfeeds WHERE tweet_id = {int(tweet['id'])}")[0][0]
        if rows >= followers + 1:
            return {"followers": followers, "seconds": round(time.monotonic() - started, 3)}
        time.sleep(0.005)
    return {"followers": followers, "seconds": None}


def chart(results, path):
    """A horizontal bar chart of requests per second, with p99 latency, as SVG."""
    rows = results["scenarios"]
    width, bar_height, left = 1000, 26, 330
    height = 70 + bar_height * len(rows)
    top = max(r["rps"] for r in rows) or 1
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="13">',
             f'<text x="10" y="22" font-size="16">Starling benchmark — {results["timestamp"]} — {results["backends"]["database"]}, '
             f'load {results["machine"]["load_average"][0]}, {results["machine"]["cores"]} cores</text>']
    for i, r in enumerate(rows):
        y = 45 + i * bar_height
        w = (width - left - 240) * r["rps"] / top
        parts.append(f'<text x="10" y="{y + 17}">{r["name"]} (c={r["concurrency"]})</text>')
        parts.append(f'<rect x="{left}" y="{y + 4}" width="{w:.1f}" height="{bar_height - 8}" fill="#4a7fb5"/>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 17}">{r["rps"]:,.0f} req/s · p99 {r["p99_ms"]} ms</text>')
    fan = results.get("fanout") or {}
    parts.append(f'<text x="10" y="{height - 8}">fanout to {fan.get("followers")} followers: {fan.get("seconds")} s</text></svg>')
    open(path, "w").write("\n".join(parts))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--quick", action="store_true", help="a reduced run of about two minutes")
    parser.add_argument("--compare-models", action="store_true", help="push vs pull vs hybrid with a celebrity (bench/compare_models.py)")
    parser.add_argument("--celebrity-followers", type=int, default=100_000, help="with --compare-models: the celebrity's followers")
    parser.add_argument("--instructions", action="store_true",
                        help="instructions per request under callgrind, the same run to run (bench/instructions.py)")
    parser.add_argument("--users", type=int, default=300, help="with --instructions: the seeded users")
    parser.add_argument("--newsfeeds", type=int, default=2000, help="with --instructions: newsfeed pages")
    parser.add_argument("--details", type=int, default=500, help="with --instructions: tweet lists and tweet details")
    parser.add_argument("--posts", type=int, default=200, help="with --instructions: posts")
    args = parser.parse_args()
    if args.instructions:
        import instructions
        return instructions.main(args)
    if args.compare_models:
        import compare_models
        return compare_models.main(args)
    seconds = 3 if args.quick else 10
    seed_args = ["--users", "300", "--follows-per-user", "50"] if args.quick else []

    work = tempfile.mkdtemp(prefix="starling-bench-")
    data = os.path.join(work, "data")
    env = dict(os.environ, STARLING_LOG_LEVEL="warning")
    print(f"== seeding {data}", flush=True)
    started = time.monotonic()
    subprocess.run([args.binary, "seed", "--data-dir", data] + seed_args, check=True, env=env)
    seed_seconds = round(time.monotonic() - started, 1)
    credentials = os.path.join(data, "credentials.csv")
    users = [line.split(",") for line in open(credentials).read().split("\n")[1:] if line]
    ids_file = os.path.join(work, "tweet_ids.txt")
    store = Store(data)
    with open(ids_file, "w") as f:
        for (tweet_id,) in store.rows("SELECT id FROM tweets ORDER BY id DESC LIMIT 5000"):
            f.write(f"{tweet_id}\n")

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = start_server(args.binary, data, port, os.path.join(work, "server.log"), env)
    try:
        pid = server.pid
        scenarios = []
        rss_start = round(rss_mb(pid), 1)
        sampler = RSSSampler(pid)
        sampler.start()
        print(f"   rss at start {rss_start} MB", flush=True)
        # Each page is measured warm, as the newsfeed's c=16 row is (after the c=1 row): the
        # tweet list and detail first run a shorter "(cold)" row, which fills the timelines and
        # the comments and likes they show, as the newsfeed's c=1 row fills the newsfeeds.
        cold = max(1, seconds // 2)
        plan = [
            ("GET /api/newsfeeds/", 1, seconds, ["GET", "/api/newsfeeds/"]),
            ("GET /api/newsfeeds/", 16, seconds, ["GET", "/api/newsfeeds/"]),
            ("GET /api/newsfeeds/", 64, seconds, ["GET", "/api/newsfeeds/"]),
            ("GET /api/tweets/?user_id= (cold)", 16, cold, ["GET", "/api/tweets/?user_id={user_id}"]),
            ("GET /api/tweets/?user_id=", 16, seconds, ["GET", "/api/tweets/?user_id={user_id}"]),
            ("GET /api/tweets/{id}/ (cold)", 16, cold, ["GET", "/api/tweets/{tweet_id}/", ids_file]),
            ("GET /api/tweets/{id}/", 16, seconds, ["GET", "/api/tweets/{tweet_id}/", ids_file]),
        ]
        for name, concurrency, duration, script_args in plan:
            print(f"== {name} c={concurrency} for {duration}s", flush=True)
            scenarios.append(run_wrk(base, name, concurrency, duration, pid, [credentials] + script_args))
            print(f"   rss now {scenarios[-1]['rss_now_mb']} MB, peak {scenarios[-1]['rss_mb']} MB", flush=True)
        # The framework's ceiling before the POSTs, whose fanouts keep the server busy afterwards.
        print(f"== GET /healthz c=64 for {seconds}s", flush=True)
        scenarios.append(run_wrk(base, "GET /healthz", 64, seconds, pid, ["", "", "/healthz"], plain=True))
        print(f"   rss now {scenarios[-1]['rss_now_mb']} MB, peak {scenarios[-1]['rss_mb']} MB", flush=True)
        print(f"== POST /api/tweets/ c=4 for {seconds}s", flush=True)
        scenarios.append(run_wrk(base, "POST /api/tweets/", 4, seconds, pid, [credentials, "POST", "/api/tweets/"]))
        print(f"   rss now {scenarios[-1]['rss_now_mb']} MB, peak {scenarios[-1]['rss_mb']} MB", flush=True)
        # The fanouts still queued when the POSTs stop are counted apart: the jobs left, and the
        # server's CPU and the time until the outbox is empty (the POST row's CPU includes the
        # fanouts that ran during the window).
        drain = {"jobs_left": store.rows("SELECT COUNT(*) FROM outbox")[0][0]}
        ticks, started = cpu_ticks(pid), time.monotonic()
        wait_for_empty_outbox(store)  # the POSTs' fanouts are done before the celebrity's is timed
        drain["seconds"] = round(time.monotonic() - started, 2)
        drain["cpu_ms"] = round((cpu_ticks(pid) - ticks) * 1000 / TICKS, 1)
        scenarios[-1]["fanout_after_window"] = drain
        print(f"   fanouts left when the POSTs stopped: {drain['jobs_left']} jobs, drained in {drain['seconds']} s, "
              f"{drain['cpu_ms']} CPU-ms", flush=True)
        celebrity = {"id": int(users[0][0]), "token": users[0][2]}
        print("== fanout from the celebrity", flush=True)
        fanout = measure_fanout(base, store, celebrity)
        sampler.done.set()
        memory = {"rss_start_mb": rss_start, "rss_end_mb": round(rss_mb(pid), 1), "rss_peak_mb": round(peak_rss_mb(pid), 1),
                  "rss_samples": sampler.samples}
    finally:
        store.close()
        stop_server(server)

    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results = {
        "timestamp": stamp,
        "machine": {"load_average": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count(), "quick": args.quick,
                    "seed_seconds": seed_seconds, "users": len(users)},
        "backends": backends(), "scenarios": scenarios, "fanout": fanout, "memory": memory,
    }
    out_dir = os.path.join(ROOT, "bench", "results")
    os.makedirs(out_dir, exist_ok=True)
    json_path = os.path.join(out_dir, f"{stamp}.json")
    json.dump(results, open(json_path, "w"), indent=2)
    chart(results, os.path.join(out_dir, f"{stamp}.svg"))

    header = f"{'scenario':<34} {'c':>3} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'non-2xx':>8} {'cpu ms/req':>10} {'rss MB':>7} {'peak MB':>7}"
    print("\n" + header + "\n" + "-" * len(header))
    for r in scenarios:
        print(f"{r['name']:<34} {r['concurrency']:>3} {r['rps']:>9.0f} {r['p50_ms']:>8.2f} {r['p99_ms']:>8.2f} "
              f"{r['non_2xx']:>8} {r['cpu_ms_per_req']:>10.3f} {r['rss_now_mb']:>7.1f} {r['rss_mb']:>7.1f}")
    for r in scenarios:
        if "fanout_after_window" in r:
            d = r["fanout_after_window"]
            print(f"{r['name']}: {d['jobs_left']} fanout jobs left after the window, drained in {d['seconds']} s, {d['cpu_ms']} CPU-ms")
    print(f"rss: {memory['rss_start_mb']} MB at start, {memory['rss_end_mb']} MB at the end, peak {memory['rss_peak_mb']} MB")
    print(f"fanout: {fanout['followers']} followers in {fanout['seconds']} s; seeded {len(users)} users in {seed_seconds} s")
    print(f"machine: load average {results['machine']['load_average']}, {results['machine']['cores']} cores; backends {results['backends']}")
    print(f"wrote {json_path} and its .svg chart")
    if fanout["seconds"] is None:
        raise SystemExit("the celebrity's tweet did not reach every follower within the timeout")


if __name__ == "__main__":
    main()
