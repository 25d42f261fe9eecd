import StarlingCore

/// A list in page-number pagination: `{"count", "next", "previous", "results"}`.
public struct NumberedPage<Item: Encodable & Sendable>: Encodable, Sendable {
    public var count: Int
    public var next: String?
    public var previous: String?
    public var results: [Item]

    public init(count: Int, next: String?, previous: String?, results: [Item]) {
        self.count = count
        self.next = next
        self.previous = previous
        self.results = results
    }

    /// Page `page` of `count` items, `pageSize` a page, with links to its neighbours under `base`
    /// (which carries no query) keeping the list's `filter` (`unread=true&`, say, or empty). A page
    /// past the last is a 404, as the course's lists answer.
    public init(page: Int, pageSize: Int, count: Int, results: [Item], base: String, filter: String = "") throws {
        if page > 1, results.isEmpty { throw StarlingError.notFound }
        let first = filter.isEmpty ? base : "\(base)?\(filter.dropLast())"
        self.init(count: count,
                  next: page * pageSize < count ? "\(base)?\(filter)page=\(page + 1)" : nil,
                  previous: page > 1 ? (page == 2 ? first : "\(base)?\(filter)page=\(page - 1)") : nil,
                  results: results)
    }

    enum CodingKeys: String, CodingKey { case count, next, previous, results }

    /// `next` and `previous` are always present, `null` at the ends.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(count, forKey: .count)
        try container.encode(next, forKey: .next)
        try container.encode(previous, forKey: .previous)
        try container.encode(results, forKey: .results)
    }
}
