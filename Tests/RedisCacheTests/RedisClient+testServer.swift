import RESP
import StarlingTestKit

extension RedisClient {
    /// Runs `body` with a client of the shared test server (patient timeouts: tests share a busy machine).
    static func withTestServer(_ body: (RedisClient) async throws -> Void) async throws {
        try await RedisClient.withClient(configuration: try TestRedis.patientConfiguration(), body)
    }
}
