import Foundation
import Memcached

/// The memcached servers integration tests run against, as `scripts/test` provides them:
/// - `STARLING_TEST_MEMCACHED_SERVERS`: two shared throwaway servers (`127.0.0.1:P1,127.0.0.1:P2`);
///   tests sharing them use random key prefixes and never stop or flush them.
/// - `STARLING_TEST_MEMCACHED_CTL`: the command that manages servers (`scripts/services/memcached`);
///   a test that must stop a server runs `$STARLING_TEST_MEMCACHED_CTL start|stop DIR` on private
///   ones in their own directories (each writes its `127.0.0.1:PORT` to `DIR/url`).
///
/// Without them the memcached tests are skipped — except under `CI=true`, where they fail.
public enum TestMemcached {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }
    private static var isCI: Bool { environment["CI"] == "true" }

    /// Whether tests on the shared servers run (on CI they always run, and fail without them).
    public static var isEnabled: Bool { environment["STARLING_TEST_MEMCACHED_SERVERS"] != nil || isCI }

    /// Whether tests on private servers run.
    public static var canStartServers: Bool { environment["STARLING_TEST_MEMCACHED_CTL"] != nil || isCI }

    /// The shared servers, `host:port,host:port`.
    public static func servers() throws -> String {
        guard let servers = environment["STARLING_TEST_MEMCACHED_SERVERS"], !servers.isEmpty else {
            throw TestRedis.Missing(description: "STARLING_TEST_MEMCACHED_SERVERS is not set; run the tests with scripts/test")
        }
        return servers
    }

    /// Client settings for the shared servers in tests about what caches do, not about timeouts:
    /// patient timeouts (see `TestRedis.patience`), and nodes never marked down for long.
    public static func patientConfiguration() throws -> MemcachedConfiguration {
        var configuration = try MemcachedConfiguration(servers: servers())
        configuration.commandTimeout = TestRedis.patience
        configuration.connectTimeout = TestRedis.patience
        configuration.downDuration = .milliseconds(100)
        return configuration
    }

    /// Runs `body` with `count` private servers, each in a new temporary directory, stopped afterwards.
    public static func withPrivateServers<Result>(_ count: Int, _ body: ([TestRedis.PrivateServer]) async throws -> Result) async throws -> Result {
        guard let control = environment["STARLING_TEST_MEMCACHED_CTL"], !control.isEmpty else {
            throw TestRedis.Missing(description: "STARLING_TEST_MEMCACHED_CTL is not set; run the tests with scripts/test")
        }
        let servers = (0..<count).map { _ in TestRedis.PrivateServer(control: control, directory: TemporaryDirectory.make()) }
        do {
            for server in servers { try await server.start() }
            let result = try await body(servers)
            for server in servers { try await server.stop() }
            return result
        } catch {
            for server in servers { try? await server.stop() }
            throw error
        }
    }
}
