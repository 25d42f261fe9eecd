import Logging
import NIOCore
import Synchronization

/// Read-through caching of objects by id over the `KeyValueCache`: one multi-get for a whole
/// page, the store only for the misses, and every cache failure falls back to the store.
///
/// An invalidation that cannot reach the cache is not dropped: its keys are remembered as
/// pending — read from the store and never filled while pending — and handed to `retry`, which
/// records a `ForgetCachedObjectsJob` that is retried until the cache has forgotten them. So an
/// entry cached before an outage cannot be served once the cache is back.
public struct ObjectCache: Sendable {
    /// The cache underneath.
    public let cache: any KeyValueCache
    /// The cache, when it leases (cast once: a cast on every fetch cost a page some 2,000 instructions).
    @usableFromInline let leasing: (any LeasingKeyValueCache)?
    @usableFromInline let logger: Logger
    @usableFromInline let ttlSeconds: Int
    @usableFromInline let pendingKeys = PendingKeys()
    let retry: @Sendable ([String]) async -> Void

    /// - Parameter retry: records that these keys must still be deleted from the cache (the
    ///   composition root records a durable job); by default, nothing beyond this process.
    public init(cache: any KeyValueCache, logger: Logger, ttlSeconds: Int = CacheKeys.objectTTLSeconds,
                retry: @escaping @Sendable ([String]) async -> Void = { _ in }) {
        self.cache = cache
        self.leasing = cache as? any LeasingKeyValueCache
        self.logger = logger
        self.ttlSeconds = ttlSeconds
        self.retry = retry
    }

    /// The objects with these ids: cached ones from the cache, the rest from `load` (then cached).
    /// Inlinable so that each caller's module specializes it for its type: unspecialized, its
    /// dictionaries of `Value` looked up generic metadata at run time on every page (some 3% of
    /// a newsfeed page's instructions).
    ///
    /// `kind` names the objects' keys, `CacheKeys.numbered(kind, id)`; an in-process cache reads
    /// them without making the strings.
    @inlinable
    public func fetch<Value: CacheCodable>(
        _ ids: [Int64], kind: String, load: @escaping @Sendable ([Int64]) async throws -> [Int64: Value]
    ) async throws -> [Int64: Value] {
        guard !ids.isEmpty else { return [:] }
        let key = { (id: Int64) in CacheKeys.numbered(kind, id) }
        if ids.count == 1, let leasing, pendingKeys.filter([key(ids[0])]).isEmpty {
            return try await fetchOne(ids[0], key: key(ids[0]), from: leasing, load: load)
        }
        // Positional from here on: the i-th key is the i-th id's, so no string is hashed to map
        // a cached value back to its id.
        var seen = Set<Int64>(minimumCapacity: ids.count)
        let unique = ids.filter { seen.insert($0).inserted }
        // The key strings are made only when some invalidation is pending, or for the misses.
        let stale = pendingKeys.isEmpty ? [] : pendingKeys.filter(unique.map(key))
        var found: [Int64: Value] = [:]
        found.reserveCapacity(unique.count)
        var missing: [Int64] = []
        do {
            let values = try await cache.values(kind: kind, ids: unique)
            for (id, value) in zip(unique, values) {
                guard var bytes = value, stale.isEmpty || !stale.contains(key(id)),
                      let decoded = Value(from: &bytes) else {
                    missing.append(id)
                    continue
                }
                found[id] = decoded
            }
        } catch {
            logger.debug("object cache unavailable", metadata: ["error": "\(error)"])
            return try await load(ids)
        }
        StarlingMetrics.objectCache(hits: found.count, misses: missing.count, kind: kind)
        guard !missing.isEmpty else { return found }
        let loaded = try await load(missing)
        var entries: [String: ByteBuffer] = [:]
        for (id, value) in loaded {
            found[id] = value
            guard !stale.contains(key(id)) else { continue }
            var bytes = ByteBuffer()
            value.write(to: &bytes)
            entries[key(id)] = bytes
        }
        if !entries.isEmpty {
            // `add`: an object changed since `load` read it was deleted (and held) by the change,
            // so this copy is not stored over that.
            do { try await cache.add(entries, ttlSeconds: ttlSeconds) } catch { logger.debug("object cache fill failed", metadata: ["error": "\(error)"]) }
        }
        return found
    }

    /// One object through a leasing cache: a hot object that expired or was invalidated is loaded
    /// once across every process, the others waiting for that value (not a stale one).
    @usableFromInline
    func fetchOne<Value: CacheCodable>(
        _ id: Int64, key: String, from cache: any LeasingKeyValueCache,
        load: @escaping @Sendable ([Int64]) async throws -> [Int64: Value]
    ) async throws -> [Int64: Value] {
        // Only the lease winner's closure runs; it keeps the object it loaded, so it is not decoded again.
        let loaded = LoadedOnce<Value>()
        let bytes: ByteBuffer
        do {
            bytes = try await cache.getOrLoad(key, ttlSeconds: ttlSeconds, servesStale: false) {
                guard let value = try await load([id])[id] else { throw NotStored() }
                loaded.set(value)
                var buffer = ByteBuffer()
                value.write(to: &buffer)
                return buffer
            }
        } catch is NotStored {
            return [:]
        }
        StarlingMetrics.objectCache(hits: loaded.value == nil ? 1 : 0, misses: loaded.value == nil ? 0 : 1, key: key)
        if let value = loaded.value { return [id: value] }
        var copy = bytes
        if let value = Value(from: &copy) { return [id: value] }
        return try await load([id])
    }

    /// Drops cached objects after a change. When the cache cannot be reached, the keys become
    /// pending and are handed to `retry`: they are not read from the cache until a later
    /// `invalidateOrThrow` of them succeeds.
    public func invalidate(_ keys: [String]) async {
        guard !keys.isEmpty else { return }
        do {
            try await cache.delete(keys)
        } catch {
            logger.debug("object cache invalidation failed; recorded for retry", metadata: ["error": "\(error)"])
            pendingKeys.insert(keys)
            await retry(keys)
        }
    }

    /// Like `invalidate`, but throws, for jobs that retry until the cache has forgotten. Once it
    /// succeeds the keys are no longer pending.
    public func invalidateOrThrow(_ keys: [String]) async throws {
        try await cache.delete(keys)
        pendingKeys.remove(keys)
    }

    /// Those of `keys` whose invalidation has not reached the cache yet: callers that read the
    /// cache directly (counters) go to the store for them.
    public func pending(among keys: [String]) -> Set<String> {
        pendingKeys.filter(keys)
    }

    /// Keys whose invalidation has not reached the cache yet.
    @usableFromInline
    final class PendingKeys: Sendable {
        private let keys = Mutex<Set<String>>([])

        func insert(_ new: [String]) { keys.withLock { $0.formUnion(new) } }
        func remove(_ old: [String]) { keys.withLock { $0.subtract(old) } }
        /// Whether no invalidation is pending (the common case: no key need be made to ask).
        @usableFromInline
        var isEmpty: Bool { keys.withLock { $0.isEmpty } }

        /// Those of `candidates` that are pending (an empty set without taking the lock's time
        /// for lookups when nothing is pending).
        @usableFromInline
        func filter(_ candidates: [String]) -> Set<String> {
            keys.withLock { pending in pending.isEmpty ? [] : Set(candidates.filter(pending.contains)) }
        }
    }
}

/// The object a lease winner loaded, kept so it is not decoded again.
private final class LoadedOnce<Value: Sendable>: Sendable {
    private let state = Mutex<Value?>(nil)
    func set(_ value: Value) { state.withLock { $0 = value } }
    var value: Value? { state.withLock { $0 } }
}

/// The object does not exist in the store: nothing to cache.
private struct NotStored: Error {}
