import NIOCore
import StarlingCore
import Synchronization

/// A key-value cache for tests about what goes through the cache: it counts the round trips made
/// through it (to hold a request to a fixed number of them), and it can be taken down and brought
/// back — while down every call throws, as an unreachable Redis does, and its contents survive, as
/// a partitioned (not restarted) Redis's do.
public final class InstrumentedCache: KeyValueCache {
    let base: any KeyValueCache
    let calls = Atomic(0)
    let down = Atomic(false)

    public init(_ base: any KeyValueCache) {
        self.base = base
    }

    /// Round trips since the last `reset`, failed ones included.
    public var roundTrips: Int { calls.load(ordering: .relaxed) }

    public func reset() { calls.store(0, ordering: .relaxed) }

    public var isDown: Bool {
        get { down.load(ordering: .relaxed) }
        set { down.store(newValue, ordering: .relaxed) }
    }

    private func call() throws {
        calls.add(1, ordering: .relaxed)
        if isDown { throw FailingCache.Down() }
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        try call()
        return try await base.get(keys)
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        try call()
        try await base.set(entries, ttlSeconds: ttlSeconds)
    }

    public func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        try call()
        try await base.add(entries, ttlSeconds: ttlSeconds)
    }

    public func delete(_ keys: [String]) async throws {
        try call()
        try await base.delete(keys)
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        try call()
        return try await base.increment(key, by: delta)
    }
}
