import StarlingCore

/// Revokes the session a token stands for, and records a job that makes the object cache forget
/// it too (in case the cache cannot be reached now).
public struct LogOut: Sendable {
    let sessions: any SessionRepository
    let ids: IDGenerator

    public init(sessions: any SessionRepository, ids: IDGenerator) {
        self.sessions = sessions
        self.ids = ids
    }

    /// Ends the session whose token hashes to `tokenHash`; an unknown one is not an error.
    public func callAsFunction(tokenHash: String) async throws {
        let forget = Job(id: ids.next(), ForgetCachedSessionJob(tokenHash: tokenHash))
        try await sessions.delete(tokenHash: tokenHash, job: forget)
    }
}
