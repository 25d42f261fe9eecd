import Memcached
import NIOCore
import StarlingCore

/// The `KeyValueCache` on memcached: keys under a prefix (hashed when unsafe or too long), spread
/// over the client's nodes; a node that is down reads as misses. Values with a time to live;
/// counters with `ma`. `getOrLoad` adds leases against thundering herds.
public struct MemcachedKeyValueCache: KeyValueCache {
    let client: MemcachedClient
    let prefix: String
    let flights = SingleFlight<ByteBuffer>()
    /// How long a lease placeholder lives when its winner never fills it.
    let leaseSeconds: Int
    /// How long a caller that lost the lease waits for the winner's value before loading itself.
    let waitMilliseconds: Int

    public init(client: MemcachedClient, prefix: String = "", leaseSeconds: Int = 5, waitMilliseconds: Int = 1_000) {
        self.client = client
        self.prefix = prefix
        self.leaseSeconds = leaseSeconds
        self.waitMilliseconds = waitMilliseconds
    }

    public func get(_ keys: [String]) async throws -> [String: ByteBuffer] {
        guard !keys.isEmpty else { return [:] }
        let found = try await client.get(keys.map { prefix + $0 })
        var values: [String: ByteBuffer] = [:]
        for key in keys {
            if let value = found[prefix + key] { values[key] = value }
        }
        return values
    }

    public func set(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        guard !entries.isEmpty else { return }
        try await client.set(Dictionary(entries.map { (prefix + $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }),
                             ttlSeconds: max(1, ttlSeconds))
    }

    /// Only the entries whose key holds no item: not over a value, nor over a hold.
    public func add(_ entries: [String: ByteBuffer], ttlSeconds: Int) async throws {
        guard !entries.isEmpty else { return }
        try await client.set(Dictionary(entries.map { (prefix + $0.key, $0.value) }, uniquingKeysWith: { first, _ in first }),
                             ttlSeconds: max(1, ttlSeconds), mode: .add)
    }

    /// The hold is a stale empty item (`MemcachedClient.hold`): a lease read that comes after it
    /// still wins the right to fill the key, so a hot key keeps its protection against a herd.
    public func delete(_ keys: [String]) async throws {
        try await client.hold(keys.map { prefix + $0 }, seconds: CacheKeys.holdSeconds)
    }

    public func increment(_ key: String, by delta: Int) async throws -> Int? {
        try await client.increment(prefix + key, by: delta)
    }

    /// Marks keys stale instead of removing them: the next `getOrLoad` of each wins the right to
    /// recompute it, and (with `servesStale`) others get the stale value meanwhile.
    public func invalidate(_ keys: [String]) async throws {
        try await client.delete(keys.map { prefix + $0 }, invalidate: true)
    }
}
