import App
import Comments
import Likes
import Notifications
import StarlingCore
import Testing
import Tweets

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
