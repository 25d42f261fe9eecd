import Accounts
import StarlingCore
import Tweets

/// `PublicTimeline` over the in-memory stores: each user's newest tweets, merged. Fine for what
/// memory holds.
public struct MemoryPublicTimeline: PublicTimeline {
    let users: any UserRepository
    let tweets: any TweetRepository

    public init(users: any UserRepository, tweets: any TweetRepository) {
        self.users = users
        self.tweets = tweets
    }

    public func tweetIDs(page: PageRequest) async throws -> Page<Int64> {
        var ids: [Int64] = []
        for user in try await users.list(offset: 0, limit: Int.max).users {
            ids += try await tweets.tweets(userID: user.id, page: page).items.map(\.id)
        }
        return page.page(fromNewestFirst: Array(ids.sorted(by: >).prefix(page.rows)))
    }
}
