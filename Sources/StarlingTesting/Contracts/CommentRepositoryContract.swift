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
        #expect(try await !repositories.tweets.delete(id: 10) { _ in [] }.isEmpty)
        #expect(try await comments.comment(id: 105) == nil, "a tweet's comments go with it")
        #expect(try await comments.comments(tweetID: 10, page: .first).items.isEmpty)
        #expect(try await likes.likes(of: LikeTarget(.comment, 105), limit: 10).isEmpty, "and their likes")
        #expect(try await likes.likes(of: LikeTarget(.tweet, 10), limit: 10).isEmpty, "and its own likes")
        if let audit = repositories.counterAudit {
            #expect(try await audit.mismatches(repair: false).isEmpty)
        }
    }
}
