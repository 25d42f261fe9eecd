import NIOCore
import S3
import StarlingCore
import Testing

/// 5xx answers are retried, a bounded number of times.
@Suite struct S3RetryTests {
    func store(_ server: FailingServer) throws -> S3BlobStore {
        var configuration = try S3Configuration(bucket: "starling-retry", endpoint: "http://127.0.0.1:\(server.port)", credentials: TestS3.keys)
        configuration.attempts = 3
        // Patient bounds: on two loaded cores a loopback connect can wait seconds for an event loop,
        // and a timed-out attempt would be counted as one more failure.
        configuration.connectTimeout = .seconds(15)
        configuration.requestTimeout = .seconds(30)
        return S3BlobStore(client: try S3Client(configuration: configuration))
    }

    func requests(_ store: S3BlobStore) async throws -> Int? {
        let text = try await store.client.getObject(key: "count") { String(buffer: try await $0.collect(upTo: 100)) }
        return text.flatMap { Int($0) }
    }

    @Test func aRequestAnswered503TwiceSucceedsOnTheThirdAttempt() async throws {
        let server = try FailingServer(failures: 2)
        defer { server.stop() }
        let store = try store(server)
        let body = try await store.client.getObject(key: "photos/a.png") { String(buffer: try await $0.collect(upTo: 100)) }
        #expect(body == "ok")
        #expect(try await requests(store) == 3)
    }

    @Test func aServerThatKeepsFailingIsUnavailableAfterThreeAttempts() async throws {
        let server = try FailingServer(failures: 100)
        defer { server.stop() }
        let store = try store(server)
        await #expect(throws: StarlingError.unavailable("Media storage is unavailable, try again later.")) {
            try await store.put(ByteBuffer(bytes: [1]), key: "photos/a.png", contentType: "image/png")
        }
        #expect(try await requests(store) == 3, "three attempts, no more")
    }
}
