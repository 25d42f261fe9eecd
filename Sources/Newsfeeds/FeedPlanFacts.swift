/// What a `FeedPlan` is made of, in a form that stays true while it is cached: a plan says
/// whether the pushed feed is current *now*, an answer the clock alone changes; the facts say
/// since when, at least, the user has been active with a feed that awaits no restore, which only
/// their own activity changes. Each read evaluates them against its own threshold.
public struct FeedPlanFacts: Sendable, Equatable {
    /// The user's last activity is at or after this time (microseconds) and their pushed feed
    /// awaits no restore; nil when that could not be said (inactive, back but not restored, or
    /// active too close to the threshold for the entry's lifetime). Last activity only grows, so
    /// a lower bound read earlier stays a lower bound.
    public var activeAtOrAfter: Int64?
    /// The limit `celebrities` was read with.
    public var celebrityLimit: Int
    /// The celebrities the user follows, ascending, at most `celebrityLimit + 1`.
    public var celebrities: [Int64]

    public init(activeAtOrAfter: Int64?, celebrityLimit: Int, celebrities: [Int64]) {
        self.activeAtOrAfter = activeAtOrAfter
        self.celebrityLimit = celebrityLimit
        self.celebrities = celebrities
    }

    /// The plan of a read whose threshold of activity is `activeSince`; nil when the facts cannot
    /// answer for `limit` (their list was cut at a smaller limit).
    public func plan(activeSince: Int64, celebrityLimit limit: Int) -> FeedPlan? {
        let complete = celebrities.count <= celebrityLimit
        guard complete || limit <= celebrityLimit else { return nil }
        let current = activeAtOrAfter.map { $0 >= activeSince } ?? false
        let (kept, overflow) = limit.addingReportingOverflow(1)
        return FeedPlan(pushedFeedIsCurrent: current, celebrities: Array(celebrities.prefix(overflow ? limit : kept)))
    }
}
