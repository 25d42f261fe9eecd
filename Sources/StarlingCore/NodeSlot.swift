/// Which residue of the ids this process mints: slot `index` of `count`.
public struct NodeSlot: Sendable, Hashable {
    /// Slots a database hands out.
    public static let available = 16
    /// A process that shares its database with nobody (tests, the in-memory store): every id is its own.
    public static let alone = NodeSlot(index: 0, count: 1)

    public let index: Int
    public let count: Int

    public init(index: Int, count: Int = NodeSlot.available) {
        precondition(count > 0 && (0..<count).contains(index))
        self.index = index
        self.count = count
    }
}
