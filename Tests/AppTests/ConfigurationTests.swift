import App
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
        #expect(try fromEnvironment.sqlitePath() == "/tmp/x/starling.sqlite")

        let flagged = try Configuration.resolve(flags: ["port": "7000", "rate-limits": "on", "database-url": "sqlite:/tmp/y.db"],
                                                environment: environment)
        #expect(flagged.port == 7000 && flagged.rateLimitsEnabled)
        #expect(try flagged.sqlitePath() == "/tmp/y.db")
    }

    @Test(arguments: [["STARLING_PORT": "eighty"], ["STARLING_RATE_LIMITS": "maybe"], ["STARLING_RATE_LIMIT_NEWSFEED": "fast"]])
    func malformedSettingsAreRefused(_ environment: [String: String]) {
        #expect(throws: ConfigurationError.self) { try Configuration.resolve(flags: [:], environment: environment) }
    }

    @Test func anUnknownDatabaseURLIsRefused() throws {
        let configuration = try Configuration.resolve(flags: ["database-url": "mysql://x"], environment: [:])
        #expect(throws: ConfigurationError.self) { try configuration.sqlitePath() }
    }
}
