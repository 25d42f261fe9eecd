/// Stores users and their profiles.
public protocol UserRepository: Sendable {
    /// Stores a new user. Throws `AccountsError.usernameTaken` or `.emailTaken` on a duplicate.
    func create(_ user: User) async throws
    /// The user with this id.
    func user(id: Int64) async throws -> User?
    /// The user with this (lower-case) username.
    func user(username: String) async throws -> User?
    /// The users with these ids, in one round trip; unknown ids are absent.
    func users(ids: [Int64]) async throws -> [Int64: User]
    /// The users with these ids as pages show them (authors, actors, followers): like `users(ids:)`,
    /// except that `email` and `passwordHash` may be empty. Never check a password, or show an
    /// address, with a user read so.
    func profiles(ids: [Int64]) async throws -> [Int64: User]
    /// Changes the profile fields given (nil leaves a field alone); returns the updated user.
    func updateProfile(userID: Int64, changes: ProfileChanges) async throws -> User?
    /// One page of all users, oldest first, and the total count.
    func list(offset: Int, limit: Int) async throws -> (total: Int, users: [User])
    /// Grants or withdraws the admin flag; false when the user does not exist.
    func setStaff(username: String, isStaff: Bool) async throws -> Bool
}

extension UserRepository {
    /// The whole users: a store reads every column anyway.
    public func profiles(ids: [Int64]) async throws -> [Int64: User] {
        try await users(ids: ids)
    }
}
