import Hummingbird
import HummingbirdTesting
import NIOPosix
import StarlingHTTP
import Testing

/// `--request-executor`: a live server handles its requests on the connection's event loop, or on
/// Swift's shared pool.
@Suite struct RequestExecutorTests {
    @Test(arguments: RequestExecutor.allCases)
    func requestsRunWhereTheSettingSays(_ executor: RequestExecutor) async throws {
        let router = Router()
        router.get("where") { _, _ in
            await Task.yield()  // still there after an await
            return MultiThreadedEventLoopGroup.currentEventLoop == nil ? "pool" : "loop"
        }
        let app = Application(router: router, server: .http1(limits: HTTPConnectionLimits(), executor: executor),
                              configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await app.test(.live) { client in
            for _ in 0..<3 {
                let answer = try await client.execute(uri: "/where", method: .get) { String(buffer: $0.body) }
                #expect(answer == (executor == .eventLoop ? "loop" : "pool"))
            }
        }
    }
}
