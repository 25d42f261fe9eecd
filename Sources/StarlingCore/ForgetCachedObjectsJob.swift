/// Deletes object-cache entries whose invalidation could not reach the cache when their object
/// changed (`ObjectCache.invalidate`). It stays in the outbox and is retried until the cache
/// answers, so no entry cached before an outage outlives it.
public struct ForgetCachedObjectsJob: JobPayload, Equatable {
    public static let jobName = "forget_cached_objects"
    public var keys: [String]

    public init(keys: [String]) {
        self.keys = keys
    }
}
