import StarlingCore

/// A session that logs its user in until `expiresAt` (microseconds since the epoch).
public struct LiveSession: Sendable, Equatable {
    public var userID: Int64
    public var expiresAt: Int64

    public init(userID: Int64, expiresAt: Int64) {
        self.userID = userID
        self.expiresAt = expiresAt
    }
}
