/// Remembers which status a user's `Idempotency-Key` created, so that a client retrying a post
/// gets the same status instead of a second one.
public protocol IdempotencyKeyRepository: Sendable {
    /// The status id recorded for the user's key, if any.
    func statusID(userID: Int64, key: String) async throws -> Int64?
    /// Records the status a key created; a key already recorded keeps its first status, which is
    /// returned.
    func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64
}
