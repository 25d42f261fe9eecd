/// What a hybrid read of one user's feed must merge.
public struct FeedPlan: Sendable, Equatable {
    /// Whether the user's pushed feed holds everything fanout owed them: false while they are
    /// inactive, and after they came back until their feed is restored.
    public var pushedFeedIsCurrent: Bool
    /// The celebrities they follow, ascending, at most the limit asked for plus one (so that a
    /// reader can tell when there are more).
    public var celebrities: [Int64]

    public init(pushedFeedIsCurrent: Bool, celebrities: [Int64]) {
        self.pushedFeedIsCurrent = pushedFeedIsCurrent
        self.celebrities = celebrities
    }
}
