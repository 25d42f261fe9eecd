@testable import Memcached
import NIOCore
import NIOPosix
import StarlingHTTP
import StarlingTestKit
import Testing

/// With requests on the event loops (`EventLoopTaskExecutor`), a caller gets a node's connection
/// on its own loop: its answer then resumes it without waking another thread.
@Suite(.enabled(if: TestMemcached.isEnabled, "needs STARLING_TEST_MEMCACHED_SERVERS (scripts/test starts two servers)"))
struct MemcachedNodeLoopTests {
    @Test func aCallerOnAnEventLoopGetsAConnectionOnThatLoop() async throws {
        var configuration = try TestMemcached.patientConfiguration()
        configuration.connectionsPerNode = 4
        let loops = Array(MultiThreadedEventLoopGroup.singleton.makeIterator())
        try await MemcachedClient.withClient(configuration: configuration) { memcached in
            let node = memcached.nodes[0]
            for loop in loops {
                try await waitUntil("a connection on each loop", seconds: 30) {
                    try await withTaskExecutorPreference(EventLoopTaskExecutor.on(loop)) { try await node.connection().isOnCurrentEventLoop }
                }
            }
            for loop in loops {
                let onLoop = try await withTaskExecutorPreference(EventLoopTaskExecutor.on(loop)) {
                    var all = true
                    for _ in 0..<8 {
                        let connection = try await node.connection()
                        all = all && connection.isOnCurrentEventLoop
                        _ = try await connection.execute([.get("loop-test-absent-key")])
                    }
                    return all
                }
                #expect(onLoop, "every turn stays on the caller's loop, not round robin over all")
            }
        }
    }
}
