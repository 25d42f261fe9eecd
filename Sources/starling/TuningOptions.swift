import ArgumentParser

/// The settings beside `SettingsOptions` that tune a process rather than name its services: each a
/// flag over its `STARLING_*` variable over its default, as the settings table says.
struct TuningOptions: ParsableArguments {
    @Option(name: .customLong("bcrypt-cost"), help: "bcrypt cost of new password hashes, 4–31 (STARLING_BCRYPT_COST, default 10).")
    var bcryptCost: String?
    @Option(name: .customLong("job-workers"), help: "Jobs run at once by this process (STARLING_JOB_WORKERS, default 4).")
    var jobWorkers: String?
    @Option(name: .customLong("job-max-attempts"), help: "Attempts before a failing job is dead (STARLING_JOB_MAX_ATTEMPTS, default 10).")
    var jobMaxAttempts: String?
    @Option(name: .customLong("job-lease-seconds"), help: "Seconds a claimed job stays a worker's, 1–86400 (STARLING_JOB_LEASE_SECONDS, default 60).")
    var jobLeaseSeconds: String?
    @Option(name: .customLong("max-image-mb"), help: "Largest image accepted, in MB, 1–100 (STARLING_MAX_IMAGE_MB, default 10).")
    var maxImageMB: String?
    @Option(name: .customLong("feed-cache-cap"), help: "Ids kept per cached newsfeed or timeline (STARLING_FEED_CACHE_CAP, default 800).")
    var feedCacheCap: String?
    @Option(name: .customLong("memory-cache-mb"),
            help: "Megabytes the in-process caches take at most: two fifths objects, two fifths feeds, a fifth encoded tweets (STARLING_MEMORY_CACHE_MB, default 36).")
    var memoryCacheMB: String?
    @Option(name: .customLong("near-cache"),
            help: "on or off: with Redis, keep recent objects and first feed pages in the process too, in the memory cache's shares, dropped by Redis's invalidation pushes (STARLING_NEAR_CACHE, default on).")
    var nearCache: String?
    @Option(name: .customLong("header-timeout"), help: "Seconds to send a request head (STARLING_HEADER_TIMEOUT, default 10).")
    var headerTimeout: String?
    @Option(name: .customLong("body-timeout"), help: "Seconds to send a request body (STARLING_BODY_TIMEOUT, default 60).")
    var bodyTimeout: String?
    @Option(name: .customLong("idle-timeout"), help: "Seconds an idle kept-alive connection stays open (STARLING_IDLE_TIMEOUT, default 30).")
    var idleTimeout: String?
    @Option(name: .customLong("max-connections"), help: "Connections open at once (STARLING_MAX_CONNECTIONS, default 1000).")
    var maxConnections: String?
    @Option(name: .customLong("request-executor"),
            help: "event-loop (a request is handled on its connection's event loop) or shared-pool (STARLING_REQUEST_EXECUTOR, default event-loop).")
    var requestExecutor: String?
    @Option(name: .customLong("log-format"), help: "text or json, one entry per line (STARLING_LOG_FORMAT, default text).")
    var logFormat: String?
    @Option(name: .customLong("shutdown-timeout"),
            help: "Seconds a graceful shutdown may take to finish requests and jobs in flight (STARLING_SHUTDOWN_TIMEOUT, default 30).")
    var shutdownTimeout: String?

    /// The flags given, by flag name.
    var flags: [String: String] {
        let pairs: [(String, String?)] = [
            ("bcrypt-cost", bcryptCost), ("job-workers", jobWorkers), ("job-max-attempts", jobMaxAttempts),
            ("job-lease-seconds", jobLeaseSeconds), ("max-image-mb", maxImageMB), ("feed-cache-cap", feedCacheCap),
            ("memory-cache-mb", memoryCacheMB), ("near-cache", nearCache),
            ("header-timeout", headerTimeout), ("body-timeout", bodyTimeout), ("idle-timeout", idleTimeout),
            ("max-connections", maxConnections), ("request-executor", requestExecutor), ("log-format", logFormat), ("shutdown-timeout", shutdownTimeout),
        ]
        return Dictionary(pairs.compactMap { name, value in value.map { (name, $0) } }, uniquingKeysWith: { $1 })
    }

    /// Settings read from the environment only, listed in `--help`.
    static let environmentOnly = """
        Environment only: STARLING_LOG_LEVEL (trace…critical, default info); STARLING_AMQP_QUEUE_PREFIX (default \
        starling); STARLING_RATE_LIMIT_<RULE> (e.g. 2/s,10/min: replaces a rate-limit rule's limits); \
        AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_REGION (for --s3-bucket). A flag overrides its variable, \
        which overrides the default.
        """
}
