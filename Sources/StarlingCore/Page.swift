/// One page of a list, newest first.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Whether more items lie beyond this page in the same direction.
    public var hasNextPage: Bool

    public init(items: [Item], hasNextPage: Bool) {
        self.items = items
        self.hasNextPage = hasNextPage
    }

    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try items.map(transform), hasNextPage: hasNextPage)
    }
}

extension Page: Equatable where Item: Equatable {}
