import Accounts

/// Checks a login (username or e-mail address) and password, as the password grant and the
/// authorize page's login form do. An unknown login takes as long as a wrong password.
public struct CheckPassword: Sendable {
    let users: any UserRepository
    let emails: any UserEmailLookup
    let credentials: Credentials

    public init(users: any UserRepository, emails: any UserEmailLookup, credentials: Credentials) {
        self.users = users
        self.emails = emails
        self.credentials = credentials
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
        return try await credentials.verify(password: password, of: user) ? user : nil
    }
}
