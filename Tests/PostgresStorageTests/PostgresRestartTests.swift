import App
import Foundation
import StarlingTesting
import Synchronization
import Testing

/// PostgreSQL restarts while requests keep coming: each answer is either right or a 503 JSON
/// error — never a hang, a 500 or a crash — and Starling serves again by itself once the
/// database is back.
@Suite(.testDatabases) struct PostgresRestartTests {
    @Test(.enabled(if: TestPostgres.restartable != nil || TestPostgres.isRequired), .timeLimit(.minutes(2)))
    func requestsDuringARestartAreAnsweredOrRefusedWith503ThenServiceResumes() async throws {
        let (url, control) = try #require(TestPostgres.restartable,
                                          "set STARLING_TEST_POSTGRES_RESTART_URL and STARLING_TEST_POSTGRES_CTL (scripts/test does)")
        let app = TestStarling(repositories: .postgres(try await TestPostgres.freshDatabase(on: url, timeout: .seconds(2))))
        try await app.test { api in
            let alice = try await api.signUp("alice_01")
            let bob = try await api.signUp("bob_0001")
            try await api.follow(alice, by: bob)

            let load = RequestLoad(api: api, author: alice, reader: bob)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for worker in 0..<4 { group.addTask { try await load.run(posting: worker % 2 == 0) } }
                try await Task.sleep(for: .milliseconds(300))
                try await Self.control(control, "stop")
                // Down for longer than the store's 2 s timeout, so requests meanwhile must give up.
                try await Task.sleep(for: .seconds(3))
                try await Self.control(control, "start")
                load.stop()
                try await group.waitForAll()
            }
            #expect(load.statuses.contains(503), "requests made while PostgreSQL was down were refused")
            #expect(load.statuses.contains(201) && load.statuses.contains(200))

            var recovered = false
            for _ in 0..<300 where !recovered {
                recovered = try await api.call(.get, "/api/newsfeeds/", token: bob.token).status == .ok
                if !recovered { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(recovered, "the pool reconnected by itself")
            let after = try await api.post("after the restart", as: alice)
            try await app.settle()
            #expect(try await api.newsfeed(bob).ids.first == after, "posting and fanout work again")
            let own = Set(try await api.newsfeed(alice, query: "limit=100").ids)
            #expect(load.posted.isSubset(of: own), "every tweet answered 201 was stored")
        }
    }

    /// Runs the control command (`stop` or `start`), which returns once PostgreSQL has done it.
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

/// Posts and newsfeed reads in a loop until stopped, checking each answer.
final class RequestLoad: Sendable {
    let api: API
    let author: API.Account
    let reader: API.Account
    private let running = Atomic(true)
    private let seen = Mutex<(statuses: Set<Int>, posted: Set<Int64>)>(([], []))

    init(api: API, author: API.Account, reader: API.Account) {
        self.api = api
        self.author = author
        self.reader = reader
    }

    var statuses: Set<Int> { seen.withLock { $0.statuses } }
    var posted: Set<Int64> { seen.withLock { $0.posted } }

    func stop() {
        running.store(false, ordering: .relaxed)
    }

    func run(posting: Bool) async throws {
        var n = 0
        while running.load(ordering: .relaxed) {
            n += 1
            let reply = posting
                ? try await api.call(.post, "/api/tweets/", token: author.token, json: ["content": "tweet \(n)"])
                : try await api.call(.get, "/api/newsfeeds/", token: reader.token)
            let object = try reply.object()
            switch reply.status.code {
            case 201 where posting:
                let id = try #require((object["id"] as? NSNumber)?.int64Value)
                seen.withLock { _ = $0.posted.insert(id) }
            case 200 where !posting:
                _ = try reply.results()
            case 503:
                #expect(object["detail"] as? String == "The database is unavailable, try again later.")
            default:
                Issue.record("unexpected answer \(reply.status): \(reply.text)")
            }
            seen.withLock { _ = $0.statuses.insert(reply.status.code) }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}
