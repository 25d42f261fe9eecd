import NIOCore
import RESP
import StarlingCore

/// The `FeedCache` on Redis: each list is a sorted set of ids scored by the id itself (ids are
/// below 2^53, exact as scores), so pages are score ranges, newest first.
///
/// A complete list also holds a sentinel member scored 0: below every id, it is the first
/// member trimmed when a push overflows the cap — which is exactly when the list stops being
/// complete. Lists expire a week after their last fill; a list that is gone is a miss, rebuilt
/// from the store.
public final class RedisFeedCache: FeedCache {
    static let sentinel = "complete"
    static let listTTLMilliseconds = 7 * 24 * 3_600 * 1_000

    public let cap: Int
    private let client: RedisClient
    private let prefix: String
    private let near: NearCache?
    private let tracker: RedisInvalidationListener?

    /// The in-process copy of first pages, if any.
    public var nearCache: NearCache? { near }

    /// - Parameters:
    ///   - near: first pages (the newest ids) kept in the process, read on `tracker`'s connection
    ///     (`.reads` tracking) so that Redis pushes a change of any list read since; this process's
    ///     own writes drop theirs at once.
    public init(client: RedisClient, cap: Int = 800, prefix: String = "feed:", near: NearCache? = nil,
                tracker: RedisInvalidationListener? = nil) {
        self.client = client
        self.cap = cap
        self.prefix = prefix
        self.near = tracker == nil ? nil : near
        self.tracker = near == nil ? nil : tracker
    }

    public func page(_ key: String, _ page: PageRequest) async throws -> FeedCacheLookup {
        let list = prefix + key
        let newest = page.olderThan.map { RedisScoreBound.exclusive(Double($0)) } ?? .positiveInfinity
        if page.newerThan == nil {
            let lookup: FeedCacheLookup?
            if page.olderThan == nil, let first = try await firstPage(key, limit: page.limit) {
                lookup = first
            } else {
                lookup = try await pageDownToTheEnd(list, from: newest, limit: page.limit)
            }
            if let lookup { return lookup }
        }
        // Scores above `newerThan` (and so above 0) only: the sentinel is never part of a page.
        let oldest = RedisScoreBound.exclusive(Double(max(page.newerThan ?? 0, 0)))
        let replies = try await client.pipeline([
            .zrevrangebyscore(list, max: newest, min: oldest, limit: (0, page.limit + 1)),
            RESPCommand("ZSCORE", list, Self.sentinel),
            .exists([list]),
        ])
        guard replies.count == 3, let members = replies[0].array else {
            throw RedisError.protocolError("unexpected replies to a feed page: \(replies)")
        }
        let ids = members.compactMap(\.decimal)
        if ids.count > page.limit { return .hit(ids: Array(ids.prefix(page.limit)), hasNextPage: true) }
        guard replies[2].int == 1 else { return .miss }
        return replies[1].isNull ? .beyondCache : .hit(ids: ids, hasNextPage: false)
    }

    /// A page with no lower bound (every page but a pull-to-refresh), in one command: the range
    /// goes down to score 0 inclusive, so when it reaches the end of a complete list the sentinel
    /// comes last, and says the list is complete. Nil when the answer is empty: the list may be
    /// missing, or be filled between two commands, so the three-command pipeline asks again.
    private func pageDownToTheEnd(_ list: String, from newest: RedisScoreBound, limit: Int) async throws -> FeedCacheLookup? {
        try Self.downToTheEnd(try await client.send(.zrevrangebyscore(list, max: newest, min: .inclusive(0), limit: (0, limit + 2))), limit: limit)
    }

    /// A first page (the newest ids) from the near cache, else read on the tracking connection and
    /// kept when it is a hit: what `pageDownToTheEnd` would say. Nil without a near cache or a
    /// tracking connection now (then read it as any page).
    private func firstPage(_ key: String, limit: Int) async throws -> FeedCacheLookup?? {
        guard let near, let tracker else { return nil }
        let (held, ticket) = near.lookUp([key])
        if var bytes = held[0], bytes.readInteger(as: Int64.self) == Int64(limit), let more = bytes.readInteger(as: UInt8.self),
           bytes.readableBytes % 8 == 0 {
            var ids: [Int64] = []
            ids.reserveCapacity(bytes.readableBytes / 8)
            while let id = bytes.readInteger(as: Int64.self) { ids.append(id) }
            return .hit(ids: ids, hasNextPage: more == 1)
        }
        guard let ticket,
              let reply = try await tracker.read(.zrevrangebyscore(prefix + key, max: .positiveInfinity, min: .inclusive(0), limit: (0, limit + 2)))
        else { return nil }
        let lookup = try Self.downToTheEnd(reply, limit: limit)
        if case .hit(let ids, let hasNextPage)? = lookup {
            var bytes = ByteBuffer()
            bytes.reserveCapacity(9 + ids.count * 8)
            bytes.writeInteger(Int64(limit))
            bytes.writeInteger(UInt8(hasNextPage ? 1 : 0))
            for id in ids { bytes.writeInteger(id) }
            near.store([key], [bytes], ticket: ticket)
        }
        return lookup
    }

    /// What a range down to score 0 (`limit + 2` members at most) says, as `pageDownToTheEnd`.
    private static func downToTheEnd(_ reply: RESPValue, limit: Int) throws -> FeedCacheLookup? {
        guard let members = reply.array else { throw RedisError.protocolError("unexpected reply to a feed page: \(reply)") }
        let ids = members.compactMap(\.decimal)  // every member but the sentinel
        if ids.count > limit { return .hit(ids: Array(ids.prefix(limit)), hasNextPage: true) }
        if ids.count < members.count { return .hit(ids: ids, hasNextPage: false) }
        return ids.isEmpty ? nil : .beyondCache
    }

    public func fill(_ key: String, ids: [Int64], complete: Bool) async throws {
        defer { near?.invalidate([key]) }
        let list = prefix + key
        var members = ids.sorted(by: >).prefix(cap).map { (score: Double($0), member: String($0)) }
        if complete && ids.count <= cap { members.append((0, Self.sentinel)) }
        var commands: [RESPCommand] = [RESPCommand("MULTI"), .del([list])]
        if !members.isEmpty { commands += [.zadd(list, members), .pexpire(list, milliseconds: Self.listTTLMilliseconds)] }
        commands.append(RESPCommand("EXEC"))
        // MULTI … EXEC: readers see the old list or the new one, never a half-filled one. EXEC's
        // own replies hold the errors of the commands it ran.
        let replies = try await client.pipeline(commands)
        try (replies + (replies.last?.array ?? [])).throwingFirstError()
    }

    public func push(_ id: Int64, to keys: [String]) async throws {
        defer { near?.invalidate(keys) }
        let calls = keys.map { RedisClient.ScriptCall(keys: [prefix + $0], arguments: [String(id), String(cap), Self.sentinel]) }
        try await run(Self.pushIfCached, calls)
    }

    public func remove(_ id: Int64, from keys: [String]) async throws {
        defer { near?.invalidate(keys) }
        try await client.pipeline(keys.map { .zrem(prefix + $0, [String(id)]) }).throwingFirstError()
    }

    public func invalidate(_ keys: [String]) async throws {
        defer { near?.invalidate(keys) }
        try await client.del(keys.map { prefix + $0 })
    }

    /// The token is random: no two holds, in this process or another, share one.
    public func acquireLease(_ key: String, milliseconds: Int) async throws -> String? {
        let token = String(UInt64.random(in: 1 ... .max), radix: 36)
        let acquired = try await client.set(leaseKey(key), token, expireMilliseconds: max(1, milliseconds), onlyIfAbsent: true)
        return acquired ? token : nil
    }

    public func releaseLease(_ key: String, token: String) async throws {
        try await run(Self.deleteIfHeld, [RedisClient.ScriptCall(keys: [leaseKey(key)], arguments: [token])])
    }

    private func leaseKey(_ key: String) -> String {
        prefix + "lease:" + key
    }

    private func run(_ script: RedisScript, _ calls: [RedisClient.ScriptCall]) async throws {
        guard !calls.isEmpty else { return }
        try await client.evaluate(script, calls: calls).throwingFirstError()
    }
}
