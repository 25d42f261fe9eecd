import StarlingCore

/// Stores comments. The tweet's `comments_count` changes in the same transaction as the row.
public protocol CommentRepository: Sendable {
    /// In one transaction: stores the comment, adds one to its tweet's `comments_count`, and
    /// records `jobs`.
    func create(_ comment: Comment, jobs: [Job]) async throws
    /// The comment with this id.
    func comment(id: Int64) async throws -> Comment?
    /// The comments with these ids, in one round trip.
    func comments(ids: [Int64]) async throws -> [Int64: Comment]
    /// One page of a tweet's comments, oldest first, within the page's bounds.
    func comments(tweetID: Int64, page: PageRequest) async throws -> Page<Comment>
    /// Replaces the content; returns the updated comment, or nil when it does not exist.
    func update(id: Int64, content: String) async throws -> Comment?
    /// In one transaction: deletes the comment and its likes, and takes one from its tweet's
    /// `comments_count`. Returns false when it did not exist.
    func delete(id: Int64) async throws -> Bool
}
