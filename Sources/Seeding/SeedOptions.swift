/// The shape of a synthetic social graph.
public struct SeedOptions: Sendable, Equatable {
    /// Users in all, celebrities included.
    public var users = 2_000
    /// Random other users each user follows (besides the celebrities).
    public var followsPerUser = 100
    /// Users everybody follows.
    public var celebrities = 1
    /// Tweets per user, spread over the last 30 days.
    public var tweetsPerUser = 20
    /// Comments on each user's latest tweet.
    public var comments = 10
    /// Likes of each user's latest tweet.
    public var likes = 5
    /// The random seed: the same seed and options give the same graph.
    public var seed: UInt64 = 42
    /// "Now", in microseconds since the epoch: tweets fall in the 30 days before it.
    public var now: Int64 = 0

    public init() {}

    /// The first problem with these options, if any.
    public var problem: String? {
        if users < 2 { return "--users must be at least 2" }
        if celebrities < 0 || celebrities >= users { return "--celebrities must be between 0 and users - 1" }
        if followsPerUser < 0 || followsPerUser > users - 1 - celebrities { return "--follows-per-user must be between 0 and users - celebrities - 1" }
        if tweetsPerUser < 0 || comments < 0 || likes < 0 { return "counts cannot be negative" }
        if likes > users - 1 { return "--likes must be below --users" }
        return nil
    }
}
