import MastodonClients
import PostgresNIO
import StarlingCore

/// `OAuthRepository` on PostgreSQL.
public struct PostgresOAuthRepository: OAuthRepository {
    let store: PostgresStore

    public init(store: PostgresStore) {
        self.store = store
    }

    public func create(_ application: ClientApplication) async throws {
        let uris = application.redirectURIs.joined(separator: "\n")
        let scopes = application.scopes.description
        try await store.rows("""
            INSERT INTO oauth_applications (id, name, website, redirect_uris, scopes, client_id, client_secret_hash)
            VALUES (\(application.id), \(application.name), \(application.website), \(uris), \(scopes), \(application.clientID),
                    \(application.clientSecretHash))
            """)
    }

    public func application(clientID: String) async throws -> ClientApplication? {
        try await store.rows("""
            SELECT id, name, website, redirect_uris, scopes, client_id, client_secret_hash FROM oauth_applications WHERE client_id = \(clientID)
            """).first.map { row in
            let (id, name, website, uris, scopes, client, secret) = try row.decode((Int64, String, String?, String, String, String, String).self)
            return ClientApplication(id: id, name: name, website: website, redirectURIs: uris.split(separator: "\n").map(String.init),
                                     scopes: Self.scopes(scopes), clientID: client, clientSecretHash: secret)
        }
    }

    public func create(_ token: AccessToken) async throws {
        let scopes = token.scopes.description
        try await store.rows("""
            INSERT INTO oauth_access_tokens (token_hash, application_id, user_id, scopes, created_at)
            VALUES (\(token.tokenHash), \(token.applicationID), \(token.userID), \(scopes), \(token.createdAt))
            """)
    }

    public func token(hash: String) async throws -> AccessToken? {
        try await store.rows("""
            SELECT token_hash, application_id, user_id, scopes, created_at FROM oauth_access_tokens WHERE token_hash = \(hash)
            """).first.map { row in
            let (tokenHash, application, user, scopes, created) = try row.decode((String, Int64, Int64?, String, Int64).self)
            return AccessToken(tokenHash: tokenHash, applicationID: application, userID: user, scopes: Self.scopes(scopes), createdAt: created)
        }
    }

    public func revokeToken(hash: String, applicationID: Int64) async throws -> Bool {
        try await !store.rows("""
            DELETE FROM oauth_access_tokens WHERE token_hash = \(hash) AND application_id = \(applicationID) RETURNING token_hash
            """).isEmpty
    }

    public func create(_ code: AuthorizationCode) async throws {
        let scopes = code.scopes.description
        try await store.rows("""
            INSERT INTO oauth_authorization_codes (code_hash, application_id, user_id, redirect_uri, scopes, expires_at)
            VALUES (\(code.codeHash), \(code.applicationID), \(code.userID), \(code.redirectURI), \(scopes), \(code.expiresAt))
            """)
    }

    public func consumeCode(hash: String, now: Int64) async throws -> AuthorizationCode? {
        guard let row = try await store.rows("""
            DELETE FROM oauth_authorization_codes WHERE code_hash = \(hash)
            RETURNING code_hash, application_id, user_id, redirect_uri, scopes, expires_at
            """).first else { return nil }
        let (codeHash, application, user, redirect, scopes, expires) = try row.decode((String, Int64, Int64, String, String, Int64).self)
        guard expires > now else { return nil }
        return AuthorizationCode(codeHash: codeHash, applicationID: application, userID: user, redirectURI: redirect,
                                 scopes: Self.scopes(scopes), expiresAt: expires)
    }

    static func scopes(_ text: String) -> Scopes {
        Scopes(text.split(separator: " ").map(String.init))
    }
}
