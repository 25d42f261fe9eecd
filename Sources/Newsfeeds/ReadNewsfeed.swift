import StarlingCore

/// Reads a page of a user's newsfeed ids, by the feed model:
/// - push: the pushed feed, through the feed cache when the `newsfeed_cache` switch is on for
///   the user, else straight from the newsfeed table;
/// - pull: one statement merging the timelines of the user and everyone they follow;
/// - hybrid: the pushed feed merged with the timelines of the celebrities the user follows (one
///   statement for all of them); a user whose pushed feed is not current (inactive, or back but
///   not yet restored) or who follows more celebrities than the merge bound is read by pull.
///
/// Every model answers a page of the same cursors with the same ids; a page costs a constant
/// number of round trips: push one (cache) or two (miss); pull one; hybrid three, the last two
/// at once (the plan, then the pushed page beside the celebrities' page).
public struct ReadNewsfeed: Sendable {
    let newsfeeds: any NewsfeedRepository
    let reader: CachedListReader
    let switches: any FeatureSwitches
    let sources: (any FeedSourceRepository)?
    let rules: FeedRules
    let clock: any WallClock

    public init(newsfeeds: any NewsfeedRepository, reader: CachedListReader, switches: any FeatureSwitches,
                sources: (any FeedSourceRepository)? = nil, rules: FeedRules = .pushToAll, clock: any WallClock = SystemWallClock()) {
        self.newsfeeds = newsfeeds
        self.reader = reader
        self.switches = switches
        self.sources = sources
        self.rules = rules
        self.clock = clock
    }

    /// Tweet ids, newest first.
    public func callAsFunction(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        guard let sources, rules.model != .push else { return try await pushed(owner: owner, page: page) }
        if rules.model == .pull { return try await sources.pulledFeed(owner: owner, page: page) }
        let (since, overflow) = clock.nowMicros().subtractingReportingOverflow(rules.inactiveMicros)
        let limit = rules.maximumMergedCelebrities
        let plan = try await sources.plan(owner: owner, activeSince: overflow ? .min : since, celebrityLimit: limit)
        guard plan.pushedFeedIsCurrent, plan.celebrities.count <= limit else {
            return try await sources.pulledFeed(owner: owner, page: page)
        }
        guard !plan.celebrities.isEmpty else { return try await pushed(owner: owner, page: page) }
        async let own = pushed(owner: owner, page: page)
        async let pulled = sources.tweetIDs(by: plan.celebrities, page: page)
        return try await own.merging(try await pulled, for: page)
    }

    /// The pushed feed's page: the cached list, or the newsfeed table.
    private func pushed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        let newsfeeds = self.newsfeeds
        let load: CachedListReader.Load = { try await newsfeeds.entries(owner: owner, page: $0).map(\.tweetID) }
        guard await switches.isOn(FeatureSwitch.newsfeedCache, for: owner) else { return try await load(page) }
        return try await reader.page(CacheKeys.newsfeed(owner), page, load: load)
    }
}
