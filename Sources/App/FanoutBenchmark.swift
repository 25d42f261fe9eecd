import Friendships
import Newsfeeds
import StarlingCore
import Tweets

/// Measures push fanout on one backend: an author with many followers posts, and `FanOutTweet`
/// writes one newsfeed row per follower, in batches. Not a test: `starling bench-fanout` runs it.
public struct FanoutBenchmark: Sendable {
    /// One timed fanout.
    public struct Run: Sendable {
        public let rows: Int
        public let seconds: Double
        public var rowsPerSecond: Double { Double(rows) / seconds }
    }

    let repositories: Repositories
    let ids = IDGenerator(clock: SystemWallClock())
    let authorID: Int64 = 1

    public init(repositories: Repositories) {
        self.repositories = repositories
    }

    /// Stores `count` followers of the author straight through the friendship repository, `concurrency`
    /// follows at a time, then refreshes the planner's statistics.
    public func addFollowers(_ count: Int, concurrency: Int = 8) async throws {
        let followers = (0..<count).map { authorID + 1 + Int64($0) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for lane in 0..<concurrency {
                group.addTask {
                    for follower in stride(from: lane, to: followers.count, by: concurrency).map({ followers[$0] }) {
                        let job = Job(id: ids.next(), MergeFolloweeTweetsJob(followerID: follower, followeeID: authorID))
                        _ = try await repositories.friendships.follow(
                            Friendship(id: ids.next(), fromUserID: follower, toUserID: authorID), jobs: [job])
                    }
                }
            }
            try await group.waitForAll()
        }
        // A live database has statistics (autovacuum's ANALYZE); a fresh one has none, and its
        // planner would scan every follower for each batch's queries.
        try await repositories.bulkLoader?.endLoad()
    }

    /// Posts a tweet and times its fanout to every follower.
    public func fanOutOnce(batchSize: Int = FanOutTweet.defaultBatchSize) async throws -> Run {
        let tweet = Tweet(id: ids.next(), userID: authorID, content: "benchmark")
        try await repositories.tweets.create(tweet, fanOut: Job(id: ids.next(), FanOutTweetJob(tweetID: tweet.id)))
        // In-process feed cache, as `starling serve` has by default; no feed is cached, so the
        // time is the store's.
        let fanOut = FanOutTweet(tweets: repositories.tweets, friendships: repositories.friendships,
                                 newsfeeds: repositories.newsfeeds, feedCache: MemoryFeedCache(clock: SystemWallClock()),
                                 batchSize: batchSize)
        let clock = ContinuousClock()
        var rows = 0
        let elapsed = try await clock.measure { rows = try await fanOut(FanOutTweetJob(tweetID: tweet.id)) }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Run(rows: rows, seconds: seconds)
    }
}
