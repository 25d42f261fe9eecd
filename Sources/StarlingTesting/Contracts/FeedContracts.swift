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

        #expect(try await tweets.delete(id: 105, cleanUp: [Job(id: 960, RemoveTweetFromFeedsJob(tweetID: 105, authorID: 1))]))
        #expect(try await tweets.tweet(id: 105) == nil)
        #expect(try await !tweets.delete(id: 105, cleanUp: [Job(id: 961, RemoveTweetFromFeedsJob(tweetID: 105, authorID: 1))]))
        #expect(try await tweets.delete(id: 200, cleanUp: []))
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

/// The behaviour every `FriendshipRepository` must have.
public enum FriendshipRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let friendships = repositories.friendships
        // Users 10...14 follow user 1; user 10 also follows 2.
        for follower in Int64(10)...14 {
            #expect(try await friendships.follow(Friendship(id: 100 + follower, fromUserID: follower, toUserID: 1),
                                                 jobs: [Job(id: 500 + follower, name: "merge", payload: "{}")]))
        }
        #expect(try await friendships.follow(Friendship(id: 200, fromUserID: 10, toUserID: 2), jobs: [Job(id: 600, name: "merge", payload: "{}")]))
        #expect(try await !friendships.follow(Friendship(id: 201, fromUserID: 10, toUserID: 2), jobs: [Job(id: 601, name: "merge", payload: "{}")]),
                "a second follow is a duplicate")
        #expect(try await repositories.outbox.pending(limit: 100).count == 6, "a duplicate records no job")

        let followers = try await friendships.followers(of: 1, page: PageRequest(limit: 3))
        #expect(followers.items.map(\.fromUserID) == [14, 13, 12])
        #expect(followers.hasNextPage)
        let rest = try await friendships.followers(of: 1, page: PageRequest(olderThan: followers.items.last!.id, limit: 3))
        #expect(rest.items.map(\.fromUserID) == [11, 10])
        #expect(!rest.hasNextPage)
        #expect(try await friendships.followings(of: 10, page: .first).items.map(\.toUserID) == [2, 1])

        #expect(try await friendships.followerIDs(of: 1, after: 0, limit: 2) == [10, 11])
        #expect(try await friendships.followerIDs(of: 1, after: 11, limit: 10) == [12, 13, 14])
        #expect(try await friendships.followed(by: 10, among: [1, 2, 3]) == [1, 2])
        #expect(try await friendships.followed(by: 10, among: []) == [])
        #expect(try await friendships.followerIDs(of: 1, in: 11...13) == [11, 12, 13])
        #expect(try await friendships.followerIDs(of: 1, in: 0...10) == [10])
        #expect(try await friendships.followerIDs(of: 2, in: 0...100) == [10])
        #expect(try await friendships.followerIDs(of: 1, in: 15...99) == [])
        #expect(try await friendships.counts(of: 1) == (followers: 5, followings: 0))
        #expect(try await friendships.counts(of: 10) == (followers: 0, followings: 2))

        #expect(try await friendships.unfollow(from: 10, to: 1, job: Job(id: 700, name: "remove", payload: "{}")))
        #expect(try await !friendships.unfollow(from: 10, to: 1, job: Job(id: 701, name: "remove", payload: "{}")))
        #expect(try await friendships.followed(by: 10, among: [1, 2]) == [2])
        #expect(try await friendships.followerIDs(of: 1, in: 10...11) == [11])
        #expect(try await repositories.outbox.pending(limit: 100).count == 7)
    }
}

/// The behaviour every `NewsfeedRepository` must have.
public enum NewsfeedRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let feeds = repositories.newsfeeds
        let owners = Array(Int64(1)...2_500)
        #expect(try await feeds.insert(tweetID: 50, authorID: 9, owners: owners) == 2_500, "a batch larger than one statement")
        #expect(try await feeds.insert(tweetID: 50, authorID: 9, owners: owners) == 0, "a replayed batch inserts nothing")
        #expect(try await feeds.insert(tweetID: 60, authorID: 8, owners: [1, 2]) == 2)
        #expect(try await feeds.insert([NewsfeedEntry(ownerID: 1, tweetID: 40, authorID: 8), NewsfeedEntry(ownerID: 1, tweetID: 60, authorID: 8)]) == 1)

        let page = try await feeds.entries(owner: 1, page: PageRequest(limit: 2))
        #expect(page.items.map(\.tweetID) == [60, 50])
        #expect(page.hasNextPage)
        let next = try await feeds.entries(owner: 1, page: PageRequest(olderThan: 50, limit: 2))
        #expect(next.items.map(\.tweetID) == [40])
        #expect(!next.hasNextPage)
        #expect(try await feeds.entries(owner: 1, page: PageRequest(newerThan: 40)).items.map(\.tweetID) == [60, 50])

        #expect(try await feeds.remove(authorID: 8, fromFeedOf: 1) == 2)
        #expect(try await feeds.entries(owner: 1, page: .first).items.map(\.tweetID) == [50])
        #expect(try await feeds.remove(tweetID: 50) == 2_500)
        #expect(try await feeds.entries(owner: 1, page: .first).items.isEmpty)
        #expect(try await feeds.entries(owner: 2, page: .first).items.map(\.tweetID) == [60])
    }
}
