import StarlingCore

/// The in-memory `ActivityRepository`. A user with no recorded activity counts from their
/// sign-up, read from `users`.
public actor MemoryActivityRepository: ActivityRepository {
    private var lastActive: [Int64: Int64] = [:]
    private var staleSince: [Int64: Int64] = [:]
    private let users: any UserRepository
    private let outbox: MemoryOutbox

    public init(users: any UserRepository, outbox: MemoryOutbox) {
        self.users = users
        self.outbox = outbox
    }

    public func recordActivity(userID: Int64, at now: Int64, inactiveBefore: Int64, restore: Job) async throws -> Bool {
        guard let previous = try await lastActivity(userID) else { return false }
        lastActive[userID] = max(previous, now)
        guard previous < inactiveBefore else { return false }
        if staleSince[userID] == nil { staleSince[userID] = previous }
        await outbox.append(restore)
        return true
    }

    public func active(among userIDs: [Int64], since: Int64) async throws -> Set<Int64> {
        let unknown = userIDs.filter { lastActive[$0] == nil }
        let created = try await users.users(ids: unknown)
        return Set(userIDs.filter { (lastActive[$0] ?? created[$0]?.createdAt ?? .min) >= since })
    }

    public func feedStaleSince(userID: Int64) -> Int64? {
        staleSince[userID]
    }

    public func markFeedCurrent(userID: Int64, staleSince since: Int64) {
        if staleSince[userID] == since { staleSince[userID] = nil }
    }

    private func lastActivity(_ userID: Int64) async throws -> Int64? {
        if let known = lastActive[userID] { return known }
        return try await users.user(id: userID)?.createdAt
    }
}
