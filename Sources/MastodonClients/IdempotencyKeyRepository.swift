/// Remembers which status a user's `Idempotency-Key` created, so that a client retrying a post
/// gets the same status instead of a second one.
public protocol IdempotencyKeyRepository: Sendable {
    /// The status id recorded for the user's key, if any.
    func statusID(userID: Int64, key: String) async throws -> Int64?
    /// Records the status a key created; a key already recorded keeps its first status, which is
    /// returned.
    func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) async throws -> Int64
}

/// The in-memory `IdempotencyKeyRepository`.
public actor MemoryIdempotencyKeyRepository: IdempotencyKeyRepository {
    private var statuses: [String: Int64] = [:]

    public init() {}

    public func statusID(userID: Int64, key: String) -> Int64? {
        statuses["\(userID) \(key)"]
    }

    public func record(userID: Int64, key: String, statusID: Int64, createdAt: Int64) -> Int64 {
        if let existing = statuses["\(userID) \(key)"] { return existing }
        statuses["\(userID) \(key)"] = statusID
        return statusID
    }
}
