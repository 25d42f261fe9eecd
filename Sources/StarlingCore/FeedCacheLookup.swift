/// What a cached list says about one page.
public enum FeedCacheLookup: Sendable, Equatable {
    /// The list is not cached.
    case miss
    /// The page, answered from the list.
    case hit(ids: [Int64], hasNextPage: Bool)
    /// The list is cached but cannot answer this page (it lies past the cap): ask the store.
    case beyondCache
}
