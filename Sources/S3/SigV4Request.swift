/// One HTTP request as SigV4 sees it: the method, the path and query *decoded* (the signer encodes
/// them the one canonical way), the headers to sign and the payload's hash.
public struct SigV4Request: Sendable, Equatable {
    /// The hash S3 accepts instead of a body's SHA-256 (presigned URLs use it).
    public static let unsignedPayload = "UNSIGNED-PAYLOAD"
    /// SHA-256 of no bytes.
    public static let emptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    public var method: String
    /// The decoded path, starting with `/` (`/example space/`, `/bucket/photos/a.png`).
    public var path: String
    /// Decoded query parameters, in any order.
    public var query: [(name: String, value: String)]
    /// Headers to sign (`host` at least), in any order and case.
    public var headers: [(name: String, value: String)]
    /// The lowercase hex SHA-256 of the body, or `unsignedPayload`.
    public var payloadHash: String

    public init(method: String, path: String, query: [(name: String, value: String)] = [],
                headers: [(name: String, value: String)], payloadHash: String = SigV4Request.emptyPayloadHash) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.payloadHash = payloadHash
    }

    public static func == (lhs: SigV4Request, rhs: SigV4Request) -> Bool {
        lhs.method == rhs.method && lhs.path == rhs.path && lhs.payloadHash == rhs.payloadHash
            && lhs.query.map { [$0.name, $0.value] } == rhs.query.map { [$0.name, $0.value] }
            && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }
}
