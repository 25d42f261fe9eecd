import StarlingCore

/// An `ActivityRepository` that forgets the user's cached feed plan when their pushed feed turns
/// stale (they came back after an absence) and when it is current again (restored), right after
/// the change committed. Other recorded activity only moves their last activity later, which
/// leaves the plan's lower bound on it true (`FeedPlanFacts`): nothing to forget.
public struct CachedActivityRepository: ActivityRepository {
    let base: any ActivityRepository
    let objects: ObjectCache

    public init(_ base: any ActivityRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool {
        let returned = try await base.recordActivity(userID: userID, at: now, inactiveBefore: inactiveBefore, restore: restore)
        if returned { await objects.invalidate(CacheKeys.feedPlanKeys(userID)) }
        return returned
    }

    public func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64> {
        try await base.active(among: userIDs, since: since)
    }

    public func feedStaleSince(userID: Int64) async throws -> Int64? {
        try await base.feedStaleSince(userID: userID)
    }

    public func markFeedCurrent(userID: Int64, staleSince since: Int64) async throws {
        try await base.markFeedCurrent(userID: userID, staleSince: since)
        await objects.invalidate(CacheKeys.feedPlanKeys(userID))
    }
}
