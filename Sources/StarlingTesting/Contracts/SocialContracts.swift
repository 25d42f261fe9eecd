import App
import Comments
import Likes
import Notifications
import StarlingCore
import Testing
import Tweets

/// The behaviour every `CommentRepository` must have, with the tweets and likes of the same backend.
public enum CommentRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let comments = repositories.comments
        try await repositories.tweets.create(Tweet(id: 10, userID: 1, content: "t"), fanOut: Job(id: 11, name: "x", payload: "{}"))
        for id in Int64(1)...5 {
            try await comments.create(Comment(id: 100 + id, tweetID: 10, userID: id, content: "c\(id)"),
                                      jobs: [Job(id: 200 + id, name: "notify", payload: "{}")])
        }
        #expect(try await repositories.tweets.tweet(id: 10)?.commentsCount == 5, "the count changes with the row")
        #expect(try await repositories.outbox.pending(limit: 100).count == 6)

        let first = try await comments.comments(tweetID: 10, page: PageRequest(limit: 2))
        #expect(first.items.map(\.id) == [101, 102], "oldest first")
        #expect(first.hasNextPage)
        let rest = try await comments.comments(tweetID: 10, page: PageRequest(newerThan: 102, limit: 10))
        #expect(rest.items.map(\.id) == [103, 104, 105])
        #expect(!rest.hasNextPage)
        #expect(try await comments.comments(tweetID: 99, page: .first).items.isEmpty)
        #expect(try await comments.comments(ids: [101, 999]).keys.sorted() == [101])

        #expect(try await comments.update(id: 103, content: "edited")?.content == "edited")
        #expect(try await comments.comment(id: 103)?.content == "edited")
        #expect(try await comments.update(id: 999, content: "x") == nil)

        #expect(try await comments.delete(id: 103))
        #expect(try await !comments.delete(id: 103))
        #expect(try await comments.comment(id: 103) == nil)
        #expect(try await repositories.tweets.tweet(id: 10)?.commentsCount == 4)

        let likes = repositories.likes
        for target in [LikeTarget(.comment, 104), LikeTarget(.comment, 105), LikeTarget(.tweet, 10)] {
            _ = try await likes.like(Like(userID: 9, target: target, createdAt: 1), jobs: [])
        }
        #expect(try await comments.delete(id: 104))
        #expect(try await likes.find(userID: 9, target: LikeTarget(.comment, 104)) == nil, "a comment's likes go with it")
        #expect(try await likes.liked(by: 9, type: .comment, among: [104, 105]) == [105])
        #expect(try await repositories.tweets.delete(id: 10, cleanUp: []))
        #expect(try await comments.comment(id: 105) == nil, "a tweet's comments go with it")
        #expect(try await comments.comments(tweetID: 10, page: .first).items.isEmpty)
        #expect(try await likes.likes(of: LikeTarget(.comment, 105), limit: 10).isEmpty, "and their likes")
        #expect(try await likes.likes(of: LikeTarget(.tweet, 10), limit: 10).isEmpty, "and its own likes")
        if let audit = repositories.counterAudit {
            #expect(try await audit.mismatches(repair: false).isEmpty)
        }
    }
}

/// The behaviour every `LikeRepository` must have, with the tweets and comments of the same backend.
public enum LikeRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let likes = repositories.likes
        try await repositories.tweets.create(Tweet(id: 10, userID: 1, content: "t"), fanOut: Job(id: 11, name: "x", payload: "{}"))
        try await repositories.comments.create(Comment(id: 20, tweetID: 10, userID: 2, content: "c"), jobs: [])
        let tweet = LikeTarget(.tweet, 10)
        let comment = LikeTarget(.comment, 20)

        let first = Like(userID: 5, target: tweet, createdAt: 1_000)
        #expect(try await likes.like(first, jobs: [Job(id: 30, name: "notify", payload: "{}")]) == first)
        let again = try await likes.like(Like(userID: 5, target: tweet, createdAt: 2_000), jobs: [Job(id: 31, name: "notify", payload: "{}")])
        #expect(again == first, "liking twice returns the first like")
        _ = try await likes.like(Like(userID: 6, target: tweet, createdAt: 3_000), jobs: [])
        _ = try await likes.like(Like(userID: 5, target: comment, createdAt: 4_000), jobs: [])
        #expect(try await repositories.tweets.tweet(id: 10)?.likesCount == 2, "counted once per user")
        #expect(try await repositories.comments.comment(id: 20)?.likesCount == 1)
        #expect(try await repositories.outbox.pending(limit: 100).map(\.id).filter { $0 >= 30 } == [30], "a duplicate records no job")

        #expect(try await likes.find(userID: 5, target: tweet)?.createdAt == 1_000)
        #expect(try await likes.find(userID: 7, target: tweet) == nil)
        #expect(try await likes.likes(of: tweet, limit: 10).map(\.userID) == [6, 5], "newest first")
        #expect(try await likes.likes(of: tweet, limit: 1).count == 1)
        #expect(try await likes.liked(by: 5, type: .tweet, among: [10, 11]) == [10])
        #expect(try await likes.liked(by: 5, type: .comment, among: [20]) == [20])
        #expect(try await likes.liked(by: 6, type: .comment, among: [20]) == [])
        #expect(try await likes.liked(by: 5, type: .tweet, among: []) == [])

        #expect(try await likes.cancel(userID: 5, target: tweet))
        #expect(try await !likes.cancel(userID: 5, target: tweet))
        #expect(try await repositories.tweets.tweet(id: 10)?.likesCount == 1)
        #expect(try await likes.cancel(userID: 5, target: comment))
        #expect(try await repositories.comments.comment(id: 20)?.likesCount == 0)
        if let audit = repositories.counterAudit {
            #expect(try await audit.mismatches(repair: false).isEmpty)
        }
    }
}

/// The behaviour every `NotificationRepository` must have.
public enum NotificationRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let notifications = repositories.notifications
        let comment = Notification(id: 100, recipientID: 1, actorID: 2, verb: .commentedOnYourTweet,
                                   actionObject: .init(.comment, 7), target: .init(.tweet, 6))
        #expect(try await notifications.insert(comment))
        #expect(try await !notifications.insert(comment), "the same id twice is one notification")
        for id in Int64(101)...104 {
            try await notifications.insert(Notification(id: id, recipientID: 1, actorID: 3, verb: .followedYou, actionObject: .init(.user, 3)))
        }
        try await notifications.insert(Notification(id: 200, recipientID: 9, actorID: 1, verb: .likedYourTweet, target: .init(.tweet, 5)))

        let (total, page) = try await notifications.list(recipientID: 1, unread: nil, offset: 1, limit: 2)
        #expect(total == 5)
        #expect(page.map(\.id) == [103, 102], "newest first")
        let (_, all) = try await notifications.list(recipientID: 1, unread: nil, offset: 0, limit: 10)
        #expect(all.last == comment, "every field survives the round trip")
        #expect(try await notifications.unreadCount(recipientID: 1) == 5)

        #expect(try await notifications.setUnread(false, id: 100, recipientID: 1)?.unread == false)
        #expect(try await notifications.setUnread(false, id: 200, recipientID: 1) == nil, "not the recipient's")
        #expect(try await notifications.list(recipientID: 1, unread: false, offset: 0, limit: 10).items.map(\.id) == [100])
        #expect(try await notifications.list(recipientID: 1, unread: true, offset: 0, limit: 10).total == 4)
        #expect(try await notifications.markAllRead(recipientID: 1) == 4)
        #expect(try await notifications.unreadCount(recipientID: 1) == 0)
        #expect(try await notifications.unreadCount(recipientID: 9) == 1)
        #expect(try await notifications.setUnread(true, id: 101, recipientID: 1)?.unread == true)
    }
}
