import MastodonClients

/// Mastodon's Application entity as `POST /api/v1/apps` answers it, with the secret shown once.
struct ApplicationJSON: Encodable, Sendable {
    var id: String
    var name: String
    var website: String?
    var scopes: [String]
    var redirectURI: String
    var redirectURIs: [String]
    var clientID: String
    var clientSecret: String
    var clientSecretExpiresAt = 0
    var vapidKey = ""

    init(_ application: ClientApplication, clientSecret: String) {
        id = String(application.id)
        name = application.name
        website = application.website
        scopes = application.scopes.words
        redirectURI = application.redirectURIs.joined(separator: "\n")
        redirectURIs = application.redirectURIs
        clientID = application.clientID
        self.clientSecret = clientSecret
    }

    enum CodingKeys: String, CodingKey {
        case id, name, website, scopes
        case redirectURI = "redirect_uri"
        case redirectURIs = "redirect_uris"
        case clientID = "client_id"
        case clientSecret = "client_secret"
        case clientSecretExpiresAt = "client_secret_expires_at"
        case vapidKey = "vapid_key"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(name, forKey: .name)
        try container.encode(website, forKey: .website)
        try container.encode(scopes, forKey: .scopes)
        try container.encode(redirectURI, forKey: .redirectURI)
        try container.encode(redirectURIs, forKey: .redirectURIs)
        try container.encode(clientID, forKey: .clientID)
        try container.encode(clientSecret, forKey: .clientSecret)
        try container.encode(clientSecretExpiresAt, forKey: .clientSecretExpiresAt)
        try container.encode(vapidKey, forKey: .vapidKey)
    }
}

/// Mastodon's Token entity. No `expires_in`: Mastodon.py refuses a null one, and tokens last
/// until revoked.
struct TokenJSON: Encodable, Sendable {
    var accessToken: String
    var tokenType = "Bearer"
    var scope: String
    var createdAt: Int64

    init(text: String, token: AccessToken) {
        accessToken = text
        scope = token.scopes.description
        createdAt = token.createdAt / 1_000_000
    }

    enum CodingKeys: String, CodingKey {
        case scope
        case accessToken = "access_token"
        case tokenType = "token_type"
        case createdAt = "created_at"
    }
}
