import App
import Foundation
import Logging
import Seeding
import StarlingCore
import StarlingTesting
import Testing

/// `starling seed` and `starling counters` on each store they can open, as the commands call them.
@Suite(.testDatabases) struct SeedCommandTests {
    @Test(arguments: Backend.durableCases) func seedFillsTheConfiguredStoreOnceAndItsCountersMatch(_ backend: Backend) async throws {
        let configuration = try await backend.configuration()
        var options = SeedOptions()
        options.users = 20
        options.followsPerUser = 5
        options.tweetsPerUser = 3
        options.comments = 2
        options.likes = 2
        let path = (configuration.dataDirectory as NSString).appendingPathComponent("out/credentials.csv")
        var logger = Logger(label: "seed")
        logger.logLevel = .warning

        let credentials = try await seed(configuration, options: options, credentialsPath: path, logger: logger) { _, _ in }
        #expect(credentials.count == 20)
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "user_id,username,token" && lines.count == 21)
        let report = try await Database.withRepositories(configuration, logger: logger) { try await verifyCounters($0, repair: false) }
        #expect(report.mismatches.isEmpty, "\(report.text)")
        await #expect(throws: StarlingError.self, "a store in use is not seeded again") {
            _ = try await seed(configuration, options: options, credentialsPath: path, logger: logger) { _, _ in }
        }
    }
}
