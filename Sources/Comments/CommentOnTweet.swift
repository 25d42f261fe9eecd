import StarlingCore
import Tweets

/// Comments on a tweet, and edits and deletes comments (owner only).
public struct CommentOnTweet: Sendable {
    /// The most characters a comment may have after trimming.
    public static let maximumLength = 140

    let comments: any CommentRepository
    let tweets: any TweetRepository
    let ids: IDGenerator
    let jobsRecorded: @Sendable () -> Void

    public init(comments: any CommentRepository, tweets: any TweetRepository, ids: IDGenerator,
                jobsRecorded: @escaping @Sendable () -> Void) {
        self.comments = comments
        self.tweets = tweets
        self.ids = ids
        self.jobsRecorded = jobsRecorded
    }

    /// Posts a comment; the tweet's author is notified by a job.
    public func post(tweetID: Int64, content: String, by userID: Int64) async throws -> Comment {
        let content = try Self.validated(content)
        guard try await tweets.tweet(id: tweetID) != nil else { throw StarlingError.invalid("tweet_id", "Tweet does not exist.") }
        let comment = Comment(id: ids.next(), tweetID: tweetID, userID: userID, content: content)
        try await comments.create(comment, jobs: [Job(id: ids.next(), CommentNotificationJob(commentID: comment.id))])
        jobsRecorded()
        return comment
    }

    /// Replaces a comment's content.
    public func edit(commentID: Int64, content: String, by userID: Int64) async throws -> Comment {
        try await owned(commentID, by: userID)
        let content = try Self.validated(content)
        guard let updated = try await comments.update(id: commentID, content: content) else { throw StarlingError.notFound }
        return updated
    }

    /// Deletes a comment.
    public func delete(commentID: Int64, by userID: Int64) async throws {
        try await owned(commentID, by: userID)
        guard try await comments.delete(id: commentID) else { throw StarlingError.notFound }
    }

    private func owned(_ commentID: Int64, by userID: Int64) async throws {
        guard let comment = try await comments.comment(id: commentID) else { throw StarlingError.notFound }
        guard comment.userID == userID else { throw StarlingError.forbidden("You can only change your own comments.") }
    }

    static func validated(_ content: String) throws -> String {
        let trimmed = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { throw StarlingError.invalid("content", "This field may not be blank.") }
        guard trimmed.count <= maximumLength else {
            throw StarlingError.invalid("content", "Ensure this field has no more than \(maximumLength) characters.")
        }
        return trimmed
    }
}
