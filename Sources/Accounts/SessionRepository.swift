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
