import Accounts
import Friendships
import StarlingCore
import Tweets

/// A `FeedSourceRepository` built from the other repositories, for the in-memory backend: it
/// reads every followee's page and merges them here. The SQL stores answer each read in one
/// statement instead.
public struct RepositoryFeedSources: FeedSourceRepository {
    let tweets: any TweetRepository
    let friendships: any FriendshipRepository
    let celebrities: any CelebrityRepository
    let activity: any ActivityRepository

    public init(tweets: any TweetRepository, friendships: any FriendshipRepository, celebrities: any CelebrityRepository,
                activity: any ActivityRepository) {
        self.tweets = tweets
        self.friendships = friendships
        self.celebrities = celebrities
        self.activity = activity
    }

    public func plan(owner: Int64, activeSince: Int64, celebrityLimit: Int) async throws -> FeedPlan {
        let active = try await activity.active(among: [owner], since: activeSince).contains(owner)
        let stale = try await activity.feedStaleSince(userID: owner) != nil
        var followed: [Int64] = []
        for followee in try await followees(of: owner) where try await celebrities.celebritySince(followee) != nil {
            followed.append(followee)
        }
        return FeedPlan(pushedFeedIsCurrent: active && !stale, celebrities: Array(followed.sorted().prefix(celebrityLimit + 1)))
    }

    public func tweetIDs(by authors: [Int64], page: PageRequest) async throws -> Page<Int64> {
        var merged = Page<Int64>(items: [], hasNextPage: false)
        for author in Set(authors) {
            merged = merged.merging(try await tweets.tweets(userID: author, page: page).map(\.id), for: page)
        }
        return merged
    }

    public func pulledFeed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        try await tweetIDs(by: [owner] + followees(of: owner), page: page)
    }

    private func followees(of owner: Int64) async throws -> [Int64] {
        var all: [Int64] = []
        var request = PageRequest(limit: PageRequest.maximumLimit)
        while true {
            let page = try await friendships.followings(of: owner, page: request)
            all += page.items.map(\.toUserID)
            guard page.hasNextPage, let last = page.items.last else { return all }
            request.olderThan = last.id
        }
    }
}
