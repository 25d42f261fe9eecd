import StarlingCore

/// Removes a revoked session from the object cache. Logout deletes it at once too; this job is
/// for when the cache was unreachable then: it stays in the outbox and is retried until the cache
/// answers, so a revoked token is not honoured from the cache once it is back.
public struct ForgetCachedSessionJob: JobPayload, Equatable {
    public static let jobName = "forget_cached_session"
    public var tokenHash: String

    public init(tokenHash: String) {
        self.tokenHash = tokenHash
    }

    enum CodingKeys: String, CodingKey {
        case tokenHash = "token_hash"
    }
}
