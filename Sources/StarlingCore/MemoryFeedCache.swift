import Synchronization

/// The embedded `FeedCache`: capped id lists in this process, bounded by bytes as a whole.
///
/// Each list is charged its key, its ids' storage and its bookkeeping (`MemoryCost`); a fill or
/// push that takes the total past `byteBudget` drops the least recently read or written lists,
/// which are rebuilt from the store on their next read.
public final class MemoryFeedCache: FeedCache {
    private struct List {
        var ids: [Int64]  // newest first
        var complete: Bool
    }

    private struct State {
        var lists: ByteBoundedLRU<String, List>
        var leases: [String: (token: String, until: Int64)] = [:]
        var leasesTaken: UInt64 = 0
        /// Leases held when expired ones are swept next (leases given back early are removed at
        /// once; this bounds those whose holders never gave them back).
        var leaseSweepAt = 64
    }

    public let cap: Int
    private let clock: any WallClock
    private let state: Mutex<State>

    /// - Parameter byteBudget: the bytes the lists may take together; the least recently used go first.
    public init(cap: Int = 800, clock: any WallClock, byteBudget: Int = MemoryCacheBudget().feedBytes) {
        self.cap = cap
        self.clock = clock
        self.state = Mutex(State(lists: ByteBoundedLRU(budget: byteBudget)))
    }

    /// The bytes the lists are charged now, the most they may be, and how many are held.
    public var usage: (bytes: Int, budget: Int, lists: Int) {
        state.withLock { ($0.lists.bytes, $0.lists.budget, $0.lists.count) }
    }

    public func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup {
        state.withLock { state in
            guard let list = state.lists.value(forKey: key) else { return .miss }
            let inBounds = list.ids.lazy.filter(page.contains).prefix(page.limit + 1)
            if inBounds.count > page.limit { return .hit(ids: Array(inBounds.prefix(page.limit)), hasNextPage: true) }
            return list.complete ? .hit(ids: Array(inBounds), hasNextPage: false) : .beyondCache
        }
    }

    public func fill(_ key: String, ids: [Int64], complete: Bool) async throws {
        var kept: [Int64] = []
        kept.reserveCapacity(min(ids.count, cap))
        kept.append(contentsOf: ids.sorted(by: >).prefix(cap))
        let list = List(ids: kept, complete: complete && ids.count <= cap)
        let bytes = Self.cost(key: key, list)
        state.withLock { $0.lists.set(key, list, bytes: bytes) }
    }

    public func push(_ id: Int64, to keys: [String]) async throws {
        let cap = cap
        state.withLock { state in
            for key in keys {
                guard Self.holds(state.lists, key, absent: id) else { continue }
                state.lists.update(key) { list in
                    if list.ids.count >= cap {
                        // Full: the oldest id makes room first, so the array never grows past the cap.
                        list.complete = false
                        guard let oldest = list.ids.last, id > oldest else { return Self.cost(key: key, list) }
                        list.ids.removeLast(list.ids.count - cap + 1)
                    }
                    let index = list.ids.firstIndex { $0 < id } ?? list.ids.count
                    list.ids.insert(id, at: index)
                    return Self.cost(key: key, list)
                }
            }
        }
    }

    public func remove(_ id: Int64, from keys: [String]) async throws {
        state.withLock { state in
            for key in keys {
                state.lists.update(key) { list in
                    list.ids.removeAll { $0 == id }
                    return Self.cost(key: key, list)
                }
            }
        }
    }

    public func invalidate(_ keys: [String]) async throws {
        state.withLock { state in
            for key in keys { state.lists.remove(key) }
        }
    }

    public func acquireLease(_ key: String, milliseconds: Int) async throws -> String? {
        let now = clock.nowMicros()
        let (span, overflow) = Int64(milliseconds).multipliedReportingOverflow(by: 1_000)
        let until = overflow ? .max : now.addingReportingOverflow(span).partialValue
        return state.withLock { state in
            if let lease = state.leases[key], lease.until > now { return nil }
            if state.leases.count >= state.leaseSweepAt {
                state.leases = state.leases.filter { $0.value.until > now }
                state.leaseSweepAt = max(64, state.leases.count * 2)
            }
            state.leasesTaken += 1
            let token = String(state.leasesTaken)
            state.leases[key] = (token, until)
            return token
        }
    }

    public func releaseLease(_ key: String, token: String) async throws {
        state.withLock { state in
            if state.leases[key]?.token == token { state.leases[key] = nil }
        }
    }

    /// Whether `key` is cached without `id` (the list read is let go before the caller changes it
    /// in place, so that change does not copy it).
    private static func holds(_ lists: ByteBoundedLRU<String, List>, _ key: String, absent id: Int64) -> Bool {
        guard let list = lists.peek(key) else { return false }
        return !list.ids.contains(id)
    }

    /// What one list is charged: its bookkeeping, its key's heap and its ids' storage.
    private static func cost(key: String, _ list: List) -> Int {
        MemoryCost.tableEntry + MemoryCost.string(key) + MemoryCost.array(capacity: list.ids.capacity, stride: 8)
    }
}
