import App
import Logging
import Testing

@Suite struct DatabaseTests {
    /// Bounded attempts, not a hang: the time limit fails a start-up that never gives up.
    @Test(.timeLimit(.minutes(1))) func anUnreachablePostgreSQLIsNamedAtStartUp() async throws {
        // Nothing listens on port 1 of the loopback interface.
        let configuration = try Configuration.resolve(flags: ["database-url": "postgres://starling:secret@127.0.0.1:1/feeds"],
                                                      environment: [:])
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let error = await #expect(throws: DatabaseUnreachableError.self) { _ = try await Database.open(configuration, logger: logger) }
        #expect(error?.description.hasPrefix("PostgreSQL at postgres://starling@127.0.0.1:1/feeds cannot be reached") == true,
                "named without its password")
    }
}
