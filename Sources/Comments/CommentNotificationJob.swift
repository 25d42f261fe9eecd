import StarlingCore

/// Tell a tweet's author about a new comment (handled by the Notifications domain).
public struct CommentNotificationJob: JobPayload, Equatable {
    public static let jobName = "notify_comment"
    public var commentID: Int64

    public init(commentID: Int64) {
        self.commentID = commentID
    }

    enum CodingKeys: String, CodingKey { case commentID = "comment_id" }
}
