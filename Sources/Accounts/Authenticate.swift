import StarlingCore
import StarlingHTTP

/// Resolves a session token to the user it logs in: one session lookup (a cache hit, usually) and
/// nothing more. The user row is read only by the handlers that need it, so an authenticated
/// request pays no extra round trip for it.
public struct Authenticate: Sendable {
    let sessions: any SessionRepository
    let clock: any WallClock

    public init(sessions: any SessionRepository, clock: any WallClock) {
        self.sessions = sessions
        self.clock = clock
    }

    /// The viewer a token stands for, or nil when it is unknown, revoked or expired.
    public func callAsFunction(token: String, credential: Viewer.Credential) async throws -> Viewer? {
        let hash = Credentials.tokenHash(token)
        guard let session = try await sessions.session(tokenHash: hash, now: clock.nowMicros()) else { return nil }
        return Viewer(userID: session.userID, credential: credential, tokenHash: hash)
    }
}
