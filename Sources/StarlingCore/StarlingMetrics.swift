import Metrics
import Synchronization

/// Every metric the domain emits, by name, in one place: counters, histograms and gauges through
/// swift-metrics, so no domain depends on a metrics backend (the composition root bootstraps one:
/// Prometheus). Names follow Prometheus conventions (`_total` for counters, `_seconds` for times);
/// label values come from fixed sets (a cache key's kind, a job's name, a rate-limit rule).
///
/// Handles are made per emission (the backend returns the one series for a name and labels), so an
/// emission made before the backend was bootstrapped costs nothing and misses nothing later. The
/// counters of every page (feed and object cache hits and misses) are kept once the backend is
/// bootstrapped (`counter(_:_:_:)`): making one looked it up in the registry each time, some 5,000
/// instructions of a newsfeed page.
public enum StarlingMetrics {
    private struct CounterName: Hashable {
        let label: String
        let dimension: String
        let value: String

        /// The value and the label's length only: the handles are few, and hashing three strings
        /// on every page's lookups cost more than the rare equal hashes that equality then tells apart.
        func hash(into hasher: inout Hasher) {
            hasher.combine(value)
            hasher.combine(label.utf8.count)
        }
    }

    private static let counters = Mutex<[CounterName: Counter]>([:])

    /// The counter `label{dimension="value"}`, kept after its first use once a backend is
    /// bootstrapped (before that, a handle of the no-op backend is made each time and never kept).
    /// Values come from fixed sets, so the kept handles are few.
    static func counter(_ label: String, _ dimension: String, _ value: String) -> Counter {
        let name = CounterName(label: label, dimension: dimension, value: value)
        if let counter = counters.withLock({ $0[name] }) { return counter }
        let counter = Counter(label: label, dimensions: [(dimension, value)])
        if !(MetricsSystem.factory is NOOPMetricsHandler) { counters.withLock { $0[name] = counter } }
        return counter
    }

    // MARK: Feed cache (capped id lists: newsfeeds, timelines)

    /// A page answered from a cached list.
    public static func feedCacheHit(key: String) {
        counter("starling_feed_cache_hits_total", "list", kind(of: key)).increment()
    }

    /// A list that was not cached (its page is read from the store, and the list loaded once).
    public static func feedCacheMiss(key: String) {
        counter("starling_feed_cache_misses_total", "list", kind(of: key)).increment()
    }

    /// A list loaded from the store into the cache.
    public static func feedCacheFill(key: String) {
        Counter(label: "starling_feed_cache_fills_total", dimensions: [("list", kind(of: key))]).increment()
    }

    // MARK: Object cache (users, tweets, sessions, counts)

    /// Objects found in (`hits`) and missing from (`misses`) the object cache in one lookup.
    public static func objectCache(hits: Int, misses: Int, key: String) {
        objectCache(hits: hits, misses: misses, kind: kind(of: key))
    }

    /// An object-cache lookup of objects of `kind` (`tweet`, `user`).
    public static func objectCache(hits: Int, misses: Int, kind: String) {
        if hits > 0 { counter("starling_object_cache_hits_total", "kind", kind).increment(by: hits) }
        if misses > 0 { counter("starling_object_cache_misses_total", "kind", kind).increment(by: misses) }
    }

    // MARK: Jobs

    /// A job recorded in the outbox (counted as its transaction writes it).
    public static func jobEnqueued(_ name: String) {
        Counter(label: "starling_jobs_enqueued_total", dimensions: [("name", name)]).increment()
    }

    /// Jobs recorded in the outbox in one statement.
    public static func jobsEnqueued(_ jobs: [Job]) {
        for job in jobs { jobEnqueued(job.name) }
    }

    /// One attempt at a job ran, for `duration`, and succeeded or `failed`; `dead` when it will not
    /// be tried again.
    public static func jobRan(_ name: String, duration: Duration, failed: Bool, dead: Bool) {
        Counter(label: "starling_jobs_run_total", dimensions: [("name", name)]).increment()
        Timer(label: "starling_job_duration_seconds", dimensions: [("name", name)]).record(duration: duration)
        if failed { Counter(label: "starling_jobs_failed_total", dimensions: [("name", name)]).increment() }
        if dead { Counter(label: "starling_jobs_dead_total", dimensions: [("name", name)]).increment() }
    }

    // MARK: Fanout

    /// A fanout wrote its last follower row: the time since the tweet was created (a tweet's id is
    /// its creation time in microseconds, `IDGenerator`). For a fanout shared out in batches, each
    /// batch reports when its rows are written; the last batch's is the fanout's lag.
    public static func fanoutDelivered(tweetID: Int64, now: Int64 = SystemWallClock().nowMicros()) {
        let (micros, overflow) = now.subtractingReportingOverflow(tweetID)
        guard !overflow else { return }
        Timer(label: "starling_fanout_lag_seconds", dimensions: []).record(duration: .microseconds(max(0, micros)))
    }

    // MARK: Store

    /// A call to the relational store waited `waited` for a connection of its pool (`store`:
    /// sqlite or postgres).
    public static func storePoolWait(store: String, waited: Duration) {
        Counter(label: "starling_store_pool_waits_total", dimensions: [("store", store)]).increment()
        Timer(label: "starling_store_pool_wait_seconds", dimensions: [("store", store)]).record(duration: waited)
    }

    /// A call to the relational store got a pooled connection: counted as a wait when that took
    /// `threshold` or longer since `started` (when the call asked for it).
    public static func storeConnectionAcquired(store: String, since started: ContinuousClock.Instant,
                                               threshold: Duration = .milliseconds(1)) {
        let waited = ContinuousClock.now - started
        if waited >= threshold { storePoolWait(store: store, waited: waited) }
    }

    // MARK: Rate limits

    /// A request refused by the rate-limit rule `rule`.
    public static func rateLimited(rule: String) {
        Counter(label: "starling_rate_limited_total", dimensions: [("rule", rule)]).increment()
    }

    // MARK: -

    /// A cache key's kind: the part before its first colon (`newsfeed:12` → `newsfeed`), so a
    /// label takes one of the few values `CacheKeys` makes.
    static func kind(of key: String) -> String {
        // Over the UTF-8 bytes: ASCII letters and "_" only (by Character, this was some 1,000
        // instructions a key, and a page reads tens of keys).
        let utf8 = key.utf8
        guard let colon = utf8.firstIndex(of: UInt8(ascii: ":")) else { return "other" }
        let kind = utf8[..<colon]
        guard !kind.isEmpty, kind.count <= 32,
              kind.allSatisfy({ (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0 | 0x20) || $0 == UInt8(ascii: "_") })
        else { return "other" }
        return String(Substring(kind))
    }
}
