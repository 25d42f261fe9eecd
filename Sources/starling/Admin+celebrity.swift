import App
import ArgumentParser
import Friendships
import StarlingCore

extension Admin {
    /// `starling admin celebrity USERNAME on|off|auto`. Clearing records the backfill of the
    /// user's pulled tweets in the outbox; a running server or worker delivers it.
    func setCelebrity() async throws {
        guard let text = choice, let choice = FlagCelebrities.Choice(rawValue: text.lowercased()) else {
            throw ValidationError("celebrity needs on, off or auto")
        }
        let configuration = try settings.resolve()
        let name = username.lowercased()
        let result = try await Database.withRepositories(configuration, logger: makeLogger()) { repositories -> Bool? in
            guard let user = try await repositories.users.user(username: name) else { return nil }
            let clock = SystemWallClock()
            let ids = IDGenerator(clock: clock)
            let outbox = repositories.outbox
            // The servers' caches are theirs: a job tells one of them to forget the cached feed plans.
            let celebrities = CachedCelebrityRepository(repositories.celebrities) { keys in
                do {
                    try await outbox.append(Job(id: ids.next(), ForgetCachedObjectsJob(keys: keys)))
                } catch {
                    print("warning: cached newsfeed plans follow the change within \(CacheKeys.feedPlanTTLSeconds) s only: \(error)")
                }
            }
            let flags = FlagCelebrities(celebrities: celebrities, clock: clock, ids: ids,
                                        threshold: configuration.celebrityFollowers, jobsRecorded: {})
            return try await flags.set(user.id, to: choice)
        }
        guard let isCelebrity = result else { throw ValidationError("no user named \(username)") }
        print("\(username): \(isCelebrity ? "a celebrity" : "not a celebrity") (\(choice.rawValue))")
    }
}
