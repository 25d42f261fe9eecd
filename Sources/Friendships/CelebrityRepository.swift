import StarlingCore

/// Which users are celebrities: authors whose new tweets are not fanned out but pulled by their
/// followers at read time. The flag is sticky: the sweep sets it when a user's follower count
/// reaches the threshold and clears it only below half of it; an admin may pin it.
public protocol CelebrityRepository: Sendable {
    /// Since when the user is a celebrity (their tweets from then on are not fanned out), nil
    /// when they are not one.
    func celebritySince(_ userID: Int64) async throws -> Int64?
    /// Flags the user as a celebrity from `since` on (kept when already flagged); `pinned` keeps
    /// the sweep from clearing it. Returns whether the user was not flagged before.
    func flag(_ userID: Int64, since: Int64, pinned: Bool) async throws -> Bool
    /// In one transaction: clears the flag and records the job `backfill` makes from the time the
    /// user was a celebrity since. Returns false, recording nothing, when the user was not flagged.
    func unflag(_ userID: Int64, backfill: @escaping @Sendable (Int64) -> Job) async throws -> Bool
    /// Users not flagged with at least `followers` followers.
    func risen(followers: Int) async throws -> [Int64]
    /// Flagged users, not pinned, with fewer than `followers` followers.
    func fallen(followers: Int) async throws -> [Int64]
}
