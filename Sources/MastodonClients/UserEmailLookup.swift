import Accounts

/// Finds a user by e-mail address: Mastodon clients log in with the e-mail in the `username`
/// field of the password grant.
public protocol UserEmailLookup: Sendable {
    /// The id of the user with this (lower-case) e-mail address.
    func userID(email: String) async throws -> Int64?
}

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
