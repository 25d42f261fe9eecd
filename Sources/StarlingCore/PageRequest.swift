/// A request for one page of a time-ordered list, newest first.
///
/// Every list of the API is keyed by an identifier that is also its time in microseconds (see
/// `IDGenerator`), so the course's `created_at__lt` / `created_at__gt` and Starling's `max_id` /
/// `since_id` all become exclusive bounds on one integer key.
public struct PageRequest: Sendable, Equatable {
    /// The default page size of the API.
    public static let defaultLimit = 20
    /// The largest page a client may ask for.
    public static let maximumLimit = 100
    /// The most items a pull-to-refresh (only a lower bound) answers at once: the default feed
    /// cache's cap, so a refresh after a long absence still comes whole from a cached list.
    public static let refreshLimit = 800

    /// Only items with a key strictly below this.
    public var olderThan: Int64?
    /// Only items with a key strictly above this.
    public var newerThan: Int64?
    /// The page size.
    public var limit: Int

    public init(olderThan: Int64? = nil, newerThan: Int64? = nil, limit: Int = PageRequest.defaultLimit) {
        self.olderThan = olderThan
        self.newerThan = newerThan
        self.limit = limit
    }

    /// The newest page.
    public static let first = PageRequest()

    /// The bounds as a store query uses them: items must have a key strictly below `upper`…
    public var upper: Int64 { olderThan ?? .max }
    /// …and strictly above `lower`.
    public var lower: Int64 { newerThan ?? .min }
    /// Rows to fetch: one more than the page, which tells whether another page follows.
    public var rows: Int { limit + 1 }

    /// Whether `key` lies inside the bounds.
    public func contains(_ key: Int64) -> Bool {
        if let olderThan, key >= olderThan { return false }
        if let newerThan, key <= newerThan { return false }
        return true
    }

    /// Cuts a newest-first list of `limit + 1` candidates down to a page.
    public func page<Item>(fromNewestFirst candidates: [Item]) -> Page<Item> {
        Page(items: Array(candidates.prefix(limit)), hasNextPage: candidates.count > limit)
    }

    /// Cuts an oldest-first list of `limit + 1` candidates (lists that page forward) down to a page.
    public func page<Item>(fromOldestFirst candidates: [Item]) -> Page<Item> {
        page(fromNewestFirst: candidates)
    }
}
