import Logging
import Memcached
import MemcachedCache
import NIOCore
import StarlingCore
import StarlingTestKit
import Testing

/// The object cache on memcached takes a lease for a single hot object: a thousand concurrent
/// misses in two server processes (two clients, two object caches) read the store once.
@Suite(.enabled(if: TestMemcached.isEnabled, "needs STARLING_TEST_MEMCACHED_SERVERS (scripts/test starts two servers)"))
struct ObjectCacheHerdTests {
    let prefix = "herd-\(UInt32.random(in: 0 ... .max)):"

    @Test func aHotObjectMissedByAThousandCallersInTwoProcessesIsLoadedOnce() async throws {
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { one in
            try await MemcachedClient.withClient(configuration: try TestMemcached.patientConfiguration()) { two in
                let objects = [
                    ObjectCache(cache: MemcachedKeyValueCache(client: one, prefix: prefix, waitMilliseconds: 10_000), logger: logger),
                    ObjectCache(cache: MemcachedKeyValueCache(client: two, prefix: prefix, waitMilliseconds: 10_000), logger: logger),
                ]
                let loads = LoadCounter()
                let load: @Sendable ([Int64]) async throws -> [Int64: HerdValue] = { ids in
                    loads.count.add(1, ordering: .relaxed)
                    try await Task.sleep(for: .milliseconds(100))
                    return Dictionary(uniqueKeysWithValues: ids.map { ($0, HerdValue(text: "object \($0)")) })
                }
                let found = try await withThrowingTaskGroup(of: String?.self) { group in
                    for caller in 0..<1_000 {
                        group.addTask { try await objects[caller % 2].fetch([7], kind: "obj", load: load)[7]?.text }
                    }
                    return try await group.reduce(into: [String?]()) { $0.append($1) }
                }
                #expect(found.count == 1_000 && found.allSatisfy { $0 == "object 7" })
                #expect(loads.count.load(ordering: .relaxed) == 1, "one store load for 1,000 misses in two processes")
                // A change deletes the object, which holds the key against fills from before it:
                // the hold is a stale item, so the next lease read still wins the refill alone.
                await objects[1].invalidate([CacheKeys.numbered("obj", 7)])
                let again = try await withThrowingTaskGroup(of: String?.self) { group in
                    for caller in 0..<1_000 {
                        group.addTask { try await objects[caller % 2].fetch([7], kind: "obj", load: load)[7]?.text }
                    }
                    return try await group.reduce(into: [String?]()) { $0.append($1) }
                }
                #expect(again.count == 1_000 && again.allSatisfy { $0 == "object 7" })
                #expect(loads.count.load(ordering: .relaxed) == 2, "one store load for 1,000 reads of a held key")
                let missing = try await objects[0].fetch([8], kind: "obj") { _ in [Int64: HerdValue]() }
                #expect(missing.isEmpty, "an object the store does not have is absent, not an error")
            }
        }
    }
}

/// A cached object for the herd test.
struct HerdValue: CacheCodable {
    let text: String
    init(text: String) { self.text = text }
    func write(to buffer: inout ByteBuffer) { buffer.writeString(text) }
    init?(from buffer: inout ByteBuffer) {
        guard let text = buffer.readString(length: buffer.readableBytes) else { return nil }
        self.text = text
    }
}
