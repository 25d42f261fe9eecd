import StarlingCore

/// Writes a new tweet into its author's own newsfeed. The in-memory tweet repository needs it,
/// because there the newsfeed lives in another object; a relational store does it in SQL.
public protocol AuthorFeedWriter: Sendable {
    func addToAuthorsFeed(_ tweet: Tweet) async throws
}
