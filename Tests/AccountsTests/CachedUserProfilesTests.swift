import Accounts
import Logging
import StarlingCore
import Testing

/// `profiles(ids:)`: the cached users a page shows, read without their email and password hash,
/// from the same entries as `users(ids:)`.
@Suite struct CachedUserProfilesTests {
    let alice = User(id: 1, username: "alice_1", email: "alice.long.address@example.com",
                     passwordHash: "$2b$10$abcdefghijklmnopqrstuuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012", nickname: "Alice", createdAt: 5)
    let bob = User(id: 2, username: "bob_22", email: "bob@example.com", passwordHash: "h2", avatarKey: "avatars/b.png", createdAt: 6)

    func repository() async throws -> CachedUserRepository {
        let store = MemoryUserRepository()
        try await store.create(alice)
        try await store.create(bob)
        return CachedUserRepository(store, objects: ObjectCache(cache: MemoryKeyValueCache(clock: SystemWallClock()),
                                                                 logger: Logger(label: "test")))
    }

    @Test func profilesFilledFirstLeaveWholeUsersInTheCache() async throws {
        let users = try await repository()
        let profiles = try await users.profiles(ids: [1, 2, 3])
        #expect(profiles.count == 2)
        // A miss answers what the store read; a hit leaves the secrets out.
        let again = try await users.profiles(ids: [1, 2])
        for user in [alice, bob] {
            let shown = try #require(again[user.id])
            #expect(shown.username == user.username && shown.nickname == user.nickname && shown.avatarKey == user.avatarKey)
            #expect(shown.isStaff == user.isStaff && shown.createdAt == user.createdAt)
            #expect(shown.email.isEmpty && shown.passwordHash.isEmpty)
        }
        // The entries the profiles filled are whole: `users(ids:)` reads them back entire.
        #expect(try await users.users(ids: [1, 2]) == [1: alice, 2: bob])
        #expect(try await users.user(id: 1) == alice)
    }

    @Test func profilesReadEntriesThatUsersFilled() async throws {
        let users = try await repository()
        #expect(try await users.users(ids: [1, 2]) == [1: alice, 2: bob])
        let shown = try await users.profiles(ids: [2])
        #expect(shown[2]?.avatarKey == "avatars/b.png" && shown[2]?.email == "")
    }
}
