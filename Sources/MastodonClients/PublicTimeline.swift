import Accounts
import StarlingCore
import Tweets

/// Every local tweet, newest first: Mastodon's public (and local) timeline.
public protocol PublicTimeline: Sendable {
    /// One page of tweet ids, newest first.
    func tweetIDs(page: PageRequest) async throws -> Page<Int64>
}
