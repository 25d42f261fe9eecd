import Accounts

/// Checks a login (username or e-mail address) and password, as the password grant and the
/// authorize page's login form do. An unknown login takes as long as a wrong password.
public struct CheckPassword: Sendable {
    let users: any UserRepository
    let emails: any UserEmailLookup
    let credentials: Credentials
    /// Checked against when the user is unknown.
    let decoyHash: Task<String, any Error>

    public init(users: any UserRepository, emails: any UserEmailLookup, credentials: Credentials) {
        self.users = users
        self.emails = emails
        self.credentials = credentials
        self.decoyHash = Task { try await credentials.hash(password: String(UInt64.random(in: .min ... .max))) }
    }

    /// The user, or nil when the login and password do not match.
    public func callAsFunction(login: String?, password: String?) async throws -> User? {
        guard let login, let password, login.utf8.count <= 320, password.utf8.count <= 1_000 else { return nil }
        let name = login.trimmingCharacters(in: .whitespaces).lowercased()
        var user: User?
        if name.contains("@") {
            if let id = try await emails.userID(email: name) { user = try await users.user(id: id) }
        } else {
            user = try await users.user(username: name)
        }
        let hash: String
        if let user { hash = user.passwordHash } else { hash = try await decoyHash.value }
        let matches = try await credentials.verify(password: password, hash: hash)
        return matches ? user : nil
    }
}
