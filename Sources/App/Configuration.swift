import Foundation
import AMQP
import Friendships
import Newsfeeds
import PostgresStorage
import Memcached
import RESP
import S3
import StarlingCore
import StarlingHTTP

/// Every setting of a Starling process, read once at start-up. A flag overrides the
/// `STARLING_*` environment variable beside it, which overrides the default.
public struct Configuration: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    /// Where the SQLite file and media live; created on first start.
    public var dataDirectory = "./data"
    /// Rate limits on or off as a whole.
    public var rateLimitsEnabled = true
    /// Limits replacing a rule's defaults, by rule name (`STARLING_RATE_LIMIT_TWEET_CREATE=2/s,10/min`).
    public var rateLimitOverrides: [String: [RateLimit]] = [:]
    /// nil: SQLite in the data directory.
    public var databaseURL: String?
    /// The bcrypt cost of new password hashes.
    public var bcryptCost: UInt8 = 10
    /// Jobs a process runs at once.
    public var jobWorkers = 4
    /// Attempts before a failing job is dead (`STARLING_JOB_MAX_ATTEMPTS`).
    public var jobMaxAttempts = 10
    /// How long a claimed job is a worker's before another may claim it (`STARLING_JOB_LEASE_SECONDS`):
    /// longer than any job runs, short enough that a killed worker's jobs do not wait long.
    public var jobLeaseSeconds = 60
    /// The largest image accepted (tweet photo or avatar), in bytes.
    public var maximumImageBytes = 10 << 20
    /// How many ids each cached newsfeed and timeline keeps.
    public var feedCacheCap = 800
    /// The memory the in-process object and feed caches may take (`--memory-cache-mb`).
    public var memoryCache = MemoryCacheBudget()
    /// How newsfeeds are built: push, pull, or push with celebrities pulled and inactive users skipped.
    public var feedModel = FeedModel.hybrid
    /// Followers that make a user a celebrity (cleared below half of it).
    public var celebrityFollowers = FlagCelebrities.defaultThreshold
    /// Days without an authenticated request after which a user gets no fanout (hybrid).
    public var inactiveDays = FeedRules.defaultInactiveDays
    /// How long a read that missed the feed cache waits for another process filling the same list
    /// before it reads the store itself (no flag: tests on a loaded machine lengthen it).
    public var feedFillWaitMilliseconds = 500
    /// nil: caches, counters, rate limits and switches in this process; else the Redis holding them.
    public var redisURL: String?
    /// With Redis: whether recent objects are kept in the process too (`--near-cache`,
    /// `STARLING_NEAR_CACHE`), coherent through Redis's invalidation pushes.
    public var nearCache = true
    /// nil: the object cache (users, sessions, tweets, comments, counts) in this process, or in
    /// Redis when that is set; else the memcached nodes holding it (`host:port,host:port`).
    public var memcachedServers: String?
    /// nil: jobs run in the processes that record them (the in-process queue); else the RabbitMQ
    /// broker (`amqp://user:pass@host:port/vhost`) the relay hands them to, consumed by `starling worker`.
    public var amqpURL: String?
    /// The broker queues' names start with it (`STARLING_AMQP_QUEUE_PREFIX`): `<prefix>.fanout`, `<prefix>.default`.
    public var amqpQueuePrefix = "starling"
    /// Jobs of the fanout queue a `starling worker` runs at once, its prefetch too (`STARLING_FANOUT_WORKERS`,
    /// `--fanout-workers`); nil: `jobWorkers`. `defaultWorkers` is the same for the default queue.
    public var fanoutWorkers: Int?
    public var defaultWorkers: Int?
    /// Tests only (`STARLING_TEST_FANOUT_BATCH_PAUSE_MS`): a fanout batch job pauses this long after
    /// every 10 followers it delivers, so that a test can kill its worker mid-batch.
    public var testFanoutBatchPauseMilliseconds: Int?
    /// nil: media as files in the data directory; else the S3 bucket holding them (`--s3-bucket`).
    public var s3: S3Configuration?
    /// Timeouts and the connection cap of the HTTP server.
    public var connectionLimits = HTTPConnectionLimits()
    /// Where requests are handled (`--request-executor`, `STARLING_REQUEST_EXECUTOR`).
    public var requestExecutor = RequestExecutor.eventLoop
    /// How log lines are written (`--log-format`, `STARLING_LOG_FORMAT`).
    public var logFormat = LogFormat.text
    /// How long a graceful shutdown (SIGTERM, SIGINT) may take to finish the requests and jobs in
    /// flight before they are cancelled (`--shutdown-timeout`, `STARLING_SHUTDOWN_TIMEOUT`).
    public var shutdownGracePeriod = Duration.seconds(30)

    public init() {}

    /// The settings table's names: flag name → environment variable.
    static let names: [(flag: String, environment: String)] = [
        ("host", "STARLING_HOST"), ("port", "STARLING_PORT"), ("data-dir", "STARLING_DATA_DIR"),
        ("rate-limits", "STARLING_RATE_LIMITS"), ("database-url", "STARLING_DATABASE_URL"), ("redis-url", "STARLING_REDIS_URL"),
        ("memcached-servers", "STARLING_MEMCACHED_SERVERS"),
        ("amqp-url", "STARLING_AMQP_URL"),
        ("s3-bucket", "STARLING_S3_BUCKET"), ("s3-endpoint", "STARLING_S3_ENDPOINT"), ("s3-region", "STARLING_S3_REGION"),
        ("bcrypt-cost", "STARLING_BCRYPT_COST"), ("job-workers", "STARLING_JOB_WORKERS"),
        ("fanout-workers", "STARLING_FANOUT_WORKERS"), ("default-workers", "STARLING_DEFAULT_WORKERS"),
        ("job-max-attempts", "STARLING_JOB_MAX_ATTEMPTS"), ("job-lease-seconds", "STARLING_JOB_LEASE_SECONDS"),
        ("max-image-mb", "STARLING_MAX_IMAGE_MB"), ("feed-cache-cap", "STARLING_FEED_CACHE_CAP"),
        ("memory-cache-mb", "STARLING_MEMORY_CACHE_MB"), ("near-cache", "STARLING_NEAR_CACHE"),
        ("feed-model", "STARLING_FEED_MODEL"), ("celebrity-followers", "STARLING_CELEBRITY_FOLLOWERS"),
        ("inactive-days", "STARLING_INACTIVE_DAYS"),
        ("header-timeout", "STARLING_HEADER_TIMEOUT"), ("body-timeout", "STARLING_BODY_TIMEOUT"),
        ("idle-timeout", "STARLING_IDLE_TIMEOUT"), ("max-connections", "STARLING_MAX_CONNECTIONS"),
        ("request-executor", "STARLING_REQUEST_EXECUTOR"),
        ("log-format", "STARLING_LOG_FORMAT"), ("shutdown-timeout", "STARLING_SHUTDOWN_TIMEOUT"),
    ]

    /// Resolves flags (by flag name, without dashes; absent when not given) over the environment
    /// over the defaults. Throws a readable error for a malformed value.
    public static func resolve(flags: [String: String], environment: [String: String]) throws -> Configuration {
        var values: [String: String] = [:]
        for (flag, variable) in names {
            if let value = flags[flag] ?? environment[variable] { values[flag] = value }
        }
        var configuration = Configuration()
        if let host = values["host"] { configuration.host = host }
        if let text = values["port"] {
            guard let port = Int(text), (0...65_535).contains(port) else { throw ConfigurationError("port must be 0–65535, not \(text)") }
            configuration.port = port
        }
        if let directory = values["data-dir"] { configuration.dataDirectory = directory }
        if let text = values["rate-limits"] {
            switch text.lowercased() {
            case "on", "true", "1", "yes": configuration.rateLimitsEnabled = true
            case "off", "false", "0", "no": configuration.rateLimitsEnabled = false
            default: throw ConfigurationError("rate-limits must be on or off, not \(text)")
            }
        }
        if let url = values["database-url"], !url.isEmpty { configuration.databaseURL = url }
        if let url = values["redis-url"], !url.isEmpty {
            do {
                _ = try RedisConfiguration(url: url)
            } catch {
                throw ConfigurationError("redis-url: \(error)")
            }
            configuration.redisURL = url
        }
        if let servers = values["memcached-servers"], !servers.isEmpty {
            do {
                _ = try MemcachedServer.list(servers)
            } catch {
                throw ConfigurationError("memcached-servers: \(error)")
            }
            configuration.memcachedServers = servers
        }
        if let url = values["amqp-url"], !url.isEmpty {
            do {
                _ = try AMQPConfiguration(url: url)
            } catch {
                throw ConfigurationError("amqp-url: \(error.message)")
            }
            configuration.amqpURL = url
        }
        if let prefix = environment["STARLING_AMQP_QUEUE_PREFIX"], !prefix.isEmpty { configuration.amqpQueuePrefix = prefix }
        if let text = values["bcrypt-cost"] {
            guard let cost = UInt8(text), (4...31).contains(cost) else { throw ConfigurationError("bcrypt-cost must be 4–31") }
            configuration.bcryptCost = cost
        }
        if let text = values["job-workers"] {
            guard let workers = Int(text), workers > 0 else { throw ConfigurationError("job-workers must be positive") }
            configuration.jobWorkers = workers
        }
        try resolveQueueWorkers(values, environment: environment, into: &configuration)
        if let text = values["job-max-attempts"] {
            guard let attempts = Int(text), attempts > 0 else { throw ConfigurationError("job-max-attempts must be positive") }
            configuration.jobMaxAttempts = attempts
        }
        if let text = values["job-lease-seconds"] {
            guard let seconds = Int(text), (1...86_400).contains(seconds) else {
                throw ConfigurationError("job-lease-seconds must be 1–86400")
            }
            configuration.jobLeaseSeconds = seconds
        }
        if let text = values["max-image-mb"] {
            guard let megabytes = Int(text), (1...100).contains(megabytes) else { throw ConfigurationError("max-image-mb must be 1–100") }
            configuration.maximumImageBytes = megabytes << 20
        }
        if let text = values["feed-cache-cap"] {
            guard let cap = Int(text), cap >= PageRequest.maximumLimit + 1 else {
                throw ConfigurationError("feed-cache-cap must be an integer above \(PageRequest.maximumLimit)")
            }
            configuration.feedCacheCap = cap
        }
        try resolveMemoryCache(values, into: &configuration)
        try resolveConnectionLimits(values, into: &configuration.connectionLimits)
        if let executor = try resolveRequestExecutor(values) { configuration.requestExecutor = executor }
        try resolveOperations(values, into: &configuration)
        try resolveFeeds(values, into: &configuration)
        configuration.s3 = try resolveS3(values, environment: environment)
        let prefix = "STARLING_RATE_LIMIT_"
        for (variable, spec) in environment where variable.hasPrefix(prefix) {
            let name = variable.dropFirst(prefix.count).lowercased()
            let limits = spec.split(separator: ",").map { RateLimit(String($0).trimmingCharacters(in: .whitespaces)) }
            guard !limits.isEmpty, limits.allSatisfy({ $0 != nil }) else {
                throw ConfigurationError("\(variable) must look like 3/s or 1/s,5/min, not \(spec)")
            }
            configuration.rateLimitOverrides[name] = limits.compactMap { $0 }
        }
        return configuration
    }

    /// Where uploaded media lives: `media` in the data directory.
    public var mediaDirectory: String {
        (dataDirectory as NSString).appendingPathComponent("media")
    }

    /// The relational store: the `--database-url` (`postgres://user:pass@host:port/db`, or
    /// `sqlite:PATH` / `sqlite://PATH` for another SQLite file), else SQLite at `starling.sqlite`
    /// in the data directory.
    public func database() throws -> DatabaseChoice {
        guard let url = databaseURL else { return .sqlite(path: (dataDirectory as NSString).appendingPathComponent("starling.sqlite")) }
        if url.hasPrefix("sqlite://") { return .sqlite(path: String(url.dropFirst("sqlite://".count))) }
        if url.hasPrefix("sqlite:") { return .sqlite(path: String(url.dropFirst("sqlite:".count))) }
        if url.hasPrefix("postgres://") || url.hasPrefix("postgresql://") {
            do {
                return .postgres(try PostgresLocation(url: url))
            } catch let error as PostgresLocationError {
                throw ConfigurationError("database-url: \(error.description)")
            }
        }
        throw ConfigurationError("database-url must be sqlite:PATH or postgres://user:password@host:port/database, not \(url)")
    }
}

/// The relational store a configuration names.
public enum DatabaseChoice: Sendable, Equatable {
    /// The embedded deployment: a SQLite file.
    case sqlite(path: String)
    /// A PostgreSQL server.
    case postgres(PostgresLocation)
}

/// A setting that cannot be used, with what is wrong.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
