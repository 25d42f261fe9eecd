/// A client registered through `POST /api/v1/apps`. Its secret is stored as a hash only (shown to
/// the client once, when it registers).
public struct ClientApplication: Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var website: String?
    /// The redirect URIs it may use, `urn:ietf:wg:oauth:2.0:oob` for a copy-paste code.
    public var redirectURIs: [String]
    public var scopes: Scopes
    public var clientID: String
    public var clientSecretHash: String

    public init(id: Int64, name: String, website: String?, redirectURIs: [String], scopes: Scopes, clientID: String,
                clientSecretHash: String) {
        self.id = id
        self.name = name
        self.website = website
        self.redirectURIs = redirectURIs
        self.scopes = scopes
        self.clientID = clientID
        self.clientSecretHash = clientSecretHash
    }

    /// The redirect URI that shows the code on a page instead of sending it anywhere.
    public static let outOfBand = "urn:ietf:wg:oauth:2.0:oob"
}
