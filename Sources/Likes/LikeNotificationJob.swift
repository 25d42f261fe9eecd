import StarlingCore

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
