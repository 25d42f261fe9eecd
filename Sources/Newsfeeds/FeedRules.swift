/// The settings that shape newsfeeds: the model, when a user counts as inactive, and how many
/// celebrity timelines one read merges at most.
public struct FeedRules: Sendable, Equatable {
    /// The default inactivity threshold: 30 days.
    public static let defaultInactiveDays = 30
    /// A read merges the timelines of at most this many followed celebrities; a user who follows
    /// more is read by pull (exact, one statement, but its cost grows with their followees).
    public static let defaultMaximumMergedCelebrities = 100

    public var model: FeedModel
    /// Absent longer than this (microseconds), a user gets no fanout (hybrid).
    public var inactiveMicros: Int64
    public var maximumMergedCelebrities: Int

    public init(model: FeedModel = .hybrid, inactiveDays: Int = FeedRules.defaultInactiveDays,
                maximumMergedCelebrities: Int = FeedRules.defaultMaximumMergedCelebrities) {
        self.model = model
        let (micros, overflow) = Int64(inactiveDays).multipliedReportingOverflow(by: 86_400_000_000)
        self.inactiveMicros = overflow ? .max : micros
        self.maximumMergedCelebrities = maximumMergedCelebrities
    }

    /// Today's behaviour before the models existed: push to everyone.
    public static let pushToAll = FeedRules(model: .push)
}
