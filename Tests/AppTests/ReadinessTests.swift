import App
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import NIOCore
import StarlingCore
import StarlingTesting
import Testing

/// `GET /readyz` follows the services a process was configured with: 503 naming the one that
/// stopped answering, 200 again once it is back; `/healthz` answers 200 throughout.
@Suite(.testDatabases) struct ReadinessTests {
    @Test(.enabled(if: TestRedis.canStartServers), .timeLimit(.minutes(2)))
    func redisStoppedMakesTheServerUnreadyUntilItIsBack() async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try await Backend.sqlite.configuration()
            configuration.port = 0
            configuration.redisURL = try server.url
            var logger = Logger(label: "readiness")
            logger.logLevel = .critical
            let app = try await buildApplication(configuration, logger: logger)
            try await app.test(.live) { client in
                let ready = try await Self.readyz(client)
                #expect(ready.status == .ok, "\(ready.body)")
                #expect(ready.body["services"] as? [String: String] == ["database": "ok", "redis": "ok"])

                try await server.stop()
                let down = try await Self.poll(client, until: .serviceUnavailable)
                #expect(down.status == .serviceUnavailable)
                #expect(down.body["service"] as? String == "redis")
                #expect(down.body["failing"] as? [String] == ["redis"])
                #expect(try await client.execute(uri: "/healthz", method: .get) { $0.status } == .ok, "the process is still up")

                try await server.start()
                #expect(try await Self.poll(client, until: .ok).status == .ok, "ready again once Redis is back")
            }
        }
    }

    @Test(.enabled(if: TestPostgres.restartable != nil || TestPostgres.isRequired), .timeLimit(.minutes(2)))
    func postgresStoppedMakesTheServerUnreadyUntilItIsBack() async throws {
        let (url, control) = try #require(TestPostgres.restartable,
                                          "set STARLING_TEST_POSTGRES_RESTART_URL and STARLING_TEST_POSTGRES_CTL (scripts/test does)")
        let app = TestStarling(repositories: .postgres(try await TestPostgres.freshDatabase(on: url, timeout: .seconds(2))))
        try await app.test { api in
            #expect(try await Self.readyz(api.client).status == .ok)
            try await Self.control(control, "stop")
            do {
                let down = try await Self.poll(api.client, until: .serviceUnavailable)
                #expect(down.body["service"] as? String == "database", "\(down.body)")
            } catch {
                try await Self.control(control, "start")
                throw error
            }
            try await Self.control(control, "start")
            #expect(try await Self.poll(api.client, until: .ok, seconds: 60).status == .ok, "ready again once PostgreSQL is back")
        }
    }

    static func readyz(_ client: some TestClientProtocol) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        try await client.execute(uri: "/readyz", method: .get) { response in
            let body = try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any] ?? [:]
            return (response.status, body)
        }
    }

    /// Asks `/readyz` until it answers `status` (each answer bounded by the checks' 2 s).
    static func poll(_ client: some TestClientProtocol, until status: HTTPResponse.Status,
                     seconds: Int = 30) async throws -> (status: HTTPResponse.Status, body: [String: Any]) {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last = try await readyz(client)
        while last.status != status && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            let started = ContinuousClock.now
            last = try await readyz(client)
            #expect(ContinuousClock.now - started < .seconds(5), "a readiness answer is bounded")
        }
        return last
    }

    /// Runs the cluster's control command (`stop` or `start`), which returns once it is done.
    static func control(_ command: String, _ action: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command)
        process.arguments = [action]
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
        try #require(status == 0, "\(command) \(action) exited with \(status)")
    }
}
