import Logging
import NIOCore
import RESP
import ServiceLifecycle
import StarlingTestKit
import Testing

/// The client when the server goes away, stalls, or asks for a password: each test owns a
/// private server, so stopping or pausing it disturbs no other test.
@Suite(.enabled(if: TestRedis.canStartServers, "needs STARLING_TEST_REDIS_CTL (scripts/test sets it)"))
struct RedisClientFaultTests {
    @Test func failsFastWhileTheServerIsDownAndRecoversWhenItIsBack() async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try RedisConfiguration(url: try server.url)
            configuration.poolSize = 2
            try await RedisClient.withClient(configuration: configuration) { redis in
                try await eventually { try await redis.ping() }
                try await server.stop()
                let clock = ContinuousClock()
                var waits: [Duration] = []
                for _ in 0..<10 {
                    let start = clock.now
                    let error = await #expect(throws: RedisError.self) { try await redis.ping() }
                    waits.append(clock.now - start)
                    #expect(error?.code == .unavailable || error?.code == .connectionClosed, "\(String(describing: error))")
                    try await Task.sleep(for: .milliseconds(100))
                }
                // Between connect attempts (250–500 ms apart) a call fails at once; during one it
                // waits for that attempt's refusal at most. Bounds are loose for a busy machine.
                #expect((waits.max() ?? .zero) < .seconds(1), "never a hang: \(waits)")
                #expect(waits.sorted()[4] < .milliseconds(150), "most calls fail at once: \(waits)")
                try await server.start()
                try await eventually(within: .seconds(15)) { try await redis.ping() }
            }
        }
    }

    @Test func aCommandPastItsTimeoutFailsWithTimeoutThenTheClientRecovers() async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try RedisConfiguration(url: try server.url)
            configuration.poolSize = 1
            try await RedisClient.withClient(configuration: configuration) { redis in
                try await eventually { try await redis.ping() }
                var patient = configuration  // the admin's own calls must not time out on a busy machine
                patient.connectTimeout = TestRedis.patience
                patient.commandTimeout = TestRedis.patience
                try await RedisClient.withClient(configuration: patient) { admin in
                    _ = try await admin.send(["CLIENT", "PAUSE", "3000", "ALL"])
                }
                let clock = ContinuousClock()
                let start = clock.now
                let error = await #expect(throws: RedisError.self) { try await redis.get("key") }
                let waited = clock.now - start
                #expect(error?.code == .timeout)
                #expect(waited >= .milliseconds(200) && waited < .seconds(2), "the 250 ms timeout, not the 3 s pause: \(waited)")
                try await eventually(within: .seconds(15)) { try await redis.ping() }
            }
        }
    }

    @Test func aCommandWithNoAnswerFailsByItsDeadlineAndItsLateReplyAnswersNobody() async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try RedisConfiguration(url: try server.url)
            configuration.poolSize = 1
            var patient = configuration  // the admin's own calls must not time out on a busy machine
            patient.connectTimeout = TestRedis.patience
            patient.commandTimeout = TestRedis.patience
            try await RedisClient.withClient(configuration: patient) { admin in
                try await admin.set("key", "value")
                try await RedisClient.withClient(configuration: configuration) { redis in
                    try await eventually { try await redis.ping() }
                    let clock = ContinuousClock()
                    let start = clock.now
                    // The server answers BLPOP only after 0.8 s (with a null): far past the 250 ms deadline.
                    let blocked = Task { try await redis.send(["BLPOP", "empty-list", "0.8"]) }
                    try await Task.sleep(for: .milliseconds(20))
                    let queuedBehind = Task { try await redis.get("key") }  // same connection: its reply would come after BLPOP's
                    let timedOut = await #expect(throws: RedisError.self) { try await blocked.value }
                    let waited = clock.now - start
                    #expect(timedOut?.code == .timeout)
                    #expect(waited >= .milliseconds(200) && waited < .seconds(2), "the 250 ms deadline, not the 0.8 s block: \(waited)")
                    let closed = await #expect(throws: RedisError.self) { try await queuedBehind.value }
                    #expect(closed?.code == .timeout || closed?.code == .connectionClosed, "\(String(describing: closed))")
                    // Until well after BLPOP's late null would have come, every answer is GET's own.
                    while clock.now - start < .milliseconds(1_500) {
                        do {
                            let value = try await redis.get("key").map { String(buffer: $0) }
                            #expect(value == "value", "a late reply answered the next command")
                        } catch let error as RedisError {
                            #expect([.unavailable, .connectionClosed, .timeout].contains(error.code), "\(error)")
                        }
                        try await Task.sleep(for: .milliseconds(25))
                    }
                    try await eventually {
                        let value = try await redis.get("key").map { String(buffer: $0) }
                        #expect(value == "value")
                    }
                }
            }
        }
    }

    @Test func aPasswordFromTheURLLogsIn() async throws {
        try await TestRedis.withPrivateServer { server in
            let url = try server.url
            var open = try RedisConfiguration(url: url)
            open.poolSize = 1
            open.connectTimeout = TestRedis.patience
            open.commandTimeout = TestRedis.patience  // this test is about logging in, not timeouts: patient on a busy machine
            try await RedisClient.withClient(configuration: open) { admin in
                _ = try await admin.send(["CONFIG", "SET", "requirepass", "s3cret"])
            }
            var locked = try RedisConfiguration(url: url.replacingPrefix("redis://", with: "redis://:s3cret@") + "/1")
            locked.connectTimeout = TestRedis.patience
            locked.commandTimeout = TestRedis.patience
            try await RedisClient.withClient(configuration: locked) { redis in
                try await redis.set("k", "in db 1")
                #expect(try await redis.send(["CLIENT", "INFO"]).string?.contains(" db=1 ") == true)
                try await redis.flushdb()
                #expect(try await redis.get("k") == nil, "FLUSHDB empties the selected database")
            }
            try await RedisClient.withClient(configuration: open) { redis in
                let error = await #expect(throws: RedisError.self) { try await redis.ping() }
                #expect(error?.description.contains("NOAUTH") == true, "\(String(describing: error))")
            }
        }
    }

    @Test func gracefulShutdownLetsPendingRepliesArriveThenRefusesNewCommands() async throws {
        try await TestRedis.withPrivateServer { server in
            var configuration = try RedisConfiguration(url: try server.url)
            configuration.commandTimeout = TestRedis.patience
            let client = RedisClient(configuration: configuration)
            let group = ServiceGroup(services: [client], logger: Logger(label: "test"))
            async let running: Void = group.run()
            try await eventually { try await client.ping() }
            async let blocked = client.send(["BLPOP", "empty-list", "0.3"])
            try await Task.sleep(for: .milliseconds(50))
            await group.triggerGracefulShutdown()
            #expect(try await blocked == .null, "the reply in flight still arrives")
            try await running
            let error = await #expect(throws: RedisError.self) { try await client.ping() }
            #expect(error?.code == .unavailable)
        }
    }
}

/// Retries `body` until it succeeds or `within` has passed, then rethrows its last error.
func eventually(within limit: Duration = .seconds(15), _ body: () async throws -> Void) async throws {
    let deadline = ContinuousClock.now + limit
    while true {
        do {
            return try await body()
        } catch where ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension String {
    func replacingPrefix(_ prefix: String, with replacement: String) -> String {
        hasPrefix(prefix) ? replacement + dropFirst(prefix.count) : self
    }
}
