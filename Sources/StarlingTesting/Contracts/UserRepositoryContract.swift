import Accounts
import StarlingCore
import App
import Testing

/// The behaviour every `UserRepository` must have.
public enum UserRepositoryContract {
    public static func run(_ repositories: Repositories) async throws {
        let users = repositories.users
        let alice = User(id: 10, username: "alice_1", email: "alice@example.com", passwordHash: "h1", createdAt: 10)
        let bob = User(id: 20, username: "bob_22", email: "bob@example.com", passwordHash: "h2", createdAt: 20)
        try await users.create(alice)
        try await users.create(bob)

        #expect(try await users.user(id: 10) == alice)
        #expect(try await users.user(username: "bob_22") == bob)
        #expect(try await users.user(id: 99) == nil)
        let found = try await users.users(ids: [10, 20, 99])
        #expect(found.count == 2)
        #expect(found[20]?.email == "bob@example.com")
        #expect(try await users.users(ids: []).isEmpty)

        await #expect(throws: AccountsError.usernameTaken) {
            try await users.create(User(id: 30, username: "alice_1", email: "x@example.com", passwordHash: "h", createdAt: 30))
        }
        await #expect(throws: AccountsError.emailTaken) {
            try await users.create(User(id: 31, username: "carol_3", email: "bob@example.com", passwordHash: "h", createdAt: 31))
        }
        #expect(try await users.user(id: 30) == nil)
        #expect(try await users.user(id: 31) == nil)

        let renamed = try await users.updateProfile(userID: 10, changes: ProfileChanges(nickname: .some("Al")))
        #expect(renamed?.nickname == "Al")
        #expect(try await users.user(id: 10)?.nickname == "Al")
        let cleared = try await users.updateProfile(userID: 10, changes: ProfileChanges(nickname: .some(nil)))
        #expect(cleared?.nickname == nil)
        #expect(try await users.updateProfile(userID: 99, changes: ProfileChanges(nickname: .some("x"))) == nil)

        let (total, page) = try await users.list(offset: 1, limit: 5)
        #expect(total == 2)
        #expect(page.map(\.id) == [20])

        #expect(try await users.setStaff(username: "bob_22", isStaff: true))
        #expect(try await users.user(id: 20)?.isStaff == true)
        #expect(try await !users.setStaff(username: "nobody", isStaff: true))
    }
}
