import StarlingCore

/// When users were last active, and whether their pushed newsfeed missed tweets while they were
/// away. A user is active since their last recorded activity, or their sign-up if none was
/// recorded yet. Fanout skips users inactive for longer than a threshold, so a user who comes back
/// has a *stale* pushed feed until a `RestoreFeedJob` has written what they missed.
public protocol ActivityRepository: Sendable {
    /// In one transaction: records that the user was active at `now`; when they were last active
    /// before `inactiveBefore`, marks their pushed feed stale since that last activity and records
    /// `restore`. Returns whether it did (the user was coming back).
    func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool
    /// Those of `userIDs` active at or after `since`, in one round trip.
    func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64>
    /// Since when the user's pushed feed is stale (their last activity before an absence); nil
    /// when it is current.
    func feedStaleSince(userID: Int64) async throws -> Int64?
    /// Marks the pushed feed current again, if it is still stale since `since`.
    func markFeedCurrent(userID: Int64, staleSince since: Int64) async throws
}
