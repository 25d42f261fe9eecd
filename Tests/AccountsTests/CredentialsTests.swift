import Accounts
import Synchronization
import Testing

/// A hasher that records which hashes it was asked to check.
final class RecordingHasher: PasswordHasher {
    let checked = Mutex<[String]>([])

    func hash(password: String) async throws -> String { "hash:" + password }

    func verify(password: String, hash: String) async throws -> Bool {
        checked.withLock { $0.append(hash) }
        return hash == "hash:" + password
    }
}

struct CredentialsTests {
    @Test func anUnknownUserIsCheckedAgainstTheDecoyAndNeverMatches() async throws {
        let hasher = RecordingHasher()
        let credentials = Credentials(hasher: hasher)
        #expect(try await credentials.verify(password: "secret1", of: nil) == false)
        let decoy = try #require(hasher.checked.withLock { $0.first })
        #expect(decoy.hasPrefix("hash:"), "the hasher's own work was done, so the answer takes as long")
        let user = User(id: 1, username: "alice_01", email: "a@example.com", passwordHash: "hash:secret1", createdAt: 1)
        #expect(try await credentials.verify(password: "secret1", of: user))
        #expect(try await credentials.verify(password: "wrong", of: user) == false)
        #expect(hasher.checked.withLock { $0.count } == 3)
    }
}
