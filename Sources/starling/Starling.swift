import App
import ArgumentParser
import Foundation
import Hummingbird
import Logging
import Seeding

/// The `starling` command: the server and its operations (started by main.swift).
struct StarlingCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "starling",
        abstract: "Starling: a news-feed backend server.",
        subcommands: [Serve.self, Worker.self, Jobs.self, Migrate.self, Seed.self, Admin.self, Counters.self, BenchFanout.self],
        defaultSubcommand: Serve.self)
}

/// The settings every subcommand shares (see the settings table of DESIGN.md).
struct SettingsOptions: ParsableArguments {
    @Option(help: "Address to listen on (STARLING_HOST, default 127.0.0.1).") var host: String?
    @Option(help: "Port to listen on (STARLING_PORT, default 8080).") var port: String?
    @Option(name: .customLong("data-dir"), help: "Data directory (STARLING_DATA_DIR, default ./data).") var dataDir: String?
    @Option(name: .customLong("rate-limits"), help: "on or off (STARLING_RATE_LIMITS, default on).") var rateLimits: String?
    @Option(name: .customLong("database-url"), help: "postgres://user:pass@host:port/db or sqlite:PATH (STARLING_DATABASE_URL, default SQLite in the data dir).")
    var databaseURL: String?
    @Option(name: .customLong("redis-url"), help: "redis://[:pass@]host:port[/db] (STARLING_REDIS_URL, default: caches in this process).")
    var redisURL: String?
    @Option(name: .customLong("memcached-servers"), help: "host:port,host:port (STARLING_MEMCACHED_SERVERS, default: objects cached in this process or Redis).")
    var memcachedServers: String?
    @Option(name: .customLong("amqp-url"), help: "amqp://user:pass@host:port/vhost (STARLING_AMQP_URL, default: jobs run in this process).")
    var amqpURL: String?
    @Option(name: .customLong("s3-bucket"), help: "Keep media in this S3 bucket (STARLING_S3_BUCKET; keys from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY; default: files in the data dir).")
    var s3Bucket: String?
    @Option(name: .customLong("s3-endpoint"), help: "http(s)://host[:port] of an S3-compatible server (STARLING_S3_ENDPOINT, default AWS's for the region).")
    var s3Endpoint: String?
    @Option(name: .customLong("s3-region"), help: "The bucket's region (STARLING_S3_REGION, default us-east-1).") var s3Region: String?
    @OptionGroup var tuning: TuningOptions
    @Option(name: .customLong("feed-model"), help: "push, pull or hybrid (STARLING_FEED_MODEL, default hybrid).") var feedModel: String?
    @Option(name: .customLong("celebrity-followers"), help: "Followers that make a celebrity (STARLING_CELEBRITY_FOLLOWERS, default 10000).")
    var celebrityFollowers: String?
    @Option(name: .customLong("inactive-days"), help: "Days without a request before a user gets no fanout (STARLING_INACTIVE_DAYS, default 30).")
    var inactiveDays: String?

    func resolve() throws -> Configuration {
        var flags: [String: String] = [:]
        flags["host"] = host
        flags["port"] = port
        flags["data-dir"] = dataDir
        flags["rate-limits"] = rateLimits
        flags["database-url"] = databaseURL
        flags["redis-url"] = redisURL
        flags["memcached-servers"] = memcachedServers
        flags["amqp-url"] = amqpURL
        flags["s3-bucket"] = s3Bucket
        flags["s3-endpoint"] = s3Endpoint
        flags["s3-region"] = s3Region
        flags["feed-model"] = feedModel
        flags["celebrity-followers"] = celebrityFollowers
        flags["inactive-days"] = inactiveDays
        flags.merge(tuning.flags) { $1 }
        do {
            let configuration = try Configuration.resolve(flags: flags, environment: ProcessInfo.processInfo.environment)
            LogOutput.bootstrap(configuration.logFormat)  // before any logger is made
            return configuration
        } catch let error as ConfigurationError {
            throw ValidationError(error.description)
        }
    }
}

func makeLogger() -> Logger {
    var logger = Logger(label: "starling")
    logger.logLevel = ProcessInfo.processInfo.environment["STARLING_LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
    return logger
}

/// `starling serve`: runs the API server until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the API server (migrations run at start-up) until SIGTERM or SIGINT (a second one exits at once).",
        discussion: TuningOptions.environmentOnly)
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        let configuration = try settings.resolve()
        let logger = makeLogger()
        let app = try await buildApplication(configuration, logger: logger)
        try await GracefulShutdown.run([app], gracePeriod: configuration.shutdownGracePeriod, logger: logger)
    }
}

/// `starling migrate`: applies pending migrations and exits.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending database migrations.")
    @OptionGroup var settings: SettingsOptions

    func run() async throws {
        try await Database.withRepositories(try settings.resolve(), logger: makeLogger()) { _ in }
        print("database is up to date")
    }
}

/// `starling admin grant|revoke USERNAME`: the admin flag that the user list needs.
/// `starling admin celebrity USERNAME on|off|auto`: pins, clears or hands back a celebrity flag.
struct Admin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Grant or revoke a user's admin rights, or set their celebrity flag.")
    @OptionGroup var settings: SettingsOptions
    @Argument(help: "grant, revoke or celebrity") var action: String
    @Argument(help: "The username.") var username: String
    @Argument(help: "For celebrity: on (pinned), off (cleared; their tweets are backfilled), or auto (the sweep decides).")
    var choice: String?

    func run() async throws {
        if action == "celebrity" { return try await setCelebrity() }
        guard action == "grant" || action == "revoke" else { throw ValidationError("action must be grant, revoke or celebrity") }
        let name = username.lowercased()
        let grant = action == "grant"
        let found = try await Database.withRepositories(try settings.resolve(), logger: makeLogger()) { repositories in
            try await repositories.users.setStaff(username: name, isStaff: grant)
        }
        guard found else { throw ValidationError("no user named \(username)") }
        print("\(username): admin \(action == "grant" ? "granted" : "revoked")")
    }
}

/// `starling counters verify|repair`: recomputes `likes_count` and `comments_count` from the rows.
struct Counters: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the denormalized like and comment counters against their rows (exit 1 on a mismatch).")
    @OptionGroup var settings: SettingsOptions
    @Argument(help: "verify, or repair to also set them right") var action: String
    @Flag(help: "Set wrong counters right (same as the repair action).") var repair = false

    func run() async throws {
        guard action == "verify" || action == "repair" else { throw ValidationError("action must be verify or repair") }
        let repair = repair || action == "repair"
        let report = try await Database.withRepositories(try settings.resolve(), logger: makeLogger()) { repositories in
            try await verifyCounters(repositories, repair: repair)
        }
        print(report.text)
        if !report.mismatches.isEmpty && !report.repaired { throw ExitCode(1) }
    }
}

/// `starling seed`: a deterministic synthetic social graph, loaded in bulk.
struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fill an empty store with a synthetic social graph.")
    @OptionGroup var settings: SettingsOptions
    @Option(help: "Users, celebrities included.") var users = SeedOptions().users
    @Option(name: .customLong("follows-per-user"), help: "Random users each user follows.") var followsPerUser = SeedOptions().followsPerUser
    @Option(help: "Users everybody follows.") var celebrities = SeedOptions().celebrities
    @Option(name: .customLong("tweets-per-user"), help: "Tweets per user over the last 30 days.") var tweetsPerUser = SeedOptions().tweetsPerUser
    @Option(help: "Comments on each user's latest tweet.") var comments = SeedOptions().comments
    @Option(help: "Likes of each user's latest tweet.") var likes = SeedOptions().likes
    @Option(help: "Random seed: the same seed gives the same graph (its ids and times follow the clock).") var seed = SeedOptions().seed
    @Option(help: "Where to write user_id,username,token lines (default: <data-dir>/credentials.csv).") var credentials: String?

    func run() async throws {
        let configuration = try settings.resolve()
        var options = SeedOptions()
        options.users = users
        options.followsPerUser = followsPerUser
        options.celebrities = celebrities
        options.tweetsPerUser = tweetsPerUser
        options.comments = comments
        options.likes = likes
        options.seed = seed
        if let problem = options.problem { throw ValidationError(problem) }
        let path = credentials ?? (configuration.dataDirectory as NSString).appendingPathComponent("credentials.csv")
        let bar = ProgressBar(label: "seed")
        let started = Date()
        let written = try await App.seed(configuration, options: options, credentialsPath: path, logger: makeLogger()) {
            bar.update($0, of: $1)
        }
        print("seeded \(written.count) users in \(String(format: "%.1f", Date().timeIntervalSince(started)))s; credentials in \(path)")
    }
}
