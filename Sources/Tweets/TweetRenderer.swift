import Accounts
import StarlingCore
import StarlingHTTP

/// Turns tweets into their API form in a constant number of store round trips, whatever the
/// page size: one for the authors with their profiles, one for `has_liked`. The photos come with
/// the tweets.
public struct TweetRenderer: Sendable {
    let users: any UserRepository
    let likes: any LikeLookup

    public init(users: any UserRepository, likes: any LikeLookup) {
        self.users = users
        self.likes = likes
    }

    /// The tweets in their API form, in the given order. A tweet whose author is gone is left out.
    public func render(_ page: [Tweet], for viewer: Viewer?) async throws -> [TweetJSON] {
        guard !page.isEmpty else { return [] }
        let ids = page.map(\.id)
        async let authors = users.users(ids: Array(Set(page.map(\.userID))))
        async let liked = likedIDs(by: viewer, among: ids)
        let (foundAuthors, foundLiked) = try await (authors, liked)
        return page.compactMap { tweet in
            foundAuthors[tweet.userID].map { TweetJSON(tweet, author: $0, hasLiked: foundLiked.contains(tweet.id)) }
        }
    }

    private func likedIDs(by viewer: Viewer?, among ids: [Int64]) async throws -> Set<Int64> {
        guard let viewer else { return [] }
        return try await likes.liked(by: viewer.userID, type: .tweet, among: ids)
    }
}
