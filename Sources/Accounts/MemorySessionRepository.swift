import StarlingCore

/// The in-memory `SessionRepository`.
public actor MemorySessionRepository: SessionRepository {
    private var sessions: [String: (userID: Int64, expiresAt: Int64)] = [:]
    private let outbox: MemoryOutbox

    public init(outbox: MemoryOutbox) {
        self.outbox = outbox
    }

    public func create(tokenHash: String, userID: Int64, expiresAt: Int64) {
        sessions[tokenHash] = (userID, expiresAt)
    }

    public func session(tokenHash: String, now: Int64) -> LiveSession? {
        guard let session = sessions[tokenHash], session.expiresAt > now else { return nil }
        return LiveSession(userID: session.userID, expiresAt: session.expiresAt)
    }

    public func delete(tokenHash: String, job: Job) async -> Bool {
        guard sessions.removeValue(forKey: tokenHash) != nil else { return false }
        await outbox.append(job)
        return true
    }
}
