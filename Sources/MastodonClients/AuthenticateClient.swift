import Accounts

/// Checks a client's id and secret (the token and revoke endpoints).
struct AuthenticateClient: Sendable {
    let oauth: any OAuthRepository

    /// The application, or `OAuthError.invalidClient`.
    func callAsFunction(clientID: String?, clientSecret: String?) async throws -> ClientApplication {
        guard let clientID, let clientSecret, clientID.utf8.count <= 200,
              let application = try await oauth.application(clientID: clientID),
              application.clientSecretHash == Credentials.tokenHash(clientSecret)
        else { throw OAuthError.invalidClient }
        return application
    }
}
