import App
import Foundation
import HTTPTypes
import StarlingTesting
import Synchronization
import Testing

/// SIGTERM to a real `starling serve` under load: the listener closes, every request the server
/// took is answered (one still sending its body among them), and the process exits 0 within its
/// shutdown bound. A second signal ends it at once.
@Suite struct GracefulShutdownTests {
    @Test(.timeLimit(.minutes(2)))
    func sigtermUnderLoadAnswersEveryAcceptedRequestAndExitsZeroWithinTheBound() async throws {
        let directory = TemporaryDirectory.make()
        let server = try StarlingProcess(["serve", "--data-dir", directory.appendingPathComponent("data").path, "--rate-limits", "off",
                                          "--shutdown-timeout", "10"],
                                         environment: ["STARLING_BCRYPT_COST": "4"], log: directory.appendingPathComponent("server.log"))
        try await server.waitUntilHealthy()
        let client = LiveClient(port: server.port)
        let alice = try await client.signUp("shutdown_alice")
        _ = try await client.call(.post, "/api/tweets/", token: alice.token, json: #"{"content":"before"}"#)

        let load = ShutdownLoad(client: client, token: alice.token, userID: alice.id)
        let workers = (0..<6).map { worker in Task { await load.run(posting: worker % 3 == 0) } }
        try await Task.sleep(for: .milliseconds(500))
        // A request still sending its body when the signal comes must still be answered.
        let slow = SlowRequest(port: server.port, token: alice.token, pause: .milliseconds(1_500))
        let slowAnswer = Task { await slow.answer() }
        try await Task.sleep(for: .milliseconds(300))

        let signalled = ContinuousClock.now
        load.markSignalled()
        kill(server.pid, SIGTERM)
        let status = await server.waitForExit(seconds: 30)
        let took = ContinuousClock.now - signalled
        load.stop()
        for worker in workers { await worker.value }
        let slowStatus = await slowAnswer.value

        #expect(status == 0, "exit status \(status)")
        #expect(took < .seconds(12), "exited \(took) after SIGTERM; the bound is 10 s")
        #expect(slowStatus == 201, "the request in flight was answered: \(slowStatus)")
        let outcome = load.outcome
        #expect(outcome.answered > 20, "the load ran: \(outcome)")
        #expect(outcome.failures.isEmpty, "accepted requests that failed: \(outcome.failures.prefix(10))")
        #expect(await LiveClient.refuses(port: server.port), "nothing listens after the exit")
    }

    @Test(.timeLimit(.minutes(2)))
    func aSecondSignalExitsAtOnce() async throws {
        let directory = TemporaryDirectory.make()
        let server = try StarlingProcess(["serve", "--data-dir", directory.appendingPathComponent("data").path, "--rate-limits", "off",
                                          "--shutdown-timeout", "30"],
                                         environment: ["STARLING_BCRYPT_COST": "4"], log: directory.appendingPathComponent("server.log"))
        try await server.waitUntilHealthy()
        let alice = try await LiveClient(port: server.port).signUp("shutdown_bob")
        // Holds graceful shutdown open: its body arrives only after 20 s.
        let slow = SlowRequest(port: server.port, token: alice.token, pause: .seconds(20))
        let slowAnswer = Task { await slow.answer() }
        try await Task.sleep(for: .milliseconds(300))
        kill(server.pid, SIGTERM)
        try await Task.sleep(for: .milliseconds(700))
        #expect(server.isRunning, "graceful shutdown waits for the request in flight")
        let signalled = ContinuousClock.now
        kill(server.pid, SIGTERM)
        let status = await server.waitForExit(seconds: 10)
        #expect(ContinuousClock.now - signalled < .seconds(3), "the second signal ended it at once")
        #expect(status == 128 + SIGTERM, "exit status \(status)")
        slow.cancel()
        _ = await slowAnswer.value
    }
}

extension LiveClient {
    /// Whether a connection to `port` on loopback is refused.
    static func refuses(port: Int) async -> Bool {
        (try? await LiveClient(port: port).call(.get, "/healthz")) == nil
    }
}

/// Requests in a loop, each on a connection of its own, until stopped: newsfeed-free reads of a
/// timeline and posts. Before the signal every request must succeed; after it a request may be
/// refused (nothing listens) but never answered with an error.
final class ShutdownLoad: Sendable {
    let client: LiveClient
    let token: String
    let userID: Int64
    private let running = Atomic(true)
    private let signalledAt = Mutex<ContinuousClock.Instant?>(nil)
    private let seen = Mutex<(answered: Int, failures: [String])>((0, []))

    init(client: LiveClient, token: String, userID: Int64) {
        self.client = client
        self.token = token
        self.userID = userID
    }

    var outcome: (answered: Int, failures: [String]) { seen.withLock { $0 } }

    func stop() { running.store(false, ordering: .relaxed) }
    func markSignalled() { signalledAt.withLock { $0 = ContinuousClock.now } }

    func run(posting: Bool) async {
        var count = 0
        while running.load(ordering: .relaxed) {
            count += 1
            let started = ContinuousClock.now
            do {
                let (status, _) = posting
                    ? try await client.call(.post, "/api/tweets/", token: token, json: #"{"content":"load \#(count)"}"#)
                    : try await client.call(.get, "/api/tweets/?user_id=\(userID)")
                seen.withLock { seen in
                    if status.code < 300 { seen.answered += 1 } else { seen.failures.append("\(status.code) at \(started)") }
                }
            } catch {
                // Refused or reset before the server took the request: only once the signal came
                // (a request begun 200 ms before it may have sat in the listen backlog).
                let signalled = signalledAt.withLock { $0 }
                if signalled.map({ started < $0 - .milliseconds(200) }) ?? true {
                    seen.withLock { $0.failures.append("\(error) on a request begun before the signal") }
                }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }
}

/// `POST /api/tweets/` over a raw socket whose body arrives in two halves `pause` apart. Answers
/// the response's status code, or 0 when there was none.
final class SlowRequest: Sendable {
    let port: Int
    let token: String
    let pause: Duration
    private let cancelled = Atomic(false)

    init(port: Int, token: String, pause: Duration) {
        self.port = port
        self.token = token
        self.pause = pause
    }

    func cancel() { cancelled.store(true, ordering: .relaxed) }

    func answer() async -> Int {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: self.exchange()) }
        }
    }

    private func exchange() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 40, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return 0 }
        let body = #"{"content":"sent slowly, answered all the same"}"#
        let half = body.utf8.count / 2
        let head = "POST /api/tweets/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
            + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n"
        guard write(fd, head + String(body.utf8.prefix(half))!) else { return 0 }
        let until = ContinuousClock.now + pause
        while ContinuousClock.now < until && !cancelled.load(ordering: .relaxed) { usleep(10_000) }
        if cancelled.load(ordering: .relaxed) { return 0 }
        guard write(fd, String(body.utf8.dropFirst(half))!) else { return 0 }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4_096)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[0..<count]
            if received.count >= 12 { break }
        }
        // "HTTP/1.1 201 ..."
        guard received.count >= 12 else { return 0 }
        return Int(String(decoding: received[9..<12], as: UTF8.self)) ?? 0
    }

    private func write(_ fd: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) } == bytes.count
    }
}
