import NIOCore
import StarlingCore
import Synchronization

/// A key-value cache that counts the round trips made through it, to hold a request to a fixed
/// number of them whatever its page size.
public final class CountingCache: KeyValueCache {
    let base: any KeyValueCache
    let counts = Mutex(0)

    public init(_ base: any KeyValueCache) {
        self.base = base
    }

    /// Round trips since the last `reset`.
    public var roundTrips: Int { counts.withLock { $0 } }

    public func reset() { counts.withLock { $0 = 0 } }

    private func count() { counts.withLock { $0 += 1 } }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        count()
        return try await base.get(keys)
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        count()
        try await base.set(entries, ttlSeconds: ttlSeconds)
    }

    public func delete(_ keys: [String]) async throws {
        count()
        try await base.delete(keys)
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        count()
        return try await base.increment(key, by: delta)
    }
}
