import StarlingCore

/// Issues a session token for a user and records its hash.
public struct StartSession: Sendable {
    let sessions: any SessionRepository
    let credentials: Credentials
    let clock: any WallClock

    public init(sessions: any SessionRepository, credentials: Credentials, clock: any WallClock) {
        self.sessions = sessions
        self.credentials = credentials
        self.clock = clock
    }

    /// The new session's token, shown to the client once.
    public func callAsFunction(for user: User) async throws -> String {
        let token = credentials.newToken()
        try await sessions.create(tokenHash: Credentials.tokenHash(token), userID: user.id,
                                  expiresAt: clock.nowMicros() + credentials.sessionLifetime)
        return token
    }
}
