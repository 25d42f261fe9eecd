import App
import Friendships
import Newsfeeds
import StarlingCore
import Testing
import Tweets

/// The behaviour every `TweetRepository` must have, with the outbox and newsfeed of the same backend.
public enum TweetRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let tweets = repositories.tweets
        for id in Int64(1)...5 {
            try await tweets.create(Tweet(id: 100 + id, userID: 1, content: "tweet \(id)"),
                                    fanOut: Job(id: 900 + id, FanOutTweetJob(tweetID: 100 + id)))
        }
        // Twelve keys, not in name order; positions 10 and 11 must follow 9 as numbers do.
        let photos = (0..<12).map { "photos/\(11 - $0 * 5 % 12).png" }
        try await tweets.create(Tweet(id: 200, userID: 2, content: "other", photoKeys: photos),
                                fanOut: Job(id: 950, FanOutTweetJob(tweetID: 200)))

        #expect(try await tweets.tweet(id: 103)?.content == "tweet 3")
        #expect(try await tweets.tweet(id: 999) == nil)
        #expect(try await tweets.tweet(id: 200)?.photoKeys == photos, "photo keys come with the tweet, in order")
        let found = try await tweets.tweets(ids: [101, 200, 999])
        #expect(found.keys.sorted() == [101, 200])
        #expect(found[200]?.photoKeys == photos)
        #expect(found[101]?.photoKeys == [])
        #expect(try await tweets.tweets(userID: 2, page: .first).items.map(\.photoKeys) == [photos])

        let first = try await tweets.tweets(userID: 1, page: PageRequest(limit: 2))
        #expect(first.items.map(\.id) == [105, 104])
        #expect(first.hasNextPage)
        let last = try await tweets.tweets(userID: 1, page: PageRequest(olderThan: 102, limit: 2))
        #expect(last.items.map(\.id) == [101])
        #expect(!last.hasNextPage)
        let newer = try await tweets.tweets(userID: 1, page: PageRequest(newerThan: 103, limit: 20))
        #expect(newer.items.map(\.id) == [105, 104])

        let ownFeed = try await repositories.newsfeeds.entries(owner: 1, page: .first)
        #expect(ownFeed.items.map(\.tweetID) == [105, 104, 103, 102, 101], "the author's own feed is written with the tweet")
        #expect(try await repositories.outbox.pending(limit: 100).map(\.id) == [901, 902, 903, 904, 905, 950])

        #expect(try await tweets.delete(id: 105) { [Job(id: 960, RemoveTweetFromFeedsJob(tweetID: $0.id, authorID: $0.userID))] }
            .map(\.id) == [105])
        #expect(try await tweets.tweet(id: 105) == nil)
        #expect(try await tweets.delete(id: 105) { [Job(id: 961, RemoveTweetFromFeedsJob(tweetID: $0.id, authorID: $0.userID))] }.isEmpty)
        #expect(try await tweets.delete(id: 200) { _ in [] }.map(\.photoKeys) == [photos], "the deleted tweet comes back as it was")
        let pending = try await repositories.outbox.pending(limit: 100)
        #expect(pending.last?.id == 960 && pending.count == 7, "only a real deletion records its clean-up job")
        try await tweets.create(Tweet(id: 200, userID: 2, content: "again", photoKeys: ["photos/new.png"]),
                                fanOut: Job(id: 970, FanOutTweetJob(tweetID: 200)))
        #expect(try await tweets.tweet(id: 200)?.photoKeys == ["photos/new.png"], "photo rows went with the deleted tweet")

        let claimed = try await repositories.outbox.claim(limit: 1, holder: "contract", now: 1, leaseUntil: 2)
        #expect(claimed.map(\.id) == [901])
        try await repositories.outbox.complete(id: 901, holder: "contract")
        #expect(try await repositories.outbox.pending(limit: 2).map(\.id) == [902, 903])
    }
}
