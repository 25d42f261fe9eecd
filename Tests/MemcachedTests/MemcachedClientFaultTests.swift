import Foundation
import Memcached
import NIOCore
import StarlingTestKit
import Testing

/// The client when a node stops, stalls or comes back: each test owns private servers, so
/// stopping one disturbs no other test.
@Suite(.enabled(if: TestMemcached.canStartServers, "needs STARLING_TEST_MEMCACHED_CTL (scripts/test sets it)"))
struct MemcachedClientFaultTests {
    @Test func aDeadNodesKeysAreMissesUntilItIsBack() async throws {
        try await TestMemcached.withPrivateServers(2) { servers in
            var configuration = try MemcachedConfiguration(servers: try servers.map { try $0.url }.joined(separator: ","))
            configuration.downDuration = .milliseconds(500)
            // A stopped node refuses at once; patience keeps the live one from timing out on a busy machine.
            configuration.commandTimeout = TestRedis.patience
            configuration.connectTimeout = TestRedis.patience
            try await MemcachedClient.withClient(configuration: configuration) { memcached in
                let keys = (0..<100).map { "k\($0)" }
                let entries = Dictionary(uniqueKeysWithValues: keys.map { ($0, ByteBuffer(string: $0)) })
                try await eventually { try await memcached.set(entries, ttlSeconds: 60) }
                #expect(try await memcached.get(keys).count == 100)

                try await servers[1].stop()
                let onLive = keys.filter { memcached.node(for: $0) == 0 }
                let start = ContinuousClock.now
                for _ in 0..<20 {
                    #expect(try await memcached.get(keys).keys.sorted() == onLive.sorted(), "the dead node's keys are misses, not errors")
                }
                #expect(ContinuousClock.now - start < .seconds(5), "misses are cheap while the node is marked down")
                #expect(memcached.isMarkedDown(node: 1))
                await #expect(throws: MemcachedError.self, "a write to a dead node says so") {
                    try await memcached.delete(keys.filter { memcached.node(for: $0) == 1 })
                }

                try await servers[1].start()
                try await eventually { try await memcached.set(entries, ttlSeconds: 60) }
                #expect(try await memcached.get(keys).count == 100, "the restarted node is used again")
            }
        }
    }

    @Test func aStalledNodeTimesOutAndIsMarkedDown() async throws {
        try await TestMemcached.withPrivateServers(1) { servers in
            var configuration = try MemcachedConfiguration(servers: try servers[0].url)
            configuration.commandTimeout = .milliseconds(200)
            configuration.downDuration = .seconds(1)
            try await MemcachedClient.withClient(configuration: configuration) { memcached in
                try await eventually { try await memcached.set(["k": ByteBuffer(string: "v")], ttlSeconds: 60) }
                let pid = try String(contentsOf: servers[0].directory.appendingPathComponent("memcached.pid"), encoding: .utf8)
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                try signal("STOP", pid)
                defer { try? signal("CONT", pid) }
                let start = ContinuousClock.now
                let error = await #expect(throws: MemcachedError.self) { try await memcached.set(["k": ByteBuffer(string: "w")], ttlSeconds: 60) }
                #expect(error?.code == .timeout)
                #expect(ContinuousClock.now - start < .seconds(2), "the 200 ms timeout, not a hang")
                #expect(try await memcached.get(["k"]).isEmpty, "marked down: a miss at once")
                try signal("CONT", pid)
                try await eventually { guard try await memcached.get(["k"]).count == 1 else { throw NotYet() } }
            }
        }
    }

    /// Sends a signal directly (no child process, so no thread of the cooperative pool blocks
    /// waiting for one: under the whole suite that starved the pool and hung the test).
    private func signal(_ name: String, _ pid: String) throws {
        guard let id = pid_t(pid) else { throw NotYet() }
        guard kill(id, name == "STOP" ? SIGSTOP : SIGCONT) == 0 else { throw NotYet() }
    }
}

/// What `eventually`'s body throws while the condition does not hold yet.
struct NotYet: Error {}

/// Retries `body` until it stops throwing (a server restarting, a node marked down for a while).
func eventually(within limit: Duration = .seconds(15), _ body: () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + limit
    while true {
        do {
            return try await body()
        } catch {
            if ContinuousClock.now > deadline { throw error }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
