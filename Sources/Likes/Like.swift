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

/// Tell the author of a liked tweet or comment (handled by the Notifications domain).
public struct LikeNotificationJob: JobPayload, Equatable {
    public static let jobName = "notify_like"
    public var userID: Int64
    public var contentType: ContentType
    public var objectID: Int64
    /// The like's time, which tells this like from a later one after an unlike.
    public var likedAt: Int64

    public init(_ like: Like) {
        self.userID = like.userID
        self.contentType = like.target.type
        self.objectID = like.target.id
        self.likedAt = like.createdAt
    }

    public var target: LikeTarget { LikeTarget(contentType, objectID) }

    enum CodingKeys: String, CodingKey {
        case userID = "user_id"
        case contentType = "content_type"
        case objectID = "object_id"
        case likedAt = "liked_at"
    }
}
