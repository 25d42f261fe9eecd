import Foundation
import S3

/// The S3-compatible server the integration tests use, as `scripts/test` provides it:
/// `STARLING_TEST_S3_ENDPOINT` (`http://127.0.0.1:PORT`, moto). Each test makes its own bucket.
/// Without it these tests are skipped, except under `CI=true`, where they fail.
enum TestS3 {
    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    static var isEnabled: Bool { environment["STARLING_TEST_S3_ENDPOINT"] != nil || environment["CI"] == "true" }

    static let keys = SigV4Credentials(accessKeyID: "starling-test", secretAccessKey: "starling-test-secret")

    /// A client of a new, empty bucket on the test server.
    static func client(maximumBytes: Int = 100 << 20) async throws -> S3Client {
        guard let endpoint = environment["STARLING_TEST_S3_ENDPOINT"], !endpoint.isEmpty else {
            throw S3Error.configuration("STARLING_TEST_S3_ENDPOINT is not set; run the tests with scripts/test")
        }
        let bucket = "starling-test-\(UInt64.random(in: 0 ... .max))"
        var configuration = try S3Configuration(bucket: bucket, endpoint: endpoint, credentials: keys)
        configuration.requestTimeout = .seconds(30)
        configuration.connectTimeout = .seconds(15)  // a loaded machine, not the behaviour under test
        let client = try S3Client(configuration: configuration)
        try await client.createBucket()
        return client
    }

    /// A client of a loopback port nothing listens on.
    static func unreachableClient() throws -> S3Client {
        var configuration = try S3Configuration(bucket: "starling-down", endpoint: "http://127.0.0.1:\(try closedPort())", credentials: keys)
        configuration.attempts = 2
        return try S3Client(configuration: configuration)
    }

    /// A port that was free a moment ago (bound, then closed).
    static func closedPort() throws -> Int {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import socket; s=socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1]); s.close()"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard let port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw S3Error.configuration("no free port") }
        return port
    }

    /// The bytes at `url` fetched by curl, following redirects, with the final content type.
    static func curl(_ url: String) throws -> (status: Int, contentType: String, bytes: [UInt8]) {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("starling-curl-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-sS", "-L", "--max-time", "60", "-o", output.path, "-w", "%{http_code} %{content_type}", url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: " ", maxSplits: 1)
        let bytes = (try? Data(contentsOf: output)).map { [UInt8]($0) } ?? []
        return (Int(text.first ?? "") ?? 0, text.count > 1 ? String(text[1]) : "", bytes)
    }
}
