import Accounts
import StarlingCore

/// Turns tweets into views any face can render, in a constant number of store round trips
/// whatever the page size: one for the authors, one for whether the viewer liked them. The
/// photos come with the tweets.
public struct HydrateTweets: Sendable {
    let users: any UserRepository
    let likes: any LikeLookup

    public init(users: any UserRepository, likes: any LikeLookup) {
        self.users = users
        self.likes = likes
    }

    /// The tweets as `viewerID` sees them (nil: anonymous), in the given order. A tweet whose
    /// author is gone is left out.
    public func callAsFunction(_ page: [Tweet], viewerID: Int64?) async throws -> [TweetView] {
        guard !page.isEmpty else { return [] }
        let ids = page.map(\.id)
        async let authors = users.users(ids: Array(Set(page.map(\.userID))))
        async let liked = likedIDs(by: viewerID, among: ids)
        let (foundAuthors, foundLiked) = try await (authors, liked)
        return page.compactMap { tweet in
            foundAuthors[tweet.userID].map { TweetView(tweet: tweet, author: $0, hasLiked: foundLiked.contains(tweet.id)) }
        }
    }

    private func likedIDs(by viewerID: Int64?, among ids: [Int64]) async throws -> Set<Int64> {
        guard let viewerID else { return [] }
        return try await likes.liked(by: viewerID, type: .tweet, among: ids)
    }
}
