/// An OAuth 2 error (RFC 6749 §5.2): the code a client reads in `error`, and a description.
public struct OAuthError: Error, Sendable, Equatable {
    /// `invalid_client`, `invalid_grant`, `invalid_request`, `invalid_scope`, `unsupported_grant_type`.
    public let code: String
    public let description: String

    public init(_ code: String, _ description: String) {
        self.code = code
        self.description = description
    }

    public static let invalidClient = OAuthError("invalid_client",
        "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.")
    public static let invalidGrant = OAuthError("invalid_grant",
        "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.")
    public static func invalidRequest(_ what: String) -> OAuthError { OAuthError("invalid_request", what) }
    public static let invalidScope = OAuthError("invalid_scope", "The requested scope is invalid, unknown, or malformed.")
    public static let unsupportedGrantType = OAuthError("unsupported_grant_type",
        "The authorization grant type is not supported by the authorization server.")
}
