import Accounts

/// Resolves a bearer token of a Mastodon client to what it stands for.
public struct AuthenticateToken: Sendable {
    let oauth: any OAuthRepository

    public init(oauth: any OAuthRepository) {
        self.oauth = oauth
    }

    /// The token, or nil when it is unknown or revoked.
    public func callAsFunction(_ text: String) async throws -> AccessToken? {
        guard !text.isEmpty, text.utf8.count <= 200 else { return nil }
        return try await oauth.token(hash: Credentials.tokenHash(text))
    }
}
