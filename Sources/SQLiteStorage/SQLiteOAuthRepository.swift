import MastodonClients
import SQLiteDriver
import StarlingCore

/// `OAuthRepository` on SQLite.
public struct SQLiteOAuthRepository: OAuthRepository {
    let store: SQLiteStore

    public init(store: SQLiteStore) {
        self.store = store
    }

    public func create(_ application: ClientApplication) async throws {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO oauth_applications (id, name, website, redirect_uris, scopes, client_id, client_secret_hash)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, [application.id.sqlite, application.name.sqlite, application.website.sqlite,
                      application.redirectURIs.joined(separator: "\n").sqlite, application.scopes.description.sqlite,
                      application.clientID.sqlite, application.clientSecretHash.sqlite])
        }
    }

    public func application(clientID: String) async throws -> ClientApplication? {
        try await store.read("""
            SELECT id, name, website, redirect_uris, scopes, client_id, client_secret_hash FROM oauth_applications WHERE client_id = ?
            """, [clientID.sqlite]).first.map { row in
            ClientApplication(id: row.int64("id"), name: row.string("name"), website: row.optionalString("website"),
                              redirectURIs: row.string("redirect_uris").split(separator: "\n").map(String.init),
                              scopes: Scopes(row.string("scopes").split(separator: " ").map(String.init)),
                              clientID: row.string("client_id"), clientSecretHash: row.string("client_secret_hash"))
        }
    }

    public func create(_ token: AccessToken) async throws {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO oauth_access_tokens (token_hash, application_id, user_id, scopes, created_at) VALUES (?, ?, ?, ?, ?)
                """, [token.tokenHash.sqlite, token.applicationID.sqlite, token.userID.map(\.sqlite) ?? .null,
                      token.scopes.description.sqlite, token.createdAt.sqlite])
        }
    }

    public func token(hash: String) async throws -> AccessToken? {
        try await store.read("SELECT token_hash, application_id, user_id, scopes, created_at FROM oauth_access_tokens WHERE token_hash = ?",
                             [hash.sqlite]).first.map { row in
            let user = row.column("user_id")
            return AccessToken(tokenHash: row.string("token_hash"), applicationID: row.int64("application_id"),
                               userID: user.flatMap { $0.isNull ? nil : $0.integer.map(Int64.init) },
                               scopes: Scopes(row.string("scopes").split(separator: " ").map(String.init)),
                               createdAt: row.int64("created_at"))
        }
    }

    public func revokeToken(hash: String, applicationID: Int64) async throws -> Bool {
        try await store.write { tx in
            try tx.change("DELETE FROM oauth_access_tokens WHERE token_hash = ? AND application_id = ?",
                                [hash.sqlite, applicationID.sqlite]) > 0
        }
    }

    public func create(_ code: AuthorizationCode) async throws {
        try await store.write { tx in
            try tx.execute("""
                INSERT INTO oauth_authorization_codes (code_hash, application_id, user_id, redirect_uri, scopes, expires_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """, [code.codeHash.sqlite, code.applicationID.sqlite, code.userID.sqlite, code.redirectURI.sqlite,
                      code.scopes.description.sqlite, code.expiresAt.sqlite])
        }
    }

    public func consumeCode(hash: String, now: Int64) async throws -> AuthorizationCode? {
        let row = try await store.write { tx in
            try tx.execute("""
                DELETE FROM oauth_authorization_codes WHERE code_hash = ?
                RETURNING code_hash, application_id, user_id, redirect_uri, scopes, expires_at
                """, [hash.sqlite]).first
        }
        guard let row, row.int64("expires_at") > now else { return nil }
        return AuthorizationCode(codeHash: row.string("code_hash"), applicationID: row.int64("application_id"), userID: row.int64("user_id"),
                                 redirectURI: row.string("redirect_uri"),
                                 scopes: Scopes(row.string("scopes").split(separator: " ").map(String.init)),
                                 expiresAt: row.int64("expires_at"))
    }
}
