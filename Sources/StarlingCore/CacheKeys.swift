/// Every cache key and feature-switch name of Starling, in one place.
public enum CacheKeys {
    /// A user's newsfeed: a capped list of tweet ids (`FeedCache`).
    public static func newsfeed(_ userID: Int64) -> String { "newsfeed:\(userID)" }
    /// A user's own tweets: a capped list of tweet ids (`FeedCache`).
    public static func timeline(_ userID: Int64) -> String { "tweets:\(userID)" }
    /// The key of object `id` of a kind (`tweet`, `user`): `kind:id`. `ObjectCache.fetch` takes
    /// the kind, so that an in-process cache need not make and parse the string.
    public static func numbered(_ kind: String, _ id: Int64) -> String { kind + ":" + String(id) }
    /// The kind of a user with their profile (`KeyValueCache`).
    public static let userKind = "user"
    /// A user with their profile (`KeyValueCache`).
    public static func user(_ userID: Int64) -> String { numbered(userKind, userID) }
    /// The kind of a tweet with its counters (`KeyValueCache`).
    public static let tweetKind = "tweet"
    /// A tweet with its counters (`KeyValueCache`).
    public static func tweet(_ tweetID: Int64) -> String { numbered(tweetKind, tweetID) }
    /// The kind of a tweet's latest likes (`CachedLikeRepository`).
    public static let tweetLikesKind = "tweet_likes"
    /// A tweet's latest likes, newest first (`KeyValueCache`).
    public static func tweetLikes(_ tweetID: Int64) -> String { numbered(tweetLikesKind, tweetID) }
    /// The kind of a tweet's first page of comments (`CachedCommentRepository`).
    public static let tweetCommentsKind = "tweet_comments"
    /// A tweet's first page of comments, oldest first (`KeyValueCache`).
    public static func tweetComments(_ tweetID: Int64) -> String { numbered(tweetCommentsKind, tweetID) }
    /// The kind of a viewer's latest likes and retweets (`CachedViewerMarks`).
    public static let viewerMarksKind = "marks"
    /// A viewer's latest likes and retweets (`KeyValueCache`).
    public static func viewerMarks(_ userID: Int64) -> String { numbered(viewerMarksKind, userID) }
    /// A live session: `userID:validUntil` (`KeyValueCache`).
    public static func session(_ tokenHash: String) -> String { "session:\(tokenHash)" }
    /// How many followers a user has (`KeyValueCache` counter).
    public static func followersCount(_ userID: Int64) -> String { "followers_count:\(userID)" }
    /// How many users a user follows (`KeyValueCache` counter).
    public static func followingsCount(_ userID: Int64) -> String { "followings_count:\(userID)" }
    /// What a hybrid read of a user's newsfeed must merge, as facts (`KeyValueCache`).
    public static func feedPlan(_ userID: Int64) -> String { "feed_plan:\(userID)" }
    /// The generation of a user's feed plan: a random number, deleted when their follows or
    /// their feed's currency change; a plan stored under another one is a miss (`KeyValueCache`).
    public static func feedPlanGeneration(_ userID: Int64) -> String { "feed_plan_generation:\(userID)" }
    /// What forgets a user's feed plan: its generation (no entry stored under the old one is read
    /// again, even one a read in flight stores later) and the entry itself.
    public static func feedPlanKeys(_ userID: Int64) -> [String] { [feedPlanGeneration(userID), feedPlan(userID)] }
    /// The generation of the celebrity flags, deleted whenever one changes: every feed plan stored
    /// under another one is a miss (`KeyValueCache`).
    public static let celebrityGeneration = "celebrity_generation:all"

    /// How long objects stay in the object cache: bounded, so an invalidation lost while the
    /// cache was unreachable heals by itself.
    public static let objectTTLSeconds = 600
    /// How long a feed plan stays cached: short, since it bounds anything an invalidation missed
    /// (a flag changed by a process with its own in-process cache).
    public static let feedPlanTTLSeconds = 60
    /// How long a deleted key is held against fills (`KeyValueCache.delete`): longer than a
    /// reader takes from its store read to its fill. A key changed again and again is read from
    /// the store while it is held.
    public static let holdSeconds = 5
    /// How long a generation stays cached: longer than any entry stored under it (an expired one
    /// only makes those entries misses).
    public static let generationTTLSeconds = 86_400
}
