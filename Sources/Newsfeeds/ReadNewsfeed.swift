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
/// number of round trips: push one (cache) or two (miss); pull one; hybrid one — the plan and the
/// cached page at once — then, when the user follows celebrities, one more for their page, beside
/// the pushed page's load when the cache missed (a miss costs what it costs the push model).
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
        // The pushed page is read from the feed cache beside the plan, not after it: most plans
        // say the pushed feed is current, and then the page costs no round trip of its own. The
        // read ahead only reads (a miss is loaded, and filled, once the plan says so), and a plan
        // that says pull leaves it unused. Sent together, the two reads see the same moment but
        // for a restore finishing between them: then one page can lack what it wrote.
        async let ahead = cachedPushed(owner: owner, page: page)
        let plan = try await sources.plan(owner: owner, activeSince: overflow ? .min : since, celebrityLimit: limit)
        guard plan.pushedFeedIsCurrent, plan.celebrities.count <= limit else {
            return try await sources.pulledFeed(owner: owner, page: page)
        }
        guard !plan.celebrities.isEmpty else {
            if let own = await ahead { return own }
            return try await pushed(owner: owner, page: page)
        }
        async let pulled = sources.tweetIDs(by: plan.celebrities, page: page)
        let own = if let own = await ahead { own } else { try await pushed(owner: owner, page: page) }
        return own.merging(try await pulled, for: page)
    }

    /// The pushed feed's page when the feed cache holds it, else nil.
    private func cachedPushed(owner: Int64, page: PageRequest) async -> Page<Int64>? {
        guard await switches.isOn(FeatureSwitch.newsfeedCache, for: owner) else { return nil }
        return await reader.cachedPage(CacheKeys.newsfeed(owner), page)
    }

    /// The pushed feed's page: the cached list, or the newsfeed table.
    private func pushed(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        let newsfeeds = self.newsfeeds
        let load: CachedListReader.Load = { try await newsfeeds.entries(owner: owner, page: $0).map(\.tweetID) }
        guard await switches.isOn(FeatureSwitch.newsfeedCache, for: owner) else { return try await load(page) }
        return try await reader.page(CacheKeys.newsfeed(owner), page, load: load)
    }
}
