import Accounts
import Friendships
import Newsfeeds
import StarlingCore

extension Repositories {
    /// The same repositories, answering hybrid feed plans from the object cache, and forgetting
    /// them where their facts change: follows, a feed turning stale or current, celebrity flags.
    func cachingFeedPlans(by objects: ObjectCache) -> Repositories {
        var cached = self
        cached.friendships = CachedFriendshipRepository(friendships, objects: objects)
        cached.activity = CachedActivityRepository(activity, objects: objects)
        cached.celebrities = CachedCelebrityRepository(celebrities, objects: objects)
        cached.feedSources = CachedFeedSourceRepository(feedSources, objects: objects)
        return cached
    }
}
