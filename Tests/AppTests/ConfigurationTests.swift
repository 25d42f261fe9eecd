@testable import App
import PostgresStorage
import StarlingCore
import HTTPTypes
import Testing

@Suite struct ConfigurationTests {
    @Test func flagsOverrideTheEnvironmentWhichOverridesDefaults() throws {
        let defaults = try Configuration.resolve(flags: [:], environment: [:])
        #expect(defaults.host == "127.0.0.1" && defaults.port == 8080 && defaults.dataDirectory == "./data")
        #expect(defaults.rateLimitsEnabled && defaults.databaseURL == nil)

        let environment = ["STARLING_PORT": "9000", "STARLING_HOST": "0.0.0.0", "STARLING_RATE_LIMITS": "off",
                           "STARLING_DATA_DIR": "/tmp/x", "STARLING_RATE_LIMIT_TWEET_CREATE": "2/s, 10/min"]
        let fromEnvironment = try Configuration.resolve(flags: [:], environment: environment)
        #expect(fromEnvironment.port == 9000 && fromEnvironment.host == "0.0.0.0" && !fromEnvironment.rateLimitsEnabled)
        #expect(fromEnvironment.rateLimitOverrides["tweet_create"] == [RateLimit(count: 2, seconds: 1), RateLimit(count: 10, seconds: 60)])
        #expect(try fromEnvironment.database() == .sqlite(path: "/tmp/x/starling.sqlite"))

        let flagged = try Configuration.resolve(flags: ["port": "7000", "rate-limits": "on", "database-url": "sqlite:/tmp/y.db"],
                                                environment: environment)
        #expect(flagged.port == 7000 && flagged.rateLimitsEnabled)
        #expect(try flagged.database() == .sqlite(path: "/tmp/y.db"))
    }

    @Test func requestsAreHandledOnTheEventLoopsUnlessSetOtherwise() throws {
        #expect(try Configuration.resolve(flags: [:], environment: [:]).requestExecutor == .eventLoop)
        let pool = try Configuration.resolve(flags: [:], environment: ["STARLING_REQUEST_EXECUTOR": "shared-pool"])
        #expect(pool.requestExecutor == .sharedPool)
        let flag = try Configuration.resolve(flags: ["request-executor": "event-loop"], environment: ["STARLING_REQUEST_EXECUTOR": "shared-pool"])
        #expect(flag.requestExecutor == .eventLoop)
    }

    @Test func theNearCachesAreOnUnlessTurnedOffAndTakeTheMemoryCachesShares() throws {
        let defaults = try Configuration.resolve(flags: [:], environment: ["STARLING_MEMORY_CACHE_MB": "10"])
        #expect(defaults.nearCache)
        #expect(defaults.nearCacheBudget.objectBytes == defaults.memoryCache.objectBytes)
        #expect(defaults.nearCacheBudget.feedBytes == defaults.memoryCache.feedBytes)
        #expect(try !Configuration.resolve(flags: ["near-cache": "off"], environment: ["STARLING_NEAR_CACHE": "on"]).nearCache)
        let memcached = try Configuration.resolve(flags: [:], environment: ["STARLING_MEMCACHED_SERVERS": "127.0.0.1:11211"])
        #expect(memcached.nearCacheBudget.objectBytes == 0, "memcached sends no invalidations")
    }

    @Test(arguments: [["STARLING_PORT": "eighty"], ["STARLING_RATE_LIMITS": "maybe"], ["STARLING_RATE_LIMIT_NEWSFEED": "fast"],
                      ["STARLING_REQUEST_EXECUTOR": "threads"], ["STARLING_NEAR_CACHE": "sometimes"]])
    func malformedSettingsAreRefused(_ environment: [String: String]) {
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: [:], environment: environment) }
    }

    @Test(arguments: ["mysql://x", "postgres://", "postgres://starling@db.example", "postgres://db.example/starling",
                      "postgres://starling@db.example/starling?sslmode=sometimes"])
    func anUnusableDatabaseURLIsRefused(_ url: String) throws {
        let configuration = try Configuration.resolve(flags: ["database-url": url], environment: [:])
        #expect(throws: ConfigurationError.self) { try configuration.database() }
    }

    @Test func aPostgresURLNamesTheServerAndDatabase() throws {
        let environment = ["STARLING_DATABASE_URL": "postgres://app:s%40cret@db.example:6543/feeds?sslmode=require"]
        let configuration = try Configuration.resolve(flags: [:], environment: environment)
        let location = try PostgresLocation(url: "postgres://app:s%40cret@db.example:6543/feeds?sslmode=require")
        #expect(try configuration.database() == .postgres(location))
        #expect(location.host == "db.example" && location.port == 6543 && location.database == "feeds")
        #expect(location.username == "app" && location.password == "s@cret" && location.sslMode == .require)
        #expect(location.description == "postgres://app@db.example:6543/feeds", "no password in logs")
        let defaults = try PostgresLocation(url: "postgresql://app@localhost/feeds")
        #expect(defaults.port == 5432 && defaults.password == nil && defaults.sslMode == .disable)
    }
}
