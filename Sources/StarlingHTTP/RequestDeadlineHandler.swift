import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes

/// Enforces the time limits of `HTTPConnectionLimits` on one connection, and answers requests
/// the HTTP decoder cannot read with the API's JSON error instead of an empty 400.
///
/// It sits after the HTTP codec, so it sees whole request heads, body parts and response parts;
/// `ByteArrivalHandler` in front of the codec tells it when the first byte of a new request
/// arrives. At any moment one deadline is armed:
/// - no request in progress and no byte of the next one yet: the idle timeout (the header
///   timeout on a new connection) — expiry closes the connection;
/// - bytes of a head arriving: the header timeout from the first byte — expiry answers 408;
/// - head read, body still arriving: the body timeout from the head — expiry closes;
/// - request read, response not finished: none (the server's own work is not the client's fault).
///
/// One timer per connection, not one per deadline: arming a deadline only writes it down, and the
/// timer, whenever it fires, either finds the deadline passed (expiry), finds none (it stops), or
/// waits again. It never waits longer than the shortest of the three limits, and a deadline is
/// never nearer than that limit when it is set, so the pending timer always fires by the deadline
/// and arming never reschedules it. A busy keep-alive connection so schedules a timer about once
/// per shortest limit instead of three for each request (a scheduled task and its cancellation
/// cost some 4,000 instructions).
final class RequestDeadlineHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let limits: HTTPConnectionLimits
    private let logger: Logger
    private var context: ChannelHandlerContext?
    private var timer: Scheduled<Void>?
    /// When the armed limit runs out; nil when none is armed.
    private var deadline: NIODeadline?
    /// The longest the timer waits before it looks at the deadline again.
    private let longestWait: TimeAmount
    /// A request's head was read and its end was not yet.
    private var readingRequest = false
    /// A response was started (a request head was read) and its end not yet written.
    private var responding = false
    /// Bytes of a next request arrived while none was in progress.
    private var headStarted = false
    private var closing = false

    init(limits: HTTPConnectionLimits, logger: Logger) {
        self.limits = limits
        self.logger = logger
        // At least a millisecond: a limit that rounds to zero must not make the timer spin.
        longestWait = max(Self.amount(min(limits.headerTimeout, limits.bodyTimeout, limits.idleTimeout)), .milliseconds(1))
    }

    private var awaitingHead: Bool { !readingRequest && !responding }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive { arm(limits.headerTimeout) }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        stopTimer()
        self.context = nil
    }

    func channelActive(context: ChannelHandlerContext) {
        arm(limits.headerTimeout)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        stopTimer()
        context.fireChannelInactive()
    }

    /// Called by `ByteArrivalHandler` for every read, before the decoder sees the bytes.
    func bytesArrived() {
        guard awaitingHead, !headStarted else { return }
        headStarted = true
        arm(limits.headerTimeout)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            readingRequest = true
            responding = true
            headStarted = false
            arm(limits.bodyTimeout)
        case .body:
            break
        case .end:
            readingRequest = false
            if responding { disarm() } else { waitForNextRequest() }
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), responding {
            responding = false
            if !readingRequest { waitForNextRequest() }
        }
        context.write(data, promise: promise)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // Only between requests may this handler answer: inside one, the application owns the
        // response, and the error travels on to it.
        guard awaitingHead else {
            context.fireErrorCaught(error)
            return
        }
        guard !closing else { return }
        if let parserError = error as? HTTPParserError, parserError == .headerOverflow {
            reject(.requestHeaderFieldsTooLarge, "Request header fields too large.")
        } else {
            logger.debug("unreadable request", metadata: ["error": "\(error)"])
            reject(.badRequest, "Malformed HTTP request.")
        }
    }

    private func waitForNextRequest() {
        headStarted = false
        arm(limits.idleTimeout)
    }

    private func arm(_ timeout: Duration) {
        guard let context, !closing else { return }
        deadline = context.eventLoop.now + Self.amount(timeout)
        if timer == nil { wait() }
    }

    /// No limit applies; a pending timer finds nothing when it fires, and stops.
    private func disarm() {
        deadline = nil
    }

    private func stopTimer() {
        timer?.cancel()
        timer = nil
        deadline = nil
    }

    private func wait() {
        guard let context, let deadline else { return }
        let wakeUp = min(deadline, context.eventLoop.now + longestWait)
        timer = context.eventLoop.assumeIsolated().scheduleTask(deadline: wakeUp) { [self] in
            timer = nil
            guard let deadline = self.deadline else { return }
            if deadline <= context.eventLoop.now {
                self.deadline = nil
                expired()
            } else {
                wait()
            }
        }
    }

    private static func amount(_ timeout: Duration) -> TimeAmount {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return .nanoseconds(nanoseconds.overflow ? .max : nanoseconds.partialValue + attoseconds / 1_000_000_000)
    }

    private func expired() {
        guard let context, !closing else { return }
        if awaitingHead, headStarted {
            reject(.requestTimeout, "Request header not received in time.")
        } else {
            closing = true
            context.close(promise: nil)
        }
    }

    /// Answers `status` with `{"detail": message}` and closes the connection.
    private func reject(_ status: HTTPResponse.Status, _ message: String) {
        guard let context else { return }
        closing = true
        stopTimer()
        var body = context.channel.allocator.buffer(capacity: message.utf8.count + 16)
        body.writeString("{\"detail\":\"\(message)\"}")
        let head = HTTPResponse(status: status, headerFields: [
            .contentType: "application/json", .contentLength: String(body.readableBytes), .connection: "close",
        ])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(body)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil))).assumeIsolated().whenComplete { _ in
            context.close(promise: nil)
        }
    }
}

/// Sits in front of the HTTP decoder and tells a `RequestDeadlineHandler` when bytes arrive, so
/// that the header timeout counts from the first byte of a request.
final class ByteArrivalHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let deadlines: RequestDeadlineHandler

    init(deadlines: RequestDeadlineHandler) {
        self.deadlines = deadlines
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        deadlines.bytesArrived()
        context.fireChannelRead(data)
    }
}
