/// Stores login sessions. One server-side record backs both the `sessionid` cookie and the
/// bearer token; only a hash of the token is stored, so a leaked table logs nobody in.
public protocol SessionRepository: Sendable {
    /// Records a session for `userID` under the token's hash.
    func create(tokenHash: String, userID: Int64, expiresAt: Int64) async throws
    /// The user of a live session (not expired at `now`).
    func userID(tokenHash: String, now: Int64) async throws -> Int64?
    /// Revokes a session. Returns whether one existed.
    @discardableResult
    func delete(tokenHash: String) async throws -> Bool
}

/// The in-memory `SessionRepository`.
public actor MemorySessionRepository: SessionRepository {
    private var sessions: [String: (userID: Int64, expiresAt: Int64)] = [:]

    public init() {}

    public func create(tokenHash: String, userID: Int64, expiresAt: Int64) {
        sessions[tokenHash] = (userID, expiresAt)
    }

    public func userID(tokenHash: String, now: Int64) -> Int64? {
        guard let session = sessions[tokenHash], session.expiresAt > now else { return nil }
        return session.userID
    }

    public func delete(tokenHash: String) -> Bool {
        sessions.removeValue(forKey: tokenHash) != nil
    }
}
