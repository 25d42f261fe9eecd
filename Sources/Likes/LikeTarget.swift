import StarlingCore

/// What can be liked: a tweet or a comment.
public struct LikeTarget: Sendable, Hashable {
    public var type: ContentType
    public var id: Int64

    public init(_ type: ContentType, _ id: Int64) {
        precondition(type != .user, "users are followed, not liked")
        self.type = type
        self.id = id
    }
}
