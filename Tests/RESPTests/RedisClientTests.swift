import NIOCore
import RESP
import StarlingTestKit
import Testing

/// The client against the shared test server. Keys carry a random prefix; nothing here stops,
/// blocks or flushes the server.
@Suite(.enabled(if: TestRedis.isEnabled, "needs STARLING_TEST_REDIS_URL (scripts/test starts a server)"))
struct RedisClientTests {
    let prefix = "resp-\(UInt32.random(in: 0 ... .max)):"

    func withClient<T>(database: Int? = nil, poolSize: Int = 4, _ body: (RedisClient) async throws -> T) async throws -> T {
        // Patient timeouts: every test target runs at once on a busy machine; RedisClientFaultTests times them.
        var configuration = try TestRedis.patientConfiguration(database: database)
        configuration.poolSize = poolSize
        return try await RedisClient.withClient(configuration: configuration, body)
    }

    @Test func typedCommandsRoundTrip() async throws {
        try await withClient { redis in
            let a = prefix + "a", b = prefix + "b", n = prefix + "n", z = prefix + "z", h = prefix + "h"
            try await redis.ping()
            #expect(try await redis.get(a) == nil)
            #expect(try await redis.set(a, "alpha", expireMilliseconds: 60_000))
            #expect(try await !redis.set(a, "other", onlyIfAbsent: true), "NX keeps the first value")
            #expect(try await redis.set(b, ByteBuffer(bytes: [0, 255])))
            #expect(try await redis.mget([a, prefix + "missing", b]) == [ByteBuffer(string: "alpha"), nil, ByteBuffer(bytes: [0, 255])])
            #expect(try await redis.exists([a, b, prefix + "missing"]) == 2)
            #expect(try await redis.incrby(n, 5) == 5)
            #expect(try await redis.incrby(n, -7) == -2)
            #expect(try await redis.pexpire(n, milliseconds: 60_000))
            #expect(try await !redis.pexpire(prefix + "missing", milliseconds: 10))
            #expect(try await redis.del([a, b, n, prefix + "missing"]) == 3)

            #expect(try await redis.zadd(z, [(10, "10"), (30, "30"), (20, "20"), (0, "zero")]) == 4)
            #expect(try await redis.zcard(z) == 4)
            #expect(try await redis.zrevrangebyscore(z, max: .positiveInfinity, min: .exclusive(0)) == ["30", "20", "10"])
            #expect(try await redis.zrevrangebyscore(z, max: .exclusive(30), min: .negativeInfinity, limit: (0, 2)) == ["20", "10"])
            #expect(try await redis.zrem(z, ["20", "nope"]) == 1)
            #expect(try await redis.zremrangebyrank(z, start: 0, stop: 0) == 1, "rank 0 is the lowest score")
            #expect(try await redis.zrevrangebyscore(z, max: .positiveInfinity, min: .negativeInfinity) == ["30", "10"])

            #expect(try await redis.hget(h, "f") == nil)
            #expect(try await redis.hset(h, "f", 30) == 1)
            #expect(try await redis.hget(h, "f").map { String(buffer: $0) } == "30")
            try await redis.del([z, h])
        }
    }

    @Test func anErrorReplyThrowsWithTheServersMessage() async throws {
        try await withClient { redis in
            try await redis.set(prefix + "text", "not a number")
            let error = await #expect(throws: RedisError.self) { try await redis.incrby(prefix + "text", 1) }
            #expect(error?.code == .server)
            #expect(error?.serverMessage == "ERR value is not an integer or out of range")
            try await redis.ping()
            try await redis.del([prefix + "text"])
        }
    }

    @Test func aPipelineKeepsErrorRepliesInPlace() async throws {
        try await withClient { redis in
            let replies = try await redis.pipeline([["SET", prefix + "p", "1"], ["NOSUCHCOMMAND"], ["GET", prefix + "p"]])
            #expect(replies.count == 3)
            #expect(replies[0] == .simpleString("OK"))
            #expect(replies[1].errorMessage?.hasPrefix("ERR unknown command") == true)
            #expect(replies[2].string == "1")
            #expect(try await redis.pipeline([RESPCommand]()) == [])
            try await redis.del([prefix + "p"])
        }
    }

    @Test func aThousandCommandsInOnePipeline() async throws {
        try await withClient(poolSize: 1) { redis in
            let counter = prefix + "count"
            let replies = try await redis.pipeline((0..<1_000).map { _ in RESPCommand.incrby(counter, 1) })
            #expect(replies.map(\.int) == (1...1_000).map { $0 })
            try await redis.del([counter])
        }
    }

    /// Replies of megabytes arrive in many reads: `RedisReplyHandler` keeps the start of a reply
    /// until its end is in, and the values come back whole, between small ones.
    @Test func repliesSplitAcrossManyReadsComeBackWhole() async throws {
        try await withClient(poolSize: 1) { redis in
            let big = prefix + "big", small = prefix + "small"
            let bytes = (0..<3_000_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            try await redis.set(big, ByteBuffer(bytes: bytes))
            try await redis.set(small, "s")
            async let first = redis.mget([big, small, big])
            async let second = redis.get(small)
            let values = try await first
            #expect(values.count == 3)
            #expect(values[0] == ByteBuffer(bytes: bytes) && values[2] == ByteBuffer(bytes: bytes))
            #expect(values[1] == ByteBuffer(string: "s"))
            #expect(try await second == ByteBuffer(string: "s"))
            #expect(try await redis.mget([RESPNumberedKey(prefix: prefix + "n:", number: 7)]) == [nil])
            try await redis.del([big, small])
        }
    }

    @Test func concurrentCallersOnOneConnectionEachGetTheirOwnReply() async throws {
        try await withClient(poolSize: 1) { redis in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<300 {
                    group.addTask {
                        let key = prefix + "c\(n)"
                        try await redis.set(key, String(n))
                        let read = try await redis.pipeline([.get(key), .del([key])])
                        #expect(read[0].string == String(n))
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func concurrentPipelinesOfEverySizeShareOneConnectionAndKeepTheirRepliesInOrder() async throws {
        try await withClient(poolSize: 1) { redis in
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<200 {
                    group.addTask {
                        // Callers that queue while a flush is on its way go out in the same write.
                        let counter = prefix + "p\(n)"
                        let size = 1 + n % 7
                        let replies = try await redis.pipeline((0..<size).map { _ in RESPCommand.incrby(counter, 1) } + [.del([counter])])
                        #expect(replies.map(\.int) == (1...size).map { $0 } + [1])
                    }
                }
                try await group.waitForAll()
            }
        }
    }

    @Test func callersWaitingOnAConnectionTheServerClosesFailAndTheClientReconnects() async throws {
        try await withClient(poolSize: 1) { admin in
            var configuration = try RedisConfiguration(url: try TestRedis.url())
            configuration.poolSize = 1
            configuration.commandTimeout = TestRedis.patience
            configuration.connectTimeout = TestRedis.patience
            try await RedisClient.withClient(configuration: configuration) { redis in
                let id = try await redis.send(["CLIENT", "ID"]).int ?? 0
                let blocked = Task { try await redis.send(["BLPOP", prefix + "never", "5"]) }
                try await eventually { // until the server has the BLPOP
                    guard try await admin.send(["CLIENT", "LIST", "ID", String(id)]).string?.contains("cmd=blpop") == true else {
                        throw RedisError.unavailable("not blocked yet")
                    }
                }
                _ = try await admin.send(["CLIENT", "KILL", "ID", String(id)])
                await #expect(throws: RedisError.connectionClosed) { try await blocked.value }
                try await eventually { try await redis.ping() }
                #expect(try await redis.send(["CLIENT", "ID"]).int != id, "a new connection")
            }
        }
    }

    @Test func aScriptTheServerHasNotSeenIsLoadedOnFirstUse() async throws {
        try await withClient { redis in
            let script = RedisScript("-- \(prefix)\nreturn redis.call('INCRBY', KEYS[1], ARGV[1])")
            let key = prefix + "s"
            #expect(try await redis.evaluate(script, keys: [key], arguments: ["2"]).int == 2)
            let calls = (1...3).map { RedisClient.ScriptCall(keys: [key], arguments: [String($0)]) }
            #expect(try await redis.evaluate(script, calls: calls).map(\.int) == [3, 5, 8])
            let fresh = RedisScript("-- \(prefix) fresh\nreturn ARGV[1]")
            #expect(try await redis.evaluate(fresh, calls: calls).map(\.string) == ["1", "2", "3"], "NOSCRIPT in a pipeline retries")
            try await redis.del([key])
        }
    }

    @Test func eachClientUsesTheDatabaseInItsURL() async throws {
        let key = prefix + "db"
        try await withClient(database: 5) { five in
            try await five.set(key, "five")
            let inZero = try await withClient(database: 0) { zero in try await zero.get(key) }
            #expect(inZero == nil)
            #expect(try await five.get(key) == ByteBuffer(string: "five"))
            try await five.del([key])
        }
    }

    @Test func anACLUserLogsInFromTheURL() async throws {
        let user = "starling-\(UInt32.random(in: 0 ... .max))"
        try await withClient { admin in
            _ = try await admin.send(["ACL", "SETUSER", user, "on", ">s3cret", "~*", "&*", "+@all"])
            var configuration = try RedisConfiguration(url: try TestRedis.url(database: 2).replacingPrefix("redis://", with: "redis://\(user):s3cret@"))
            configuration.connectTimeout = TestRedis.patience
            configuration.commandTimeout = TestRedis.patience
            let whoami = try await RedisClient.withClient(configuration: configuration) { redis in try await redis.send(["ACL", "WHOAMI"]) }
            #expect(whoami.string == user)
            configuration.password = "wrong"
            try await RedisClient.withClient(configuration: configuration) { redis in
                let error = await #expect(throws: RedisError.self) { try await redis.ping() }
                #expect(error?.code == .unavailable)
                #expect(error?.description.contains("WRONGPASS") == true, "\(error?.description ?? "")")
            }
            _ = try await admin.send(["ACL", "DELUSER", user])
        }
    }
}
