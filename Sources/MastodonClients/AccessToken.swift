/// An OAuth access token, stored by the hash of its text as sessions are. A token of the
/// client-credentials grant has no user: it stands for the application alone.
public struct AccessToken: Sendable, Equatable {
    public var tokenHash: String
    public var applicationID: Int64
    public var userID: Int64?
    public var scopes: Scopes
    /// Microseconds since the epoch.
    public var createdAt: Int64

    public init(tokenHash: String, applicationID: Int64, userID: Int64?, scopes: Scopes, createdAt: Int64) {
        self.tokenHash = tokenHash
        self.applicationID = applicationID
        self.userID = userID
        self.scopes = scopes
        self.createdAt = createdAt
    }
}
