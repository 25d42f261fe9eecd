import StarlingCore

/// `fromUserID` follows `toUserID`. The id is the follow time in microseconds (see `IDGenerator`).
public struct Friendship: Sendable, Equatable {
    public var id: Int64
    public var fromUserID: Int64
    public var toUserID: Int64

    public init(id: Int64, fromUserID: Int64, toUserID: Int64) {
        self.id = id
        self.fromUserID = fromUserID
        self.toUserID = toUserID
    }

    /// When the follow happened, in microseconds since the epoch.
    public var createdAt: Int64 { id }
}
