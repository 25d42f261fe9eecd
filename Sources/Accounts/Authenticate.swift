import StarlingCore

/// Resolves a session token to the user it logs in: one session lookup (a cache hit, usually) and
/// nothing more. The user row is read only by the handlers that need it, so an authenticated
/// request pays no extra round trip for it.
public struct Authenticate: Sendable {
    let sessions: any SessionRepository
    let clock: any WallClock
    /// Notes the user's activity (at most hourly), so that fanout knows who still reads.
    let recordActivity: RecordActivity?

    public init(sessions: any SessionRepository, clock: any WallClock, recordActivity: RecordActivity? = nil) {
        self.sessions = sessions
        self.clock = clock
        self.recordActivity = recordActivity
    }

    /// Who a token logs in, or nil when it is unknown, revoked or expired.
    public func callAsFunction(token: String) async throws -> AuthenticatedSession? {
        let hash = Credentials.tokenHash(token)
        guard let session = try await sessions.session(tokenHash: hash, now: clock.nowMicros()) else { return nil }
        await recordActivity?(userID: session.userID)
        return AuthenticatedSession(userID: session.userID, tokenHash: hash)
    }
}

/// A live session a request's token stands for: the user, and the token's hash (so that logout
/// revokes exactly it).
public struct AuthenticatedSession: Sendable, Equatable {
    public var userID: Int64
    public var tokenHash: String

    public init(userID: Int64, tokenHash: String) {
        self.userID = userID
        self.tokenHash = tokenHash
    }
}
