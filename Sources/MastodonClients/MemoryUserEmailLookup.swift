import Accounts

/// `UserEmailLookup` over the in-memory users: a scan, which is fine for what memory holds.
public struct MemoryUserEmailLookup: UserEmailLookup {
    let users: any UserRepository

    public init(users: any UserRepository) {
        self.users = users
    }

    public func userID(email: String) async throws -> Int64? {
        try await users.list(offset: 0, limit: Int.max).users.first { $0.email == email }?.id
    }
}
