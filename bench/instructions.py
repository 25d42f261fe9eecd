#!/usr/bin/env python3
"""Instructions per request: a fixed sequence of requests replayed one at a time against a release
`starling serve` running under callgrind, with the counters dumped between phases. Unlike req/s, the
figures repeat run to run (to a fraction of a percent), so an optimisation shows its effect even on a
loaded machine. Called by `scripts/bench --instructions`.

Phases, in order (each on a seeded store, the caches warmed by the phase before it):
  warm-up          every user's first newsfeed page, each tweet detail and timeline once (not reported)
  healthz          2,000 GET /healthz: the framework's floor, which the other phases are set against
  newsfeed         2,000 first pages of /api/newsfeeds/, cycling through the users
  tweet list       500 /api/tweets/?user_id=
  tweet detail     500 /api/tweets/{id}/
  post             200 POST /api/tweets/, answered; the fanout jobs that ran meanwhile included
  fanout           the rest of those posts' fanout, until the outbox is empty
  idle             two seconds with no request: the timers' share, for scale
"""
import http.client, json, os, re, subprocess, sys, tempfile, time, urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import Store, backends, free_port  # noqa: E402


class Client:
    """One keep-alive connection; requests one at a time, so the count does not depend on scheduling."""

    def __init__(self, port):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def call(self, method, path, token, body=None):
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        payload = response.read()
        if response.status >= 300:
            raise SystemExit(f"{method} {path} answered {response.status}: {payload[:300]!r}")
        return payload


def dump(pid, work, label):
    """Dumps callgrind's counters since the last dump and returns the instructions in that interval."""
    before = set(os.listdir(work))
    subprocess.run(["callgrind_control", "--dump=" + label, str(pid)], check=True, capture_output=True, timeout=300)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        new = [name for name in set(os.listdir(work)) - before if name.startswith("callgrind.out")]
        for name in new:
            text = open(os.path.join(work, name)).read()
            match = re.search(r"^(?:summary|totals): (\d+)", text, re.M)
            if match:
                return int(match.group(1))
        time.sleep(0.1)
    raise SystemExit(f"callgrind wrote no dump for {label}")


def main(args):
    work = tempfile.mkdtemp(prefix="starling-instructions-")
    # Valgrind 3.19 cannot read the DWARF 5 that Swift writes: a copy without debug information
    # (symbols kept) runs under it, and counts the same instructions.
    binary = os.path.join(work, "starling")
    subprocess.run(["objcopy", "--strip-debug", args.binary, binary], check=True)
    data = os.path.join(work, "data")
    env = dict(os.environ, STARLING_LOG_LEVEL="warning")
    print(f"== seeding {data}", flush=True)
    subprocess.run([binary, "seed", "--data-dir", data, "--users", str(args.users), "--follows-per-user", "50"],
                   check=True, env=env, stdout=subprocess.DEVNULL)
    users = [line.split(",") for line in open(os.path.join(data, "credentials.csv")).read().split("\n")[1:] if line]
    store = Store(data)
    tweet_ids = [row[0] for row in store.rows("SELECT id FROM tweets ORDER BY id DESC LIMIT 500")]
    port = free_port()
    log = open(os.path.join(work, "server.log"), "w")
    callgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={work}/callgrind.out.%p", "--dump-line=no",
                 "--compress-strings=no", "--compress-pos=no"]
    server = subprocess.Popen(callgrind + [binary, "serve", "--port", str(port), "--data-dir", data, "--rate-limits", "off"],
                              stdout=log, stderr=subprocess.STDOUT, env=env, cwd=work)
    phases = []
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start under valgrind; see " + log.name)
                time.sleep(0.5)
        client = Client(port)
        print("== warm-up", flush=True)
        for user_id, _, token in users:
            client.call("GET", "/api/newsfeeds/", token)
            client.call("GET", f"/api/tweets/?user_id={user_id}", token)
        for tweet_id in tweet_ids:
            client.call("GET", f"/api/tweets/{tweet_id}/", users[0][2])
        dump(server.pid, work, "warm-up")

        def phase(name, count, request):
            print(f"== {name}: {count} requests", flush=True)
            for i in range(count):
                request(i)
            phases.append((name, count, dump(server.pid, work, name.replace(" ", "-"))))

        phase("healthz", args.newsfeeds, lambda i: client.call("GET", "/healthz", None))
        phase("newsfeed", args.newsfeeds, lambda i: client.call("GET", "/api/newsfeeds/", users[i % len(users)][2]))
        phase("tweet list", args.details, lambda i: client.call("GET", f"/api/tweets/?user_id={users[i % len(users)][0]}", users[(i + 1) % len(users)][2]))
        phase("tweet detail", args.details, lambda i: client.call("GET", f"/api/tweets/{tweet_ids[i % len(tweet_ids)]}/", users[i % len(users)][2]))
        phase("post", args.posts, lambda i: client.call("POST", "/api/tweets/", users[(i * 7) % len(users)][2], {"content": f"instructions {i}"}))
        started = time.monotonic()
        while store.rows("SELECT COUNT(*) FROM outbox")[0][0] > 0:
            if time.monotonic() - started > 600:
                raise SystemExit("the outbox did not drain")
            time.sleep(0.2)
        phases.append(("fanout (of those posts)", args.posts, dump(server.pid, work, "fanout")))
        time.sleep(2)
        phases.append(("idle 2 s (per second)", 2, dump(server.pid, work, "idle")))
    finally:
        store.close()
        server.terminate()
        try:
            server.wait(timeout=120)
        except subprocess.TimeoutExpired:
            server.kill()

    floor = phases[0][2] / phases[0][1]  # /healthz per request
    header = f"{'phase':<26} {'requests':>8} {'instructions':>15} {'per request':>12} {'x healthz':>9}"
    print("\n" + header + "\n" + "-" * len(header))
    for name, count, total in phases:
        print(f"{name:<26} {count:>8} {total:>15,} {total // count:>12,} {total / count / floor:>9.2f}")
    ran_on = backends()
    print(f"{len(users)} seeded users, 50 follows each; release binary {binary}; backends {ran_on}")
    results = {name: {"requests": count, "instructions": total, "per_request": total // count} for name, count, total in phases}
    results["backends"] = ran_on
    out_dir = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, time.strftime("%Y%m%dT%H%M%SZ", time.gmtime()) + "-instructions.json")
    json.dump(results, open(path, "w"), indent=2)
    print(f"wrote {path}")
