import StarlingCore

/// Reads a page of a user's newsfeed ids: through the feed cache when the `newsfeed_cache`
/// switch is on for the user, else straight from the newsfeed table.
public struct ReadNewsfeed: Sendable {
    let newsfeeds: any NewsfeedRepository
    let reader: CachedListReader
    let switches: any FeatureSwitches

    public init(newsfeeds: any NewsfeedRepository, reader: CachedListReader, switches: any FeatureSwitches) {
        self.newsfeeds = newsfeeds
        self.reader = reader
        self.switches = switches
    }

    /// Tweet ids, newest first.
    public func callAsFunction(owner: Int64, page: PageRequest) async throws -> Page<Int64> {
        let newsfeeds = self.newsfeeds
        let load: CachedListReader.Load = { try await newsfeeds.entries(owner: owner, page: $0).map(\.tweetID) }
        guard await switches.isOn(FeatureSwitch.newsfeedCache, for: owner) else { return try await load(page) }
        return try await reader.page(CacheKeys.newsfeed(owner), page, load: load)
    }
}
