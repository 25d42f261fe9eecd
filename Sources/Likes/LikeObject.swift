import Comments
import StarlingCore
import Tweets

/// Likes and unlikes tweets and comments.
public struct LikeObject: Sendable {
    let likes: any LikeRepository
    let tweets: any TweetRepository
    let comments: any CommentRepository
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    public init(likes: any LikeRepository, tweets: any TweetRepository, comments: any CommentRepository, ids: IDGenerator,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.likes = likes
        self.tweets = tweets
        self.comments = comments
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    /// Likes the target; liking again returns the existing like and changes nothing.
    public func like(_ target: LikeTarget, by userID: Int64) async throws -> Like {
        try await requireExists(target)
        let like = Like(userID: userID, target: target, createdAt: ids.next())
        let stored = try await likes.like(like, jobs: [Job(id: ids.next(), LikeNotificationJob(like))])
        if stored == like { jobsRecorded() }
        return stored
    }

    /// Whether a like was removed.
    public func cancel(_ target: LikeTarget, by userID: Int64) async throws -> Bool {
        try await requireExists(target)
        return try await likes.cancel(userID: userID, target: target)
    }

    /// The target named by a request's `content_type` and `object_id`, or a 400.
    public static func target(contentType: String?, objectID: Int64?, errors: FieldErrors) throws -> LikeTarget {
        var errors = errors
        var type: ContentType?
        if let contentType {
            type = ContentType(rawValue: contentType.lowercased())
            if type == nil || type == .user { errors.add("content_type", "Must be \"tweet\" or \"comment\".") }
        }
        try errors.check()
        guard let type, let objectID else { throw StarlingError.badRequest("Please check input") }
        return LikeTarget(type, objectID)
    }

    private func requireExists(_ target: LikeTarget) async throws {
        let exists = switch target.type {
        case .tweet: try await tweets.tweet(id: target.id) != nil
        case .comment: try await comments.comment(id: target.id) != nil
        case .user: false
        }
        guard exists else { throw StarlingError.invalid("object_id", "The \(target.type.rawValue) does not exist.") }
    }
}
