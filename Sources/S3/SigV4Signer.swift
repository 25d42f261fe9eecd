import Crypto

/// AWS Signature Version 4: the canonical request, the string to sign, the signing key, the
/// `Authorization` header and presigned query strings, as AWS's SigV4 test suite and the S3
/// documentation define them. Pure: the time comes in as an `amzDate` (`20150830T123600Z`).
public struct SigV4Signer: Sendable {
    public static let algorithm = "AWS4-HMAC-SHA256"

    public let credentials: SigV4Credentials
    public let region: String
    /// `s3` for S3; the test suite signs for `service`.
    public let service: String

    public init(credentials: SigV4Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// `20150830/us-east-1/service/aws4_request`.
    public func scope(amzDate: String) -> String {
        "\(amzDate.prefix(8))/\(region)/\(service)/aws4_request"
    }

    /// The signed headers' names, lower-case, sorted, joined by `;`.
    public func signedHeaders(_ request: SigV4Request) -> String {
        Set(request.headers.map { $0.name.lowercased() }).sorted().joined(separator: ";")
    }

    /// Method, encoded path, sorted encoded query, canonical headers, signed header names, payload hash.
    public func canonicalRequest(_ request: SigV4Request) -> String {
        let path = Self.uriEncode(request.path.isEmpty ? "/" : request.path, keepSlash: true)
        let pairs: [(name: String, value: String)] = request.query.map { (Self.uriEncode($0.name), Self.uriEncode($0.value)) }
        let sorted = pairs.sorted { (a: (name: String, value: String), b: (name: String, value: String)) -> Bool in
            a.name == b.name ? a.value < b.value : a.name < b.name
        }
        let query = sorted.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        var values: [String: [String]] = [:]
        for header in request.headers {
            let trimmed = header.value.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
            values[header.name.lowercased(), default: []].append(trimmed)
        }
        let headers = values.keys.sorted().map { "\($0):\(values[$0]!.joined(separator: ","))\n" }.joined()
        return [request.method, path, query, headers, signedHeaders(request), request.payloadHash].joined(separator: "\n")
    }

    /// The algorithm, the time, the scope and the canonical request's SHA-256.
    public func stringToSign(_ request: SigV4Request, amzDate: String) -> String {
        [Self.algorithm, amzDate, scope(amzDate: amzDate), Self.hex(SHA256.hash(data: Array(canonicalRequest(request).utf8)))]
            .joined(separator: "\n")
    }

    /// HMAC chain: `AWS4` + secret → date → region → service → `aws4_request`.
    public func signingKey(day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Array("AWS4\(credentials.secretAccessKey)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Array(HMAC<SHA256>.authenticationCode(for: Array(part.utf8), using: key)))
        }
        return key
    }

    /// The lowercase hex signature of the request at `amzDate`.
    public func signature(_ request: SigV4Request, amzDate: String) -> String {
        let key = signingKey(day: String(amzDate.prefix(8)))
        return Self.hex(HMAC<SHA256>.authenticationCode(for: Array(stringToSign(request, amzDate: amzDate).utf8), using: key))
    }

    /// The `Authorization` header value. The request's headers must already hold `x-amz-date`
    /// (and, for S3, `x-amz-content-sha256`).
    public func authorization(_ request: SigV4Request, amzDate: String) -> String {
        "\(Self.algorithm) Credential=\(credentials.accessKeyID)/\(scope(amzDate: amzDate)), "
            + "SignedHeaders=\(signedHeaders(request)), Signature=\(signature(request, amzDate: amzDate))"
    }

    /// The query string of a presigned URL: the request's own parameters and the `X-Amz-*` ones in
    /// canonical order, then `X-Amz-Signature`. Valid for `expires` seconds from `amzDate`.
    public func presignedQuery(_ request: SigV4Request, amzDate: String, expires: Int) -> String {
        var signed = request
        signed.query += [
            ("X-Amz-Algorithm", Self.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(amzDate: amzDate))"),
            ("X-Amz-Date", amzDate),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders(request)),
        ]
        let canonical = canonicalRequest(signed).split(separator: "\n", omittingEmptySubsequences: false)[2]
        return "\(canonical)&X-Amz-Signature=\(signature(signed, amzDate: amzDate))"
    }

    static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var text = ""
        for byte in bytes {
            text.unicodeScalars.append(Unicode.Scalar(digits[Int(byte >> 4)]))
            text.unicodeScalars.append(Unicode.Scalar(digits[Int(byte & 0xF)]))
        }
        return text
    }

    /// The lowercase hex SHA-256 of `bytes` (an `x-amz-content-sha256` value).
    public static func payloadHash<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hex(hasher.finalize())
    }
}
