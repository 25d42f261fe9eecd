import Accounts
import StarlingCore

/// Turns tweets into views any face can render, in a constant number of store round trips
/// whatever the page size: one for the originals of the retweets on the page (when there are
/// any), then at once one for the authors, one for what the viewer liked and one for what the
/// viewer retweeted. The photos come with the tweets.
public struct HydrateTweets: Sendable {
    let users: any UserRepository
    let likes: any LikeLookup
    let tweets: any TweetRepository

    public init(users: any UserRepository, likes: any LikeLookup, tweets: any TweetRepository) {
        self.users = users
        self.likes = likes
        self.tweets = tweets
    }

    /// The tweets as `viewerID` sees them (nil: anonymous), in the given order. A tweet whose
    /// author is gone is left out, and so is a retweet whose original (or its author) is gone.
    public func callAsFunction(_ page: [Tweet], viewerID: Int64?) async throws -> [TweetView] {
        guard !page.isEmpty else { return [] }
        let originalIDs = Array(Set(page.compactMap(\.retweetOf)))
        let originals = originalIDs.isEmpty ? [:] : try await tweets.tweets(ids: originalIDs)
        let all = page + originals.values
        let ids = Array(Set(all.map(\.id)))
        async let authors = users.users(ids: Array(Set(all.map(\.userID))))
        async let liked = likedIDs(by: viewerID, among: ids)
        async let retweeted = retweetedIDs(by: viewerID, among: ids)
        let (foundAuthors, foundLiked, foundRetweeted) = try await (authors, liked, retweeted)
        func view(_ tweet: Tweet, original: TweetView? = nil) -> TweetView? {
            foundAuthors[tweet.userID].map {
                TweetView(tweet: tweet, author: $0, hasLiked: foundLiked.contains(tweet.id), hasRetweeted: foundRetweeted.contains(tweet.id),
                          original: original)
            }
        }
        return page.compactMap { tweet in
            guard let originalID = tweet.retweetOf else { return view(tweet) }
            guard let original = originals[originalID].flatMap({ view($0) }) else { return nil }
            return view(tweet, original: original)
        }
    }

    private func likedIDs(by viewerID: Int64?, among ids: [Int64]) async throws -> Set<Int64> {
        guard let viewerID else { return [] }
        return try await likes.liked(by: viewerID, type: .tweet, among: ids)
    }

    private func retweetedIDs(by viewerID: Int64?, among ids: [Int64]) async throws -> Set<Int64> {
        guard let viewerID else { return [] }
        return try await tweets.retweeted(by: viewerID, among: ids)
    }
}
