"""`scripts/bench --compare-models`: the lecture's trade-off, measured. Seeds one graph with a
celebrity followed by every user (100,000 by default), then, for push, pull and hybrid in turn,
starts `starling serve --feed-model M` on a copy of it and measures: newsfeed req/s, p50/p99 and
CPU-ms per request; the POST latency of an ordinary user and of the celebrity; newsfeed rows
written per post; and the time until the celebrity's last follower can read the new tweet.
Prints one table and writes bench/results/<stamp>-models.json and .svg."""
import json, os, shutil, sqlite3, statistics, subprocess, tempfile, time, urllib.request

import run as bench

MODELS = ["push", "pull", "hybrid"]


def timed_post(base, token, content):
    started = time.monotonic()
    tweet = bench.http("POST", base + "/api/tweets/", token, {"content": content})
    return tweet, (time.monotonic() - started) * 1000


def feed_contains(base, token, tweet_id):
    try:
        page = bench.http("GET", base + "/api/newsfeeds/?limit=5", token)
    except OSError:
        return False
    return any(item["tweet"]["id"] == tweet_id for item in page["results"])


def rows_for(db, tweet_id):
    return db.execute("SELECT COUNT(*) FROM newsfeeds WHERE tweet_id = ?", (tweet_id,)).fetchone()[0]


def drain(db, timeout=600):
    started = time.monotonic()
    while db.execute("SELECT COUNT(*) FROM outbox WHERE state = 'pending'").fetchone()[0] > 0:
        if time.monotonic() - started > timeout:
            raise SystemExit("the outbox did not drain")
        time.sleep(0.05)


def measure_model(args, model, template, users, seconds):
    work = tempfile.mkdtemp(prefix=f"starling-{model}-")
    data = os.path.join(work, "data")
    shutil.copytree(template, data)
    db_path = os.path.join(data, "starling.sqlite")
    now = int(time.time() * 1e6)
    with sqlite3.connect(db_path) as db:  # every seeded user reads Starling: active
        db.execute("UPDATE users SET last_active_at = ?", (now,))
    env = dict(os.environ, STARLING_LOG_LEVEL="warning", STARLING_FEED_MODEL=model)
    celebrity = {"id": int(users[0][0]), "name": users[0][1], "token": users[0][2]}
    if model == "hybrid":
        subprocess.run([args.binary, "admin", "celebrity", celebrity["name"], "on", "--data-dir", data], check=True, env=env,
                       stdout=subprocess.DEVNULL)
    port = bench.free_port()
    base = f"http://127.0.0.1:{port}"
    log = open(os.path.join(work, "server.log"), "w")
    server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--data-dir", data, "--rate-limits", "off",
                               "--feed-model", model], stdout=log, stderr=subprocess.STDOUT, env=env)
    db = bench.open_sqlite(db_path)
    try:
        for _ in range(400):
            try:
                urllib.request.urlopen(base + "/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise SystemExit("the server did not start; see " + log.name)
        credentials = os.path.join(data, "credentials.csv")
        print(f"== {model}: GET /api/newsfeeds/ c=16 for {seconds}s", flush=True)
        feed = bench.run_wrk(base, "GET /api/newsfeeds/", 16, seconds, server.pid, [credentials, "GET", "/api/newsfeeds/"])
        ordinary, ordinary_rows = [], []
        for n in range(20):
            user = users[1 + (n * 7919) % (len(users) - 1)]
            tweet, ms = timed_post(base, user[2], f"ordinary {n}")
            ordinary.append(ms)
            drain(db)
            ordinary_rows.append(rows_for(db, tweet["id"]))
        followers = db.execute("SELECT COUNT(*) FROM friendships WHERE to_user_id = ?", (celebrity["id"],)).fetchone()[0]
        last = db.execute("SELECT MAX(from_user_id) FROM friendships WHERE to_user_id = ?", (celebrity["id"],)).fetchone()[0]
        last_token = next(u[2] for u in users if int(u[0]) == last)
        print(f"== {model}: the celebrity posts to {followers} followers", flush=True)
        celebrity_ms, delivery, celebrity_rows = [], [], []
        for n in range(3):
            tweet, ms = timed_post(base, celebrity["token"], f"celebrity {n}")
            started = time.monotonic() - ms / 1000
            celebrity_ms.append(ms)
            while not feed_contains(base, last_token, tweet["id"]):
                if time.monotonic() - started > 600:
                    raise SystemExit("the last follower never saw the celebrity's tweet")
                time.sleep(0.01)
            delivery.append(time.monotonic() - started)
            drain(db)
            celebrity_rows.append(rows_for(db, tweet["id"]))
        return {
            "model": model, "followers": followers, "newsfeed": feed,
            "post_ordinary_p50_ms": round(statistics.median(ordinary), 2),
            "post_celebrity_p50_ms": round(statistics.median(celebrity_ms), 2),
            "rows_per_ordinary_post": round(statistics.mean(ordinary_rows), 1),
            "rows_per_celebrity_post": round(statistics.mean(celebrity_rows), 1),
            "last_follower_reads_after_s": round(statistics.median(delivery), 3),
        }
    finally:
        db.close()
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
        shutil.rmtree(work, ignore_errors=True)


def chart(results, path):
    """Four panels of bars, one bar per model."""
    panels = [("newsfeed req/s (c=16)", lambda r: r["newsfeed"]["rps"], "{:,.0f}"),
              ("newsfeed p99 ms", lambda r: r["newsfeed"]["p99_ms"], "{:.1f}"),
              ("celebrity POST ms (p50)", lambda r: r["post_celebrity_p50_ms"], "{:.1f}"),
              ("last follower reads after s", lambda r: r["last_follower_reads_after_s"], "{:.3f}")]
    colors = {"push": "#c0504d", "pull": "#4a7fb5", "hybrid": "#6a9f3f"}
    width, panel_w, height = 1000, 240, 300
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
             f'<text x="10" y="20" font-size="15">Push, pull, hybrid — celebrity of {results["rows"][0]["followers"]:,} followers — '
             f'{results["timestamp"]}, load {results["load_average"][0]}</text>']
    for p, (title, value, fmt) in enumerate(panels):
        x0 = 10 + p * (panel_w + 8)
        parts.append(f'<text x="{x0}" y="48" font-size="13">{title}</text>')
        top = max(value(r) for r in results["rows"]) or 1
        for i, r in enumerate(results["rows"]):
            h = 190 * value(r) / top
            x = x0 + 10 + i * 70
            parts.append(f'<rect x="{x}" y="{250 - h:.1f}" width="50" height="{h:.1f}" fill="{colors[r["model"]]}"/>')
            parts.append(f'<text x="{x}" y="{245 - h:.1f}">{fmt.format(value(r))}</text>')
            parts.append(f'<text x="{x + 5}" y="268">{r["model"]}</text>')
    parts.append("</svg>")
    open(path, "w").write("\n".join(parts))


def main(args):
    seconds = 3 if args.quick else 10
    users_count = args.celebrity_followers + 1
    template = os.path.join(tempfile.mkdtemp(prefix="starling-models-"), "data")
    print(f"== seeding {users_count} users, everyone following the celebrity", flush=True)
    started = time.monotonic()
    subprocess.run([args.binary, "seed", "--data-dir", template, "--users", str(users_count), "--follows-per-user", "10",
                    "--tweets-per-user", "3", "--comments", "0", "--likes", "0"], check=True,
                   env=dict(os.environ, STARLING_LOG_LEVEL="warning"))
    seed_seconds = round(time.monotonic() - started, 1)
    users = [line.split(",") for line in open(os.path.join(template, "credentials.csv")).read().split("\n")[1:] if line]
    rows = [measure_model(args, model, template, users, seconds) for model in MODELS]
    shutil.rmtree(os.path.dirname(template), ignore_errors=True)
    stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    results = {"timestamp": stamp, "load_average": [round(x, 2) for x in os.getloadavg()], "cores": os.cpu_count(),
               "seed_seconds": seed_seconds, "users": len(users), "rows": rows}
    out_dir = os.path.join(bench.ROOT, "bench", "results")
    os.makedirs(out_dir, exist_ok=True)
    json_path = os.path.join(out_dir, f"{stamp}-models.json")
    json.dump(results, open(json_path, "w"), indent=2)
    chart(results, os.path.join(out_dir, f"{stamp}-models.svg"))
    header = (f"{'model':<7} {'feed req/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'cpu ms/req':>10} {'POST ms':>8} {'celeb POST ms':>13} "
              f"{'rows/post':>9} {'celeb rows/post':>15} {'last follower s':>15}")
    print("\n" + header + "\n" + "-" * len(header))
    for r in rows:
        f = r["newsfeed"]
        print(f"{r['model']:<7} {f['rps']:>10.0f} {f['p50_ms']:>7.2f} {f['p99_ms']:>7.2f} {f['cpu_ms_per_req']:>10.3f} "
              f"{r['post_ordinary_p50_ms']:>8.2f} {r['post_celebrity_p50_ms']:>13.2f} {r['rows_per_ordinary_post']:>9.1f} "
              f"{r['rows_per_celebrity_post']:>15.1f} {r['last_follower_reads_after_s']:>15.3f}")
    print(f"celebrity followers: {rows[0]['followers']}; seeded {len(users)} users in {seed_seconds} s; "
          f"load average {results['load_average']}, {results['cores']} cores")
    print(f"wrote {json_path} and its .svg chart")
