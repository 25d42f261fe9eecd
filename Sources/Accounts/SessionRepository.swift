import StarlingCore

/// Stores login sessions. One server-side record backs both the `sessionid` cookie and the
/// bearer token; only a hash of the token is stored, so a leaked table logs nobody in.
public protocol SessionRepository: Sendable {
    /// Records a session for `userID` under the token's hash.
    func create(tokenHash: String, userID: Int64, expiresAt: Int64) async throws
    /// A live session (not expired at `now`): whose it is and until when.
    func session(tokenHash: String, now: Int64) async throws -> LiveSession?
    /// Revokes a session and, in the same transaction, records `job` (forgetting its cached copy,
    /// see `ForgetCachedSessionJob`). Returns whether one existed; records nothing when none did.
    @discardableResult
    func delete(tokenHash: String, job: Job) async throws -> Bool
}

/// A session that logs its user in until `expiresAt` (microseconds since the epoch).
public struct LiveSession: Sendable, Equatable {
    public var userID: Int64
    public var expiresAt: Int64

    public init(userID: Int64, expiresAt: Int64) {
        self.userID = userID
        self.expiresAt = expiresAt
    }
}

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
