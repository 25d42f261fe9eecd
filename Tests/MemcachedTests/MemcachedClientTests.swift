import Memcached
import NIOCore
import StarlingTestKit
import Testing

/// The client against the two shared test servers (keys under a random prefix).
@Suite(.enabled(if: TestMemcached.isEnabled, "needs STARLING_TEST_MEMCACHED_SERVERS (scripts/test starts two servers)"))
struct MemcachedClientTests {
    let prefix = "mc-\(UInt32.random(in: 0 ... .max)):"

    func withClient(_ body: (MemcachedClient) async throws -> Void) async throws {
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration(), body)
    }

    @Test func aMultiGetReadsKeysFromBothNodesInOneBatchEach() async throws {
        try await withClient { memcached in
            #expect(memcached.servers.count == 2, "scripts/test starts two servers")
            let keys = (0..<200).map { "\(prefix)k\($0)" }
            #expect(Set(keys.map(memcached.node(for:))).count == 2, "the keys land on both nodes")
            try await memcached.set(Dictionary(uniqueKeysWithValues: keys.map { ($0, ByteBuffer(string: "v-\($0)")) }), ttlSeconds: 60)
            let found = try await memcached.get(keys + ["\(prefix)missing"])
            #expect(found.count == 200)
            #expect(keys.allSatisfy { found[$0].map { String(buffer: $0) } == "v-\($0)" })
            for node in memcached.servers.indices {
                let hits = try await memcached.stats(node: node)["get_hits"].flatMap { Int($0) } ?? 0
                #expect(hits > 0, "node \(memcached.servers[node]) served hits")
            }
        }
    }

    @Test func valuesAreBinaryAndKeysAnyString() async throws {
        try await withClient { memcached in
            let odd = [prefix + "with space", prefix + String(repeating: "é", count: 200), prefix + "line\r\nbreak"]
            let binary = ByteBuffer(bytes: [0, 13, 10, 255, 32])
            try await memcached.set(Dictionary(uniqueKeysWithValues: odd.map { ($0, binary) }), ttlSeconds: 60)
            #expect(try await memcached.get(odd) == Dictionary(uniqueKeysWithValues: odd.map { ($0, binary) }))
            try await memcached.delete(odd + [prefix + "never-set"])
            #expect(try await memcached.get(odd).isEmpty)
        }
    }

    @Test func countersCountAndStayCleanWhenTheyLoseADigit() async throws {
        try await withClient { memcached in
            let key = prefix + "n"
            #expect(try await memcached.increment(key, by: 1) == nil, "an absent counter stays absent")
            try await memcached.set([key: ByteBuffer(string: "9")], ttlSeconds: 60)
            #expect(try await memcached.increment(key, by: 1) == 10)
            #expect(try await memcached.increment(key, by: -1) == 9)
            #expect(try await memcached.get([key])[key].map { String(buffer: $0) } == "9", "not the server's padded '9 '")
            try await memcached.set([key: ByteBuffer(string: "text")], ttlSeconds: 60)
            #expect(try await memcached.increment(key, by: 1) == nil, "not a number")
        }
    }

    @Test func aLeaseGoesToOneCallerAndStaleValuesAreMarked() async throws {
        try await withClient { memcached in
            let key = prefix + "hot"
            guard case .won(let cas, nil) = try await memcached.lease(key, leaseSeconds: 5) else {
                Issue.record("the first reader of a missing key wins")
                return
            }
            #expect(try await memcached.lease(key, leaseSeconds: 5) == .pending(stale: nil))
            #expect(try await memcached.get([key]).isEmpty, "the placeholder is no value")
            #expect(try await memcached.fill(key, ByteBuffer(string: "one"), ttlSeconds: 60, cas: cas))
            #expect(try await memcached.lease(key, leaseSeconds: 5) == .hit(ByteBuffer(string: "one")))

            try await memcached.delete([key], invalidate: true)
            guard case .won(let again, let stale) = try await memcached.lease(key, leaseSeconds: 5) else {
                Issue.record("the first reader of an invalidated key wins")
                return
            }
            #expect(stale == ByteBuffer(string: "one"))
            #expect(try await memcached.lease(key, leaseSeconds: 5) == .pending(stale: ByteBuffer(string: "one")))
            #expect(try await memcached.get([key]).isEmpty, "a stale value is no plain hit")
            try await memcached.delete([key])
            #expect(try await !memcached.fill(key, ByteBuffer(string: "late"), ttlSeconds: 60, cas: again),
                    "a value recomputed before a delete is not stored")
        }
    }

    @Test func aReleasedLeaseLetsTheNextCallerWin() async throws {
        try await withClient { memcached in
            let key = prefix + "released"
            guard case .won(let cas, _) = try await memcached.lease(key, leaseSeconds: 5) else {
                Issue.record("the first reader wins")
                return
            }
            try await memcached.release(key, cas: cas)
            guard case .won = try await memcached.lease(key, leaseSeconds: 5) else {
                Issue.record("after a release the next reader wins")
                return
            }
        }
    }
}
