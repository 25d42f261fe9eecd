import Logging
import NIOCore

/// Read-through caching of objects by id over the `KeyValueCache`: one multi-get for a whole
/// page, the store only for the misses, and every cache failure falls back to the store.
public struct ObjectCache: Sendable {
    /// The cache underneath.
    public let cache: any KeyValueCache
    let logger: Logger
    let ttlSeconds: Int

    public init(cache: any KeyValueCache, logger: Logger, ttlSeconds: Int = CacheKeys.objectTTLSeconds) {
        self.cache = cache
        self.logger = logger
        self.ttlSeconds = ttlSeconds
    }

    /// The objects with these ids: cached ones from the cache, the rest from `load` (then cached).
    public func fetch<Value: CacheCodable>(
        _ ids: [Int64], key: (Int64) -> String, load: ([Int64]) async throws -> [Int64: Value]
    ) async throws -> [Int64: Value] {
        guard !ids.isEmpty else { return [:] }
        let keys = Dictionary(ids.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var found: [Int64: Value] = [:]
        do {
            for (cacheKey, bytes) in try await cache.get(Array(keys.keys)) {
                var bytes = bytes
                if let id = keys[cacheKey], let value = Value(from: &bytes) { found[id] = value }
            }
        } catch {
            logger.debug("object cache unavailable", metadata: ["error": "\(error)"])
            return try await load(ids)
        }
        let missing = Array(Set(ids).subtracting(found.keys))
        guard !missing.isEmpty else { return found }
        let loaded = try await load(missing)
        var entries: [String: ByteBuffer] = [:]
        for (id, value) in loaded {
            found[id] = value
            var bytes = ByteBuffer()
            value.write(to: &bytes)
            entries[key(id)] = bytes
        }
        if !entries.isEmpty {
            do { try await cache.set(entries, ttlSeconds: ttlSeconds) } catch { logger.debug("object cache fill failed", metadata: ["error": "\(error)"]) }
        }
        return found
    }

    /// Drops cached objects after a change. Best effort: the time to live bounds what a failure
    /// leaves behind, and jobs that must not leave stale objects call it again on retry.
    public func invalidate(_ keys: [String]) async {
        do { try await cache.delete(keys) } catch { logger.debug("object cache invalidation failed", metadata: ["error": "\(error)"]) }
    }

    /// Like `invalidate`, but throws, for jobs that retry until the cache has forgotten.
    public func invalidateOrThrow(_ keys: [String]) async throws {
        try await cache.delete(keys)
    }
}
