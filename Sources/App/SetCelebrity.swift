import Friendships
import StarlingCore

/// `starling admin celebrity`: applies an admin's choice to one user's celebrity flag from a
/// process that holds none of the servers' caches. A changed flag is told to them through the
/// outbox: a `ForgetCachedObjectsJob` of the celebrity generation, which a server or worker runs
/// against its object cache, so every follower's next read after it asks the store again.
/// Returns whether the user is a celebrity after it.
public func setCelebrity(_ userID: Int64, to choice: FlagCelebrities.Choice, repositories: Repositories, threshold: Int,
                         clock: any WallClock = SystemWallClock(), warn: @escaping @Sendable (String) -> Void) async throws -> Bool {
    let ids = IDGenerator(clock: clock)
    let outbox = repositories.outbox
    let celebrities = CachedCelebrityRepository(repositories.celebrities) { keys in
        do {
            try await outbox.append(Job(id: ids.next(), ForgetCachedObjectsJob(keys: keys)))
        } catch {
            warn("cached newsfeed plans follow the change within \(CacheKeys.feedPlanTTLSeconds) s only: \(error)")
        }
    }
    let flags = FlagCelebrities(celebrities: celebrities, clock: clock, ids: ids, threshold: threshold, jobsRecorded: {})
    return try await flags.set(userID, to: choice)
}
