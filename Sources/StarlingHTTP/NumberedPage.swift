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
