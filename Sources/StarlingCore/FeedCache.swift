/// The feed-cache port: capped lists of ids, newest first — a user's newsfeed, a user's own
/// tweets. Ids are times in microseconds, so a list is ordered by its ids. Each list holds at
/// most `cap` ids; a list that holds everything (fewer than `cap` ids ever) is *complete*, so a
/// short page from it is the end of the list, while pages past the oldest id of an incomplete
/// list must come from the store.
public protocol FeedCache: Sendable {
    /// The most ids a list keeps.
    var cap: Int { get }
    /// One page of a cached list (ids newest first, within the page's bounds).
    func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup
    /// Replaces a list with `ids` (newest first; only the first `cap` are kept). `complete` when
    /// `ids` is the whole list.
    func fill(_ key: String, ids: [Int64], complete: Bool) async throws
    /// Adds `id` to those of `keys` that are cached (others are rebuilt on their next read),
    /// trimming each to the cap — one round trip for all keys.
    func push(_ id: Int64, to keys: [String]) async throws
    /// Removes `id` from those of `keys` that are cached, in one round trip.
    func remove(_ id: Int64, from keys: [String]) async throws
    /// Forgets lists; they are rebuilt from the store on their next read.
    func invalidate(_ keys: [String]) async throws
    /// Takes the lease on filling `key` for `milliseconds`, across processes: a token naming this
    /// hold if this caller won it, nil if another holds it. Others wait briefly for the list
    /// instead of loading it too.
    func acquireLease(_ key: String, milliseconds: Int) async throws -> String?
    /// Gives a lease back early, only while `token` still holds it: a holder whose lease expired
    /// and was taken by another (in this process or not) never releases the newer lease.
    func releaseLease(_ key: String, token: String) async throws
}
