import NIOCore

/// A `KeyValueCache` that protects a hot key against a thundering herd: when the key is missing
/// (expired or invalidated), one caller among every process sharing the cache wins the right to
/// recompute it and the others wait briefly for that value instead of all loading the store.
public protocol LeasingKeyValueCache: KeyValueCache {
    /// The value of `key`: from the cache, or from `load` run by one caller only (then cached for
    /// `ttlSeconds`). With `servesStale`, waiting callers may get the value that was invalidated.
    func getOrLoad(_ key: String, ttlSeconds: Int, servesStale: Bool,
                   load: @escaping @Sendable () async throws -> ByteBuffer) async throws -> ByteBuffer
}
