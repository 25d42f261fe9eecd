import S3
import Testing

@Suite struct S3ConfigurationTests {
    static let keys = SigV4Credentials(accessKeyID: "a", secretAccessKey: "b")

    @Test func anotherServerIsAddressedPathStyle() throws {
        let configuration = try S3Configuration(bucket: "media", endpoint: "http://127.0.0.1:9000", credentials: Self.keys)
        #expect(configuration.addressing == .pathStyle)
        #expect(configuration.hostHeader == "127.0.0.1:9000")
        #expect(configuration.path(key: "photos/a.png") == "/media/photos/a.png")
        #expect(configuration.path(key: nil) == "/media")
    }

    @Test func awsIsAddressedVirtualHostedByDefault() throws {
        let configuration = try S3Configuration(bucket: "media", region: "eu-west-1", credentials: Self.keys)
        #expect(configuration.addressing == .virtualHosted)
        #expect(configuration.useTLS)
        #expect(configuration.hostHeader == "media.s3.eu-west-1.amazonaws.com")
        #expect(configuration.path(key: "photos/a.png") == "/photos/a.png")
    }

    @Test func anEndpointNamingTheBucketIsVirtualHosted() throws {
        let configuration = try S3Configuration(bucket: "media", endpoint: "http://media.storage.test:8080", credentials: Self.keys)
        #expect(configuration.addressing == .virtualHosted)
        #expect(configuration.hostHeader == "media.storage.test:8080")
    }

    @Test(arguments: ["ftp://host", "host:9000", "http://", "http://h:0", "http://h:99999", "http://u@h"])
    func aMalformedEndpointIsRefused(_ endpoint: String) {
        #expect(throws: S3Error.self) { try S3Configuration(bucket: "media", endpoint: endpoint, credentials: Self.keys) }
    }

    @Test(arguments: ["ab", "Media", "-media", "media_", String(repeating: "a", count: 64)])
    func aMalformedBucketIsRefused(_ bucket: String) {
        #expect(throws: S3Error.self) { try S3Configuration(bucket: bucket, credentials: Self.keys) }
    }

    @Test func retriesAreForAnswersThatMayChange() {
        #expect(S3Error.status(503, "SlowDown").isRetryable)
        #expect(S3Error.status(500, "InternalError").isRetryable)
        #expect(S3Error.status(429, "").isRetryable)
        #expect(S3Error.unreachable("refused").isRetryable)
        #expect(!S3Error.status(403, "AccessDenied").isRetryable)
        #expect(!S3Error.status(404, "NoSuchBucket").isRetryable)
        #expect(!S3Error.configuration("bad").isRetryable)
    }
}
