import Accounts
import StarlingCore

/// Reads a page of one user's own tweets, newest first: ids through the user's cached timeline
/// (the store for a miss or past the cap), then the tweets themselves.
public struct ReadTimeline: Sendable {
    let tweets: any TweetRepository
    let users: any UserRepository
    let reader: CachedListReader

    public init(tweets: any TweetRepository, users: any UserRepository, reader: CachedListReader) {
        self.tweets = tweets
        self.users = users
        self.reader = reader
    }

    /// The page of `userID`'s tweets; an unknown user is a 400 naming `user_id`. Ids whose tweet
    /// was deleted meanwhile are left out.
    public func callAsFunction(userID: Int64, page: PageRequest) async throws -> Page<Tweet> {
        guard try await users.user(id: userID) != nil else { throw StarlingError.invalid("user_id", "User does not exist.") }
        let tweets = self.tweets
        let ids = try await reader.page(CacheKeys.timeline(userID), page) {
            try await tweets.tweets(userID: userID, page: $0).map(\.id)
        }
        let found = try await tweets.tweets(ids: ids.items)
        return Page(items: ids.items.compactMap { found[$0] }, hasNextPage: ids.hasNextPage)
    }
}
