import Comments
import Friendships
import Likes
import StarlingCore
import Tweets

/// The jobs that turn comments, likes, retweets and follows into notifications. Each reloads what it
/// needs, treats "gone" (deleted, unliked, unfollowed) as done, never notifies users of their own
/// actions, and may run twice: the notification's id is its cause's id.
public struct Notify: Sendable {
    let notifications: any NotificationRepository
    let tweets: any TweetRepository
    let comments: any CommentRepository
    let likes: any LikeRepository
    let friendships: any FriendshipRepository

    public init(notifications: any NotificationRepository, tweets: any TweetRepository, comments: any CommentRepository,
                likes: any LikeRepository, friendships: any FriendshipRepository) {
        self.notifications = notifications
        self.tweets = tweets
        self.comments = comments
        self.likes = likes
        self.friendships = friendships
    }

    /// "commented on your tweet": to the tweet's author.
    public func comment(_ job: CommentNotificationJob) async throws {
        guard let comment = try await comments.comment(id: job.commentID),
              let tweet = try await tweets.tweet(id: comment.tweetID) else { return }
        try await send(Notification(id: comment.id, recipientID: tweet.userID, actorID: comment.userID, verb: .commentedOnYourTweet,
                                    actionObject: .init(.comment, comment.id), target: .init(.tweet, tweet.id)))
    }

    /// "liked your tweet" or "liked your comment": to the author of what was liked.
    public func like(_ job: LikeNotificationJob) async throws {
        guard let like = try await likes.find(userID: job.userID, target: job.target), like.createdAt == job.likedAt else { return }
        let recipient: Int64?
        switch job.contentType {
        case .tweet: recipient = try await tweets.tweet(id: job.objectID)?.userID
        case .comment: recipient = try await comments.comment(id: job.objectID)?.userID
        case .user: recipient = nil
        }
        guard let recipient else { return }
        try await send(Notification(id: like.createdAt, recipientID: recipient, actorID: job.userID,
                                    verb: job.contentType == .tweet ? .likedYourTweet : .likedYourComment,
                                    target: .init(job.contentType, job.objectID)))
    }

    /// "retweeted your tweet": to the original's author, if the retweet still stands.
    public func retweet(_ job: RetweetNotificationJob) async throws {
        guard let retweet = try await tweets.tweet(id: job.retweetID), let originalID = retweet.retweetOf,
              let original = try await tweets.tweet(id: originalID) else { return }
        try await send(Notification(id: retweet.id, recipientID: original.userID, actorID: retweet.userID, verb: .retweetedYourTweet,
                                    actionObject: .init(.tweet, retweet.id), target: .init(.tweet, original.id)))
    }

    /// "followed you": to the followed user, if the follow still stands.
    public func follow(_ job: FollowNotificationJob) async throws {
        guard try await friendships.followed(by: job.followerID, among: [job.followeeID]).contains(job.followeeID) else { return }
        try await send(Notification(id: job.friendshipID, recipientID: job.followeeID, actorID: job.followerID, verb: .followedYou,
                                    actionObject: .init(.user, job.followerID)))
    }

    private func send(_ notification: Notification) async throws {
        guard notification.recipientID != notification.actorID else { return }
        try await notifications.insert(notification)
    }

    /// Registers the notification jobs with the queue's handlers.
    public func register(in handlers: inout JobHandlers) {
        handlers.register(CommentNotificationJob.self, comment)
        handlers.register(LikeNotificationJob.self, like)
        handlers.register(FollowNotificationJob.self, follow)
        handlers.register(RetweetNotificationJob.self, retweet)
    }
}
