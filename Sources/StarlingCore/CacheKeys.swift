/// Every cache key and feature-switch name of Starling, in one place.
public enum CacheKeys {
    /// A user's newsfeed: a capped list of tweet ids (`FeedCache`).
    public static func newsfeed(_ userID: Int64) -> String { "newsfeed:\(userID)" }
    /// A user's own tweets: a capped list of tweet ids (`FeedCache`).
    public static func timeline(_ userID: Int64) -> String { "tweets:\(userID)" }
    /// A user with their profile (`KeyValueCache`).
    public static func user(_ userID: Int64) -> String { "user:\(userID)" }
    /// A tweet with its counters (`KeyValueCache`).
    public static func tweet(_ tweetID: Int64) -> String { "tweet:\(tweetID)" }
    /// A live session: `userID:validUntil` (`KeyValueCache`).
    public static func session(_ tokenHash: String) -> String { "session:\(tokenHash)" }
    /// How many followers a user has (`KeyValueCache` counter).
    public static func followersCount(_ userID: Int64) -> String { "followers_count:\(userID)" }
    /// How many users a user follows (`KeyValueCache` counter).
    public static func followingsCount(_ userID: Int64) -> String { "followings_count:\(userID)" }

    /// How long objects stay in the object cache: bounded, so an invalidation lost while the
    /// cache was unreachable heals by itself.
    public static let objectTTLSeconds = 600
}
