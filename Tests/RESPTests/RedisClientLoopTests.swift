import NIOCore
import NIOPosix
@testable import RESP
import StarlingHTTP
import StarlingTestKit
import Testing

/// With requests on the event loops (`EventLoopTaskExecutor`), a caller gets a pooled connection
/// on its own loop: its reply then resumes it without waking another thread.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisClientLoopTests {
    @Test func aCallerOnAnEventLoopGetsAConnectionOnThatLoop() async throws {
        var configuration = try TestRedis.patientConfiguration()
        configuration.poolSize = 4
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        try await RedisClient.withClient(configuration: configuration) { redis in
            // Until every slot is connected, a loop may have none ready yet: wait for both.
            for loop in loops {
                try await waitUntil("a connection on each loop", seconds: 30) {
                    try await withTaskExecutorPreference(EventLoopTaskExecutor.on(loop)) { try await redis.connection().isOnCurrentEventLoop }
                }
            }
            for loop in loops {
                let onLoop = try await withTaskExecutorPreference(EventLoopTaskExecutor.on(loop)) {
                    var all = true
                    for _ in 0..<8 {
                        let connection = try await redis.connection()
                        all = all && connection.isOnCurrentEventLoop
                        _ = try await connection.send(RESPCommand(["PING"]))
                    }
                    return all
                }
                #expect(onLoop, "every turn stays on the caller's loop, not round robin over all")
            }
        }
    }
}
