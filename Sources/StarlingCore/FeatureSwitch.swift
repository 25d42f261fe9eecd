/// The names of the feature switches.
public enum FeatureSwitch {
    /// Newsfeed pages read through the feed cache (on for everyone by default).
    public static let newsfeedCache = "newsfeed_cache"

    /// Every switch's default percentage.
    public static let defaults: [String: Int] = [newsfeedCache: 100]
}
