import StarlingCore

/// The in-memory `CelebrityRepository`, counting followers in the in-memory friendships.
public actor MemoryCelebrityRepository: CelebrityRepository {
    private var flags: [Int64: (since: Int64, pinned: Bool)] = [:]
    private let friendships: MemoryFriendshipRepository
    private let outbox: MemoryOutbox

    public init(friendships: MemoryFriendshipRepository, outbox: MemoryOutbox) {
        self.friendships = friendships
        self.outbox = outbox
    }

    public func celebritySince(_ userID: Int64) -> Int64? {
        flags[userID]?.since
    }

    public func flag(_ userID: Int64, since: Int64, pinned: Bool) -> Bool {
        if let existing = flags[userID] {
            flags[userID] = (existing.since, pinned)
            return false
        }
        flags[userID] = (since, pinned)
        return true
    }

    public func unflag(_ userID: Int64, backfill: @escaping @Sendable (Int64) -> Job) async -> Bool {
        guard let flag = flags.removeValue(forKey: userID) else { return false }
        await outbox.append(backfill(flag.since))
        return true
    }

    public func risen(followers: Int) async -> [Int64] {
        await friendships.followerCounts().filter { $0.value >= followers && flags[$0.key] == nil }.map(\.key).sorted()
    }

    public func fallen(followers: Int) async -> [Int64] {
        let counts = await friendships.followerCounts()
        return flags.filter { !$0.value.pinned && counts[$0.key, default: 0] < followers }.map(\.key).sorted()
    }
}
