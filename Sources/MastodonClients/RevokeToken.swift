import Accounts

/// Revokes an access token (`POST /oauth/revoke`) for the client it was issued to.
public struct RevokeToken: Sendable {
    let oauth: any OAuthRepository
    let client: AuthenticateClient

    public init(oauth: any OAuthRepository) {
        self.oauth = oauth
        self.client = AuthenticateClient(oauth: oauth)
    }

    /// Revoking an unknown token succeeds too (RFC 7009: the client cannot tell).
    public func callAsFunction(clientID: String?, clientSecret: String?, token: String?) async throws {
        let application = try await client(clientID: clientID, clientSecret: clientSecret)
        guard let token, token.utf8.count <= 200 else { return }
        try await oauth.revokeToken(hash: Credentials.tokenHash(token), applicationID: application.id)
    }
}
