import StarlingCore
import StarlingHTTP

/// Resolves a session token to the user it logs in.
public struct Authenticate: Sendable {
    let users: any UserRepository
    let sessions: any SessionRepository
    let clock: any WallClock

    public init(users: any UserRepository, sessions: any SessionRepository, clock: any WallClock) {
        self.users = users
        self.sessions = sessions
        self.clock = clock
    }

    /// The viewer a token stands for, or nil when it is unknown, revoked or expired.
    public func callAsFunction(token: String, credential: Viewer.Credential) async throws -> Viewer? {
        let hash = Credentials.tokenHash(token)
        guard let userID = try await sessions.userID(tokenHash: hash, now: clock.nowMicros()),
              let user = try await users.user(id: userID)
        else { return nil }
        return Viewer(userID: user.id, username: user.username, isStaff: user.isStaff, credential: credential, tokenHash: hash)
    }
}
