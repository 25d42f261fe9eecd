import StarlingCore

/// Checks a username and password and starts a session.
public struct LogIn: Sendable {
    let users: any UserRepository
    let sessions: StartSession
    let credentials: Credentials

    public init(users: any UserRepository, sessions: StartSession, credentials: Credentials) {
        self.users = users
        self.sessions = sessions
        self.credentials = credentials
    }

    /// The user and a new token. Unknown user and wrong password get the same answer and take
    /// the same time, so the answer does not reveal which usernames exist.
    public func callAsFunction(username: String, password: String) async throws -> (User, String) {
        let user = try await users.user(username: username.trimmingCharacters(in: .whitespaces).lowercased())
        let matches = try await credentials.verify(password: password, of: user)
        guard let user, matches else {
            throw StarlingError.badRequest("Username and password does not match.")
        }
        return (user, try await sessions(for: user))
    }

}
