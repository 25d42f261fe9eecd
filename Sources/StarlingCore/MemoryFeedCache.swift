import Synchronization

/// The embedded `FeedCache`: capped id lists in this process.
public final class MemoryFeedCache: FeedCache {
    private struct List {
        var ids: [Int64]  // newest first
        var complete: Bool
    }

    private struct State {
        var lists: [String: List] = [:]
        var leases: [String: (token: String, until: Int64)] = [:]
        var leasesTaken: UInt64 = 0
    }

    public let cap: Int
    private let clock: any WallClock
    private let state = Mutex(State())

    public init(cap: Int = 800, clock: any WallClock) {
        self.cap = cap
        self.clock = clock
    }

    public func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup {
        state.withLock { state in
            guard let list = state.lists[key] else { return .miss }
            let inBounds = list.ids.filter(page.contains).prefix(page.limit + 1)
            if inBounds.count > page.limit { return .hit(ids: Array(inBounds.prefix(page.limit)), hasNextPage: true) }
            return list.complete ? .hit(ids: Array(inBounds), hasNextPage: false) : .beyondCache
        }
    }

    public func fill(_ key: String, ids: [Int64], complete: Bool) async throws {
        let kept = Array(ids.sorted(by: >).prefix(cap))
        state.withLock { $0.lists[key] = List(ids: kept, complete: complete && ids.count <= cap) }
    }

    public func push(_ id: Int64, to keys: [String]) async throws {
        state.withLock { state in
            for key in keys {
                guard var list = state.lists[key], !list.ids.contains(id) else { continue }
                let index = list.ids.firstIndex { $0 < id } ?? list.ids.count
                list.ids.insert(id, at: index)
                if list.ids.count > cap {
                    list.ids.removeLast(list.ids.count - cap)
                    list.complete = false
                }
                state.lists[key] = list
            }
        }
    }

    public func remove(_ id: Int64, from keys: [String]) async throws {
        state.withLock { state in
            for key in keys { state.lists[key]?.ids.removeAll { $0 == id } }
        }
    }

    public func invalidate(_ keys: [String]) async throws {
        state.withLock { state in
            for key in keys { state.lists[key] = nil }
        }
    }

    public func acquireLease(_ key: String, milliseconds: Int) async throws -> String? {
        let now = clock.nowMicros()
        return state.withLock { state in
            if let lease = state.leases[key], lease.until > now { return nil }
            state.leasesTaken += 1
            let token = String(state.leasesTaken)
            state.leases[key] = (token, now + Int64(milliseconds) * 1_000)
            return token
        }
    }

    public func releaseLease(_ key: String, token: String) async throws {
        state.withLock { state in
            if state.leases[key]?.token == token { state.leases[key] = nil }
        }
    }
}
