import StarlingCore

/// Deletes what belongs to deleted comments: their likes. The in-memory comment repository needs
/// it, because there likes live in another object; a relational store does it in SQL, in the
/// delete's transaction.
public protocol CommentDependents: AnyObject, Sendable {
    /// Forgets the rows that belonged to the deleted comments.
    func commentsDeleted(_ commentIDs: [Int64]) async
}
