import Crypto
import Foundation
import NIOCore
import NIOHTTP1

/// The few S3 operations Starling needs, signed with SigV4 (`x-amz-content-sha256` and
/// `Content-MD5` on every upload), each retried a bounded number of times when S3 answers 5xx or
/// cannot be reached.
public struct S3Client: Sendable {
    public let configuration: S3Configuration
    let signer: SigV4Signer
    let transport: S3Transport
    /// Seconds since 1970 (injected so tests can sign at a fixed time).
    let now: @Sendable () -> Int64

    public init(configuration: S3Configuration, now: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970) }) throws {
        self.configuration = configuration
        self.signer = SigV4Signer(credentials: configuration.credentials, region: configuration.region)
        self.transport = try S3Transport(configuration: configuration)
        self.now = now
    }

    /// PutObject: stores `data` under `key` with its content type and caching headers.
    public func putObject(_ data: ByteBuffer, key: String, contentType: String, cacheControl: String? = nil) async throws {
        let md5 = Data(Insecure.MD5.hash(data: Array(data.readableBytesView))).base64EncodedString()
        var headers = [("content-type", contentType), ("content-md5", md5)]
        if let cacheControl { headers.append(("cache-control", cacheControl)) }
        try await send("PUT", key: key, headers: headers, body: data, payloadHash: SigV4Signer.payloadHash(data.readableBytesView)) { response in
            guard response.status == 200 else { throw S3Error.status(response.status, await response.errorSummary()) }
        }
    }

    /// GetObject, streamed: `read` gets the answer while it arrives; nil when there is no such key.
    public func getObject<T: Sendable>(key: String, _ read: (inout S3Response) async throws -> T) async throws -> T? {
        try await send("GET", key: key) { response -> T? in
            if response.status == 404 { return nil }
            guard response.status == 200 else { throw S3Error.status(response.status, await response.errorSummary()) }
            return try await read(&response)
        }
    }

    /// DeleteObject; deleting a missing key succeeds.
    public func deleteObject(key: String) async throws {
        try await send("DELETE", key: key) { response in
            guard response.status == 204 || response.status == 200 || response.status == 404 else {
                throw S3Error.status(response.status, await response.errorSummary())
            }
        }
    }

    /// HeadBucket: whether the bucket exists and these keys may use it. Throws when S3 is unreachable.
    public func bucketExists() async throws -> Bool {
        try await send("HEAD", key: nil) { response in
            switch response.status {
            case 200: return true
            case 403, 404: return false
            default: throw S3Error.status(response.status, "\(response.head.status)")
            }
        }
    }

    /// CreateBucket (tests and first starts against an empty S3-compatible server).
    public func createBucket() async throws {
        try await send("PUT", key: nil) { response in
            guard response.status == 200 || response.status == 409 else { throw S3Error.status(response.status, await response.errorSummary()) }
        }
    }

    /// A URL anyone may GET `key` at until `signedAt + expires`.
    public func presignedURL(key: String, signedAt: Int64, expires: Int) -> String {
        let request = SigV4Request(method: "GET", path: configuration.path(key: key), headers: [("host", configuration.hostHeader)],
                                   payloadHash: SigV4Request.unsignedPayload)
        let query = signer.presignedQuery(request, amzDate: SigV4Signer.amzDate(signedAt), expires: expires)
        let scheme = configuration.useTLS ? "https" : "http"
        return "\(scheme)://\(configuration.hostHeader)\(SigV4Signer.uriEncode(request.path, keepSlash: true))?\(query)"
    }

    /// Signs and sends one request, again after a retryable failure (up to `attempts` in all,
    /// 100 ms, 200 ms, … apart).
    func send<T: Sendable>(_ method: String, key: String?, headers extra: [(String, String)] = [], body: ByteBuffer? = nil,
                           payloadHash: String = SigV4Request.emptyPayloadHash,
                           _ handle: (inout S3Response) async throws -> T) async throws -> T {
        var attempt = 1
        while true {
            do {
                return try await transport.execute(head(method, key: key, headers: extra, payloadHash: payloadHash,
                                                        length: body?.readableBytes ?? 0), body: body, handle)
            } catch let error as S3Error where error.isRetryable && attempt < configuration.attempts {
                try await Task.sleep(for: .milliseconds(100 << (attempt - 1)))
                attempt += 1
            }
        }
    }

    /// The request head with `x-amz-date`, `x-amz-content-sha256` and `Authorization`.
    func head(_ method: String, key: String?, headers extra: [(String, String)], payloadHash: String, length: Int) -> HTTPRequestHead {
        let amzDate = SigV4Signer.amzDate(now())
        var signed = [("host", configuration.hostHeader), ("x-amz-date", amzDate), ("x-amz-content-sha256", payloadHash)] + extra
        signed.append(("content-length", String(length)))
        let request = SigV4Request(method: method, path: configuration.path(key: key),
                                   headers: signed.map { (name: $0.0, value: $0.1) }, payloadHash: payloadHash)
        var headers = HTTPHeaders(signed)
        headers.add(name: "authorization", value: signer.authorization(request, amzDate: amzDate))
        headers.add(name: "connection", value: "close")
        return HTTPRequestHead(version: .http1_1, method: HTTPMethod(rawValue: method),
                               uri: SigV4Signer.uriEncode(request.path, keepSlash: true), headers: headers)
    }
}
