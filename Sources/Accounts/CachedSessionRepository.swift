import NIOCore
import StarlingCore

/// A `SessionRepository` that remembers live sessions in the object cache, so authenticating a
/// request costs no store query. A cached entry carries the session's expiry and lives at most
/// five minutes. Logout forgets the session in the cache as well as the store; a revocation the
/// cache missed (it was unreachable at logout) is caught up by `ForgetCachedSessionJob`.
public struct CachedSessionRepository: SessionRepository {
    /// How long a cached session is trusted.
    public static let ttlSeconds = 300

    let base: any SessionRepository
    let cache: any KeyValueCache

    public init(_ base: any SessionRepository, cache: any KeyValueCache) {
        self.base = base
        self.cache = cache
    }

    public func create(tokenHash: String, userID: Int64, expiresAt: Int64) async throws {
        try await base.create(tokenHash: tokenHash, userID: userID, expiresAt: expiresAt)
    }

    public func session(tokenHash: String, now: Int64) async throws -> LiveSession? {
        let key = CacheKeys.session(tokenHash)
        if let found = try? await cache.values(for: [key]).first, let cached = found,
           let (userID, expiresAt) = cached.withUnsafeReadableBytes(DecimalText.pair) {
            return expiresAt > now ? LiveSession(userID: userID, expiresAt: expiresAt) : nil
        }
        guard let session = try await base.session(tokenHash: tokenHash, now: now) else { return nil }
        // The session's own expiry travels with it, so a cached copy never outlives the session;
        // `add`, so a logout that deleted it since the store was read is not undone.
        try? await cache.add([key: ByteBuffer(string: "\(session.userID):\(session.expiresAt)")], ttlSeconds: Self.ttlSeconds)
        return session
    }

    public func delete(tokenHash: String, job: Job) async throws -> Bool {
        let deleted = try await base.delete(tokenHash: tokenHash, job: job)
        try? await cache.delete([CacheKeys.session(tokenHash)])
        return deleted
    }
}
