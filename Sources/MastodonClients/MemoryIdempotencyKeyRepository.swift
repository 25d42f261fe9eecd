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
