import StarlingCore

/// A `UserRepository` that reads users by id through the object cache and forgets them when
/// they change. Lookups by username (login) always go to the store.
public struct CachedUserRepository: UserRepository {
    let base: any UserRepository
    let objects: ObjectCache

    public init(_ base: any UserRepository, objects: ObjectCache) {
        self.base = base
        self.objects = objects
    }

    public func create(_ user: User) async throws {
        try await base.create(user)
    }

    public func user(id: Int64) async throws -> User? {
        try await users(ids: [id])[id]
    }

    public func user(username: String) async throws -> User? {
        try await base.user(username: username)
    }

    public func users(ids: [Int64]) async throws -> [Int64: User] {
        try await objects.fetch(ids, kind: CacheKeys.userKind) { try await base.users(ids: $0) }
    }

    /// The same cached entries as `users(ids:)`, read without the email and the password hash:
    /// those are the only two strings of a user long enough to need heap memory, and a page
    /// decodes every author on it.
    public func profiles(ids: [Int64]) async throws -> [Int64: User] {
        let base = self.base
        let found = try await objects.fetch(ids, kind: CacheKeys.userKind) { missing in
            try await base.users(ids: missing).mapValues(ProfileOnly.init)
        }
        return found.mapValues(\.user)
    }

    public func updateProfile(userID: Int64, changes: ProfileChanges) async throws -> User? {
        let user = try await base.updateProfile(userID: userID, changes: changes)
        await objects.invalidate([CacheKeys.user(userID)])
        return user
    }

    public func list(offset: Int, limit: Int) async throws -> (total: Int, users: [User]) {
        try await base.list(offset: offset, limit: limit)
    }

    public func setStaff(username: String, isStaff: Bool) async throws -> Bool {
        let changed = try await base.setStaff(username: username, isStaff: isStaff)
        if changed, let user = try await base.user(username: username) { await objects.invalidate([CacheKeys.user(user.id)]) }
        return changed
    }
}
