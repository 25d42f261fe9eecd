/// Where a bucket lives and how to reach it.
///
/// The endpoint is written as you would reach the service: `https://s3.eu-west-1.amazonaws.com`
/// (the default for the region; requests are virtual-hosted, `bucket.s3.…/key`), an endpoint that
/// already starts with the bucket (`https://media.s3.eu-west-1.amazonaws.com`, virtual-hosted), or
/// any other S3-compatible server (`http://127.0.0.1:9000`: path-style, `/bucket/key`).
public struct S3Configuration: Sendable, Equatable {
    /// Path-style (`host/bucket/key`) or virtual-hosted (`bucket.host/key`) requests.
    public enum Addressing: Sendable, Equatable {
        case pathStyle, virtualHosted
    }

    public var bucket: String
    public var region: String
    public var credentials: SigV4Credentials
    public var useTLS: Bool
    /// The host requests go to (for virtual-hosted addressing, with the bucket in front).
    public var host: String
    public var port: Int
    public var addressing: Addressing
    /// Connecting, and a whole request–response exchange, are bounded by these.
    public var connectTimeout: Duration = .seconds(2)
    public var requestTimeout: Duration = .seconds(20)
    /// Attempts per request when the server answers 5xx or cannot be reached (at least 1).
    public var attempts = 3
    /// How long a presigned media URL is valid (see `S3BlobStore.temporaryLink`).
    public var linkLifetimeSeconds: Int64 = 2 * 3_600

    /// - Parameter endpoint: `scheme://host[:port]`; nil for AWS's endpoint of `region`.
    public init(bucket: String, region: String = "us-east-1", endpoint: String? = nil, credentials: SigV4Credentials) throws {
        guard Self.isValidBucketName(bucket) else { throw S3Error.configuration("s3-bucket \(bucket) is not a valid bucket name") }
        self.bucket = bucket
        self.region = region
        self.credentials = credentials
        let url = endpoint ?? "https://s3.\(region).amazonaws.com"
        let scheme: Substring
        let rest: Substring
        if let range = url.range(of: "://") {
            scheme = url[..<range.lowerBound]
            rest = url[range.upperBound...]
        } else {
            throw S3Error.configuration("s3-endpoint must look like http(s)://host[:port], not \(url)")
        }
        guard scheme == "http" || scheme == "https" else { throw S3Error.configuration("s3-endpoint must be http or https, not \(scheme)") }
        useTLS = scheme == "https"
        let authority = rest.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard !authority.isEmpty, !authority.contains("@") else { throw S3Error.configuration("s3-endpoint has no host: \(url)") }
        if let colon = authority.lastIndex(of: ":"), !authority.hasSuffix("]") {
            guard let port = Int(authority[authority.index(after: colon)...]), (1...65_535).contains(port) else {
                throw S3Error.configuration("s3-endpoint has a bad port: \(url)")
            }
            host = String(authority[..<colon])
            self.port = port
        } else {
            host = String(authority)
            port = useTLS ? 443 : 80
        }
        if host.lowercased().hasPrefix(bucket + ".") {
            addressing = .virtualHosted
        } else if endpoint == nil || host.lowercased().hasSuffix(".amazonaws.com") {
            addressing = .virtualHosted
            host = "\(bucket).\(host)"
        } else {
            addressing = .pathStyle
        }
    }

    /// The `Host` header: the host, with the port unless it is the scheme's default.
    public var hostHeader: String {
        port == (useTLS ? 443 : 80) ? host : "\(host):\(port)"
    }

    /// The decoded request path of an object (or of the bucket for `key` nil).
    public func path(key: String?) -> String {
        switch addressing {
        case .pathStyle: "/\(bucket)" + (key.map { "/\($0)" } ?? "")
        case .virtualHosted: "/" + (key ?? "")
        }
    }

    /// 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit.
    static func isValidBucketName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...63).contains(bytes.count) else { return false }
        let alphanumeric: (UInt8) -> Bool = { (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        return alphanumeric(bytes.first!) && alphanumeric(bytes.last!)
            && bytes.allSatisfy { alphanumeric($0) || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: ".") }
    }
}
