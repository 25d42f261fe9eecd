import Accounts
import Logging
import NIOCore
import StarlingCore

/// Followers and followings counts, kept as counters in the cache and backfilled from the store
/// on a miss. A follow or unfollow moves the counters only when they are cached; if that fails,
/// they are forgotten (an invalidation the object cache retries until it lands) and counted again
/// on the next read.
public struct FollowCounts: ProfileCounts {
    let friendships: any FriendshipRepository
    let objects: ObjectCache
    let logger: Logger
    private var cache: any KeyValueCache { objects.cache }

    public init(friendships: any FriendshipRepository, objects: ObjectCache, logger: Logger) {
        self.friendships = friendships
        self.objects = objects
        self.logger = logger
    }

    public func counts(userID: Int64) async throws -> [String: Int] {
        let keys = (followers: CacheKeys.followersCount(userID), followings: CacheKeys.followingsCount(userID))
        let pending = objects.pending(among: [keys.followers, keys.followings])
        if pending.isEmpty, let cached = try? await cache.get([keys.followers, keys.followings]),
           let followers = cached[keys.followers].flatMap({ Int(String(buffer: $0)) }),
           let followings = cached[keys.followings].flatMap({ Int(String(buffer: $0)) }) {
            return ["followers_count": followers, "followings_count": followings]
        }
        let counted = try await friendships.counts(of: userID)
        guard pending.isEmpty else { return ["followers_count": counted.followers, "followings_count": counted.followings] }
        do {
            try await cache.add([keys.followers: ByteBuffer(string: String(counted.followers)),
                                 keys.followings: ByteBuffer(string: String(counted.followings))],
                                ttlSeconds: CacheKeys.objectTTLSeconds)
        } catch {
            logger.debug("count cache fill failed", metadata: ["error": "\(error)"])
        }
        return ["followers_count": counted.followers, "followings_count": counted.followings]
    }

    /// Moves the counters after `followerID` started (+1) or stopped (-1) following `followeeID`.
    /// A counter that is not cached is deleted, which holds it: a read that counted the store
    /// before this change cannot `add` its count after it.
    func changed(followerID: Int64, followeeID: Int64, by delta: Int) async {
        let keys = [CacheKeys.followingsCount(followerID), CacheKeys.followersCount(followeeID)]
        do {
            var absent: [String] = []
            for key in keys where try await cache.increment(key, by: delta) == nil { absent.append(key) }
            if !absent.isEmpty { try await cache.delete(absent) }
        } catch {
            await objects.invalidate(keys)
        }
    }
}
