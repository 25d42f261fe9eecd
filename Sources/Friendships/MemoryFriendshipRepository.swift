import StarlingCore

/// The in-memory `FriendshipRepository`.
public actor MemoryFriendshipRepository: FriendshipRepository {
    private struct Key: Hashable {
        let from: Int64
        let to: Int64
    }

    private var rows: [Key: Friendship] = [:]
    private let outbox: MemoryOutbox

    public init(outbox: MemoryOutbox) {
        self.outbox = outbox
    }

    public func follow(_ friendship: Friendship, jobs: [Job]) async -> Bool {
        let key = Key(from: friendship.fromUserID, to: friendship.toUserID)
        guard rows[key] == nil else { return false }
        rows[key] = friendship
        for job in jobs { await outbox.append(job) }
        return true
    }

    public func unfollow(from: Int64, to: Int64, job: Job) async -> Bool {
        guard rows.removeValue(forKey: Key(from: from, to: to)) != nil else { return false }
        await outbox.append(job)
        return true
    }

    public func followers(of userID: Int64, page: PageRequest) -> Page<Friendship> {
        newestFirst(page) { $0.toUserID == userID }
    }

    public func followings(of userID: Int64, page: PageRequest) -> Page<Friendship> {
        newestFirst(page) { $0.fromUserID == userID }
    }

    public func followerIDs(of userID: Int64, after: Int64, limit: Int) -> [Int64] {
        Array(rows.values.filter { $0.toUserID == userID && $0.fromUserID > after }.map(\.fromUserID).sorted().prefix(limit))
    }

    public func followed(by userID: Int64, among candidates: [Int64]) -> Set<Int64> {
        Set(candidates.filter { rows[Key(from: userID, to: $0)] != nil })
    }

    public func followerIDs(of userID: Int64, in range: ClosedRange<Int64>) -> [Int64] {
        rows.values.filter { $0.toUserID == userID && range.contains($0.fromUserID) }.map(\.fromUserID).sorted()
    }

    public func counts(of userID: Int64) -> (followers: Int, followings: Int) {
        (rows.keys.filter { $0.to == userID }.count, rows.keys.filter { $0.from == userID }.count)
    }

    /// Every followed user's follower count (the celebrity sweep's input).
    public func followerCounts() -> [Int64: Int] {
        var counts: [Int64: Int] = [:]
        for key in rows.keys { counts[key.to, default: 0] += 1 }
        return counts
    }

    private func newestFirst(_ page: PageRequest, where matches: (Friendship) -> Bool) -> Page<Friendship> {
        let candidates = rows.values.filter { matches($0) && page.contains($0.id) }.sorted { $0.id > $1.id }
        return page.page(fromNewestFirst: Array(candidates.prefix(page.limit + 1)))
    }
}
