import StarlingCore

/// A user's like of a tweet or a comment. Liking twice is one like.
public struct Like: Sendable, Equatable {
    public var userID: Int64
    public var target: LikeTarget
    public var createdAt: Int64

    public init(userID: Int64, target: LikeTarget, createdAt: Int64) {
        self.userID = userID
        self.target = target
        self.createdAt = createdAt
    }
}
