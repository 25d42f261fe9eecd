import NIOCore
import S3
import StarlingCore
import StarlingTestKit
import Testing

/// The S3 blob store against an S3-compatible server (moto), and with no server at all.
@Suite(.enabled(if: TestS3.isEnabled, "needs STARLING_TEST_S3_ENDPOINT (scripts/test starts a server)"))
struct S3BlobStoreTests {
    @Test func theBlobStoreContractHoldsOnS3() async throws {
        try await BlobStoreContract.run(S3BlobStore(client: try await TestS3.client()))
    }

    @Test func anObjectIsStoredWithItsContentTypeAndCachingHeaders() async throws {
        let client = try await TestS3.client()
        try await S3BlobStore(client: client).put(ByteBuffer(bytes: [1, 2, 3]), key: "photos/a.png", contentType: "image/png")
        let headers = try await client.getObject(key: "photos/a.png") { response in
            (response.head.headers["content-type"].first, response.head.headers["cache-control"].first)
        }
        #expect(headers?.0 == "image/png")
        #expect(headers?.1 == "public, max-age=31536000, immutable")
    }

    @Test func getObjectStreamsALargeObjectInPieces() async throws {
        let client = try await TestS3.client()
        let large = (0..<2_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        try await client.putObject(ByteBuffer(bytes: large), key: "photos/large.jpg", contentType: "image/jpeg")
        let read: (pieces: Int, bytes: [UInt8])? = try await client.getObject(key: "photos/large.jpg") { response in
            var pieces = 0
            var bytes: [UInt8] = []
            while let piece = try await response.next() {
                pieces += 1
                bytes += Array(piece.readableBytesView)
            }
            return (pieces, bytes)
        }
        let (pieces, bytes) = try #require(read)
        #expect(pieces > 1, "the body arrives piece by piece, not as one buffer")
        #expect(bytes == large)
    }

    @Test func anObjectLargerThanTheStoreReadsIsRefused() async throws {
        let client = try await TestS3.client()
        try await client.putObject(ByteBuffer(bytes: [UInt8](repeating: 7, count: 5_000)), key: "photos/big.png", contentType: "image/png")
        await #expect(throws: S3Error.self) { try await S3BlobStore(client: client, maximumBytes: 1_000).get("photos/big.png") }
    }

    @Test func aPresignedLinkServesTheBytesWithTheirContentType() async throws {
        let client = try await TestS3.client()
        let store = S3BlobStore(client: client)
        try await store.put(ByteBuffer(bytes: [9, 8, 7]), key: "avatars/x.gif", contentType: "image/gif")
        let link = store.temporaryLink(for: "avatars/x.gif")
        #expect(link.cacheSeconds >= 0 && link.cacheSeconds <= Int(client.configuration.linkLifetimeSeconds / 2))
        #expect(store.temporaryLink(for: "avatars/x.gif").url == link.url || link.cacheSeconds == 0, "one URL per window, so browsers cache")
        let fetched = try TestS3.curl(link.url)
        #expect(fetched.status == 200)
        #expect(fetched.contentType == "image/gif")
        #expect(fetched.bytes == [9, 8, 7])
    }

    @Test func theBucketCheckPassesForABucketAndRefusesAMissingOne() async throws {
        let client = try await TestS3.client()
        try await S3BlobStore(client: client).checkBucket()
        var missing = client.configuration
        missing.bucket = "starling-missing-\(UInt64.random(in: 0 ... .max))"
        await #expect(throws: S3Error.self) { try await S3BlobStore(client: try S3Client(configuration: missing)).checkBucket() }
    }
}

/// S3 out of reach: every operation is a 503-kind error, after bounded retries.
@Suite struct S3UnreachableTests {
    @Test func everyOperationIsUnavailable() async throws {
        let store = S3BlobStore(client: try TestS3.unreachableClient())
        let unavailable = StarlingError.unavailable("Media storage is unavailable, try again later.")
        await #expect(throws: unavailable) { try await store.put(ByteBuffer(bytes: [1]), key: "photos/a.png", contentType: "image/png") }
        await #expect(throws: unavailable) { try await store.get("photos/a.png") }
        await #expect(throws: unavailable) { try await store.delete("photos/a.png") }
        await #expect(throws: unavailable) { try await store.checkBucket() }
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let silent = try SilentServer()
        defer { silent.close() }
        var configuration = try S3Configuration(bucket: "starling-silent", endpoint: "http://127.0.0.1:\(silent.port)", credentials: TestS3.keys)
        configuration.requestTimeout = .milliseconds(300)
        configuration.attempts = 2
        let store = S3BlobStore(client: try S3Client(configuration: configuration))
        await #expect(throws: StarlingError.unavailable("Media storage is unavailable, try again later.")) { try await store.get("photos/a.png") }
    }
}
