import RESP
import StarlingTesting

extension RedisClient {
    /// Runs `body` with a client of the shared test server (patient timeouts: tests share a busy machine).
    static func withTestServer(_ body: (RedisClient) async throws -> Void) async throws {
        var configuration = try RedisConfiguration(url: try TestRedis.url())
        configuration.commandTimeout = .seconds(2)
        configuration.connectTimeout = .seconds(2)
        try await RedisClient.withClient(configuration: configuration, body)
    }
}
