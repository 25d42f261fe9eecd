import HTTPTypes
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
@testable import StarlingHTTP
import Testing

/// The connection limits' deadlines on a channel whose clock the test moves: each limit runs out
/// exactly when it should, however long the one timer per connection waited before it.
@Suite struct RequestDeadlineTests {
    final class Connection {
        let loop = EmbeddedEventLoop()
        let channel: EmbeddedChannel
        let deadlines: RequestDeadlineHandler

        init(limits: HTTPConnectionLimits = HTTPConnectionLimits()) throws {
            deadlines = RequestDeadlineHandler(limits: limits, logger: Logger(label: "test"))
            channel = EmbeddedChannel(handler: deadlines, loop: loop)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        }

        /// A whole GET and its whole response: the connection is idle after it.
        func exchange() throws {
            deadlines.bytesArrived()
            try channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: "x", path: "/")))
            try channel.writeInbound(HTTPRequestPart.end(nil))
            try channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
            try channel.writeOutbound(HTTPResponsePart.end(nil))
            while try channel.readInbound(as: HTTPRequestPart.self) != nil {}
            while try channel.readOutbound(as: HTTPResponsePart.self) != nil {}
        }

        func advance(_ seconds: Double) {
            loop.advanceTime(by: .nanoseconds(Int64(seconds * 1e9)))
        }

        var isOpen: Bool { channel.isActive }
    }

    @Test func anIdleConnectionIsClosedAtTheIdleTimeoutAndNotBefore() throws {
        let connection = try Connection()
        try connection.exchange()
        connection.advance(29.9)
        #expect(connection.isOpen, "the 30 s idle timeout has not run out")
        connection.advance(0.2)
        #expect(!connection.isOpen)
    }

    @Test func aHeadBegunLateInAnIdleWaitHasItsOwnTenSeconds() throws {
        let connection = try Connection()
        try connection.exchange()
        connection.advance(25)  // the timer, armed for the idle limit, has woken twice by now
        connection.deadlines.bytesArrived()
        connection.advance(9.9)
        #expect(connection.isOpen, "35 s after the response: past the idle limit, inside the header limit")
        #expect(try connection.channel.readOutbound(as: HTTPResponsePart.self) == nil)
        connection.advance(0.2)
        guard case .head(let head) = try connection.channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("no 408 was written")
            return
        }
        #expect(head.status == .requestTimeout)
    }

    @Test func requestsInARowEachRestartTheIdleTimeout() throws {
        let connection = try Connection()
        for _ in 0..<10 {
            try connection.exchange()
            connection.advance(20)
            #expect(connection.isOpen, "20 s idle between requests is within the limit")
        }
        connection.advance(10.1)
        #expect(!connection.isOpen)
    }

    @Test func aBodyInProgressIsNotCutOffByTheIdleOrHeaderLimits() throws {
        let connection = try Connection()
        connection.deadlines.bytesArrived()
        try connection.channel.writeInbound(HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: "x", path: "/")))
        connection.advance(59.9)
        #expect(connection.isOpen, "the body has 60 s from the head")
        connection.advance(0.2)
        #expect(!connection.isOpen)
    }

    @Test func aLimitOfZeroDoesNotMakeTheTimerSpin() throws {
        var limits = HTTPConnectionLimits()
        limits.headerTimeout = .zero
        limits.idleTimeout = .seconds(1)
        let connection = try Connection(limits: limits)
        try connection.exchange()
        connection.advance(0.5)  // returns: the timer waits a millisecond at least between looks
        #expect(connection.isOpen)
        connection.advance(0.6)
        #expect(!connection.isOpen)
    }
}
