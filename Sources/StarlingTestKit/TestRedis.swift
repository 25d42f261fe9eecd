import Foundation
import RESP

/// The Redis servers integration tests run against, as `scripts/test` provides them:
/// - `STARLING_TEST_REDIS_URL`: a shared throwaway server (`redis://127.0.0.1:PORT`); tests
///   sharing it use random key prefixes and never stop, block or flush it.
/// - `STARLING_TEST_REDIS_CTL`: the command that manages servers (`scripts/services/redis`);
///   a test that must stop or block a server runs `$STARLING_TEST_REDIS_CTL start|stop DIR` on
///   a private one in its own directory, so tests running in parallel are not disturbed.
///
/// Without them the Redis tests are skipped — except under `CI=true`, where they fail.
public enum TestRedis {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }
    private static var isCI: Bool { environment["CI"] == "true" }

    /// Whether tests on the shared server run (on CI they always run, and fail without it).
    public static var isEnabled: Bool { environment["STARLING_TEST_REDIS_URL"] != nil || isCI }

    /// Whether tests on private servers run.
    public static var canStartServers: Bool { environment["STARLING_TEST_REDIS_CTL"] != nil || isCI }

    /// The shared server's URL (`redis://127.0.0.1:PORT`); with `database`, that database of it.
    public static func url(database: Int? = nil) throws -> String {
        guard let url = environment["STARLING_TEST_REDIS_URL"], !url.isEmpty else {
            throw Missing(description: "STARLING_TEST_REDIS_URL is not set; run the tests with scripts/test")
        }
        return database.map { "\(url)/\($0)" } ?? url
    }

    /// Client settings for the shared server in tests about what caches do (herds, leases), not
    /// about timeouts: fifteen-second command and connect timeouts instead of 250 ms. When every
    /// suite starts at once on two cores, the few task hops of opening a connection can wait
    /// seconds for the cooperative pool (a 2 s bound failed six tests at once).
    public static let patience: Duration = .seconds(15)

    public static func patientConfiguration(database: Int? = nil) throws -> RedisConfiguration {
        var configuration = try RedisConfiguration(url: url(database: database))
        configuration.commandTimeout = patience
        configuration.connectTimeout = patience
        return configuration
    }

    /// Runs `body` with a private server in a new temporary directory, stopped afterwards.
    public static func withPrivateServer<Result>(_ body: (PrivateServer) async throws -> Result) async throws -> Result {
        guard let control = environment["STARLING_TEST_REDIS_CTL"], !control.isEmpty else {
            throw Missing(description: "STARLING_TEST_REDIS_CTL is not set; run the tests with scripts/test")
        }
        let server = PrivateServer(control: control, directory: TemporaryDirectory.make())
        try await server.start()
        do {
            let result = try await body(server)
            try await server.stop()
            return result
        } catch {
            try? await server.stop()
            throw error
        }
    }

    /// A server one test owns: it may stop it and start it again (on the same port). Memcached's
    /// private servers (`TestMemcached`) are run the same way, by their own control script.
    public struct PrivateServer: Sendable {
        private let control: String
        public let directory: URL

        init(control: String, directory: URL) {
            self.control = control
            self.directory = directory
        }

        /// What the control script wrote to `DIR/url` (`redis://127.0.0.1:PORT`; memcached's
        /// `127.0.0.1:PORT`), the same across restarts.
        public var url: String {
            get throws { try String(contentsOf: directory.appendingPathComponent("url"), encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) }
        }

        public func start() async throws { try await run("start") }
        public func stop() async throws { try await run("stop") }

        /// Runs `$STARLING_TEST_REDIS_CTL action DIR` without blocking a thread of the cooperative pool.
        private func run(_ action: String) async throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "\(control) \(action) '\(directory.path)' >/dev/null"]
            let status: Int32 = try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
            guard status == 0 else {
                throw Missing(description: "'\(control) \(action)' failed with status \(status)")
            }
        }
    }

    struct Missing: Error, CustomStringConvertible {
        let description: String
    }
}
