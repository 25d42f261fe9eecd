#!/usr/bin/env python3
"""Groups ThreadSanitizer reports by the first frames of Starling or a package on each side, most
frequent first: python3 scripts/sanitize/group-reports.py REPORT... (scripts/sanitize/run calls it)."""
import collections, re, subprocess, sys
def demangle(names):
    out = subprocess.run(["swift-demangle", "--simplified", "--compact"], input="\n".join(names), capture_output=True, text=True).stdout.split("\n")
    return dict(zip(names, out))
reports = []
for path in sys.argv[1:]:
    text = open(path).read()
    for block in text.split("==================\n"):
        if "WARNING: ThreadSanitizer" not in block: continue
        kind = re.search(r"WARNING: ThreadSanitizer: (.*?) \(pid", block).group(1)
        sides = re.split(r"\n  (?=Previous|Location is|Mutex|Thread T)", block)
        stacks = []
        for s in sides[:2]:
            frames = re.findall(r"#\d+ (\S+) (\S+) \(", s)
            stacks.append(frames)
        reports.append((kind, stacks, block))
names = sorted({f for _, st, _ in reports for s in st for f, _ in s})
dm = demangle(names)
def where(stack, n=4):
    own = [(dm.get(f, f)[:110], loc.split("/Sources/", 1)[-1] if "/Sources/" in loc else loc) for f, loc in stack if "/Sources/" in loc or "/checkouts/" in loc]
    return own[:n]
def cls(stacks):
    prev = " ".join(f for f, _ in stacks[1]) if len(stacks) > 1 else ""
    if "SQLiteConnection" in prev and "invoke_and_release_block" in prev: return "continuation-handoff(SQLite queue->task)"
    return "other"
groups = collections.defaultdict(list)
for kind, st, block in reports:
    key = (kind, cls(st), tuple(x[1] for x in where(st[0], 2)), tuple(x[1] for x in where(st[1], 2)) if len(st) > 1 else ())
    groups[key].append((st, block))
for key, items in sorted(groups.items(), key=lambda kv: -len(kv[1])):
    st = items[0][0]
    print(f"### {len(items)}x {key[0]} [{key[1]}]")
    for i, side in enumerate(st[:2]):
        print("  side", i)
        for name, loc in where(side):
            print(f"     {name}  @ {loc}")
