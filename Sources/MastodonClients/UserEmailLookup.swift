import Accounts

/// Finds a user by e-mail address: Mastodon clients log in with the e-mail in the `username`
/// field of the password grant.
public protocol UserEmailLookup: Sendable {
    /// The id of the user with this (lower-case) e-mail address.
    func userID(email: String) async throws -> Int64?
}
