import StarlingCore

/// Deletes what belongs to a deleted tweet. The in-memory tweet repository needs it, because there
/// comments and likes live in other objects; a relational store does it in SQL, in the delete's
/// transaction.
public protocol TweetDependents: AnyObject, Sendable {
    /// Forgets the rows that belonged to the deleted tweet.
    func tweetDeleted(_ tweetID: Int64) async
}
