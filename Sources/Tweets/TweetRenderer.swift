import Accounts
import StarlingCore
import StarlingHTTP

/// Turns tweets into their API form in a constant number of store round trips, whatever the
/// page size: one for all the authors.
public struct TweetRenderer: Sendable {
    let users: any UserRepository

    public init(users: any UserRepository) {
        self.users = users
    }

    /// The tweets in their API form, in the given order. A tweet whose author is gone is left out.
    public func render(_ tweets: [Tweet], for viewer: Viewer?) async throws -> [TweetJSON] {
        guard !tweets.isEmpty else { return [] }
        let authors = try await users.users(ids: Array(Set(tweets.map(\.userID))))
        return tweets.compactMap { tweet in
            authors[tweet.userID].map { TweetJSON(tweet, author: $0) }
        }
    }
}
