/// A code the authorize page gave a user's approval as: single use, short lived, bound to its
/// application and redirect URI. Stored by the hash of its text.
public struct AuthorizationCode: Sendable, Equatable {
    public var codeHash: String
    public var applicationID: Int64
    public var userID: Int64
    public var redirectURI: String
    public var scopes: Scopes
    /// Microseconds since the epoch after which it is refused.
    public var expiresAt: Int64

    public init(codeHash: String, applicationID: Int64, userID: Int64, redirectURI: String, scopes: Scopes, expiresAt: Int64) {
        self.codeHash = codeHash
        self.applicationID = applicationID
        self.userID = userID
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.expiresAt = expiresAt
    }

    /// How long a code lasts: ten minutes, in microseconds.
    public static let lifetime: Int64 = 600 * 1_000_000
}
