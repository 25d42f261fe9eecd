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
    public init(page: PageNumber, pageSize: Int, count: Int, results: [Item], base: String, filter: String = "") throws {
        if page != .first, results.isEmpty { throw StarlingError.notFound }
        let first = filter.isEmpty ? base : "\(base)?\(filter.dropLast())"
        let next = page.hasNext(pageSize: pageSize, count: count) ? page.next : nil
        self.init(count: count,
                  next: next.map { "\(base)?\(filter)page=\($0)" },
                  previous: page.previous.map { $0 == .first ? first : "\(base)?\(filter)page=\($0)" },
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
