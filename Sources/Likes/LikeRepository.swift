import StarlingCore

/// Stores likes. The liked object's `likes_count` changes in the same transaction as the like
/// row, so counts and rows never drift, also under concurrent likes.
public protocol LikeRepository: LikeLookup {
    /// In one transaction: stores the like, adds one to the target's `likes_count` and records
    /// `jobs` — unless the user already likes it, in which case nothing changes and the existing
    /// like is returned.
    func like(_ like: Like, jobs: [Job]) async throws -> Like
    /// In one transaction: removes the like and takes one from the target's `likes_count`.
    /// Returns false when there was none.
    func cancel(userID: Int64, target: LikeTarget) async throws -> Bool
    /// The user's like of the target, if any.
    func find(userID: Int64, target: LikeTarget) async throws -> Like?
    /// The newest likes of a target, newest first.
    func likes(of target: LikeTarget, limit: Int) async throws -> [Like]
}
