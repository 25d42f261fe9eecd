import NIOCore

extension AMQPConnection {
    /// The life of one connection with no socket: the handshake (header, Start/StartOk with PLAIN,
    /// Tune/TuneOk, Open/OpenOk), channels opening and closing, content reassembly per channel,
    /// heartbeats both ways, blocked/unblocked, and Close from either side. Times are nanoseconds
    /// from any monotonic clock, passed in.
    struct StateMachine {
        /// What the client asks for.
        struct Settings: Sendable {
            var user = "guest"
            var password = "guest"
            var virtualHost = "/"
            var frameMax: UInt32 = 131_072
            var heartbeatSeconds: UInt16 = 10
            var channelMax: UInt16 = 2047
        }

        enum State: Equatable {
            case idle, awaitingStart, awaitingTune, awaitingOpenOk, open, closing, closed
        }

        /// What the connection must do after an event.
        enum Action: Equatable {
            case writeProtocolHeader
            case write([AMQPFrame])
            /// The handshake is done; frames may be up to `frameMax`, heartbeats every `heartbeat` seconds (0: none).
            case ready(frameMax: Int, heartbeat: Int)
            /// A whole method (with its content) for channel `channel`.
            case deliver(channel: UInt16, AMQPMessage)
            case blocked(String)
            case unblocked
            /// Fail everyone and close the socket.
            case fail(AMQPError)
        }

        let settings: Settings
        private(set) var state = State.idle
        private(set) var frameMax = 131_072
        private(set) var heartbeat = 0
        private(set) var isBlocked = false
        private var assemblers: [UInt16: AMQPContentAssembler] = [:]
        private var nextChannel: UInt16 = 1
        private var lastReceived: UInt64 = 0
        private var lastSent: UInt64 = 0
        private var closeError: AMQPError?

        init(settings: Settings) {
            self.settings = settings
        }

        mutating func start(now: UInt64) -> [Action] {
            guard state == .idle else { return [] }
            state = .awaitingStart
            lastReceived = now
            lastSent = now
            return [.writeProtocolHeader]
        }

        /// Allocates a channel number for a channel about to be opened (the caller sends channel.open).
        mutating func allocateChannel() -> UInt16? {
            guard state == .open else { return nil }
            for _ in 0..<Int(settings.channelMax) {
                let id = nextChannel
                nextChannel = nextChannel >= settings.channelMax ? 1 : nextChannel + 1
                if assemblers[id] == nil {
                    assemblers[id] = AMQPContentAssembler()
                    return id
                }
            }
            return nil
        }

        /// A channel is closed (close-ok sent or received): its number may be used again.
        mutating func releaseChannel(_ id: UInt16) {
            assemblers[id] = nil
        }

        mutating func sent(now: UInt64) {
            lastSent = now
        }

        mutating func received(_ frame: AMQPFrame, now: UInt64) -> [Action] {
            lastReceived = now
            if state == .closed { return [] }
            do {
                if frame.kind == .heartbeat { return [] }
                if frame.channel == 0 {
                    guard frame.kind == .method else { throw AMQPError.malformedFrame("content on channel 0") }
                    return try connectionMethod(try AMQPMethod.decode(frame.payload))
                }
                guard state == .open || state == .closing else { throw AMQPError.malformedFrame("channel frame before open") }
                guard var assembler = assemblers[frame.channel] else {
                    // After we sent connection.close the server may still be talking on channels.
                    if state == .closing { return [] }
                    throw AMQPError.malformedFrame("frame for channel \(frame.channel) that is not open")
                }
                let message = try assembler.take(frame)
                assemblers[frame.channel] = assembler
                return message.map { [.deliver(channel: frame.channel, $0)] } ?? []
            } catch {
                return fail(error as? AMQPError ?? .malformedFrame("\(error)"))
            }
        }

        private mutating func connectionMethod(_ method: AMQPMethod) throws -> [Action] {
            switch (state, method) {
            case (.awaitingStart, .connectionStart(_, let mechanisms, _)):
                guard mechanisms.split(separator: " ").contains("PLAIN") else {
                    return fail(.unavailable("the broker does not offer PLAIN login"))
                }
                state = .awaitingTune
                let properties: AMQPTable = [
                    "product": .string("starling"),
                    "capabilities": .table(["publisher_confirms": .bool(true), "consumer_cancel_notify": .bool(true),
                                            "basic.nack": .bool(true), "connection.blocked": .bool(true)]),
                ]
                let response = "\u{0}\(settings.user)\u{0}\(settings.password)"
                return [.write([.method(.connectionStartOk(clientProperties: properties, mechanism: "PLAIN", response: response,
                                                           locale: "en_US"), channel: 0)])]
            case (.awaitingTune, .connectionTune(let channelMax, let serverFrameMax, let serverHeartbeat)):
                let frameMax = serverFrameMax == 0 ? settings.frameMax : min(serverFrameMax, settings.frameMax)
                let heartbeat = serverHeartbeat == 0 || settings.heartbeatSeconds == 0
                    ? max(serverHeartbeat, settings.heartbeatSeconds) : min(serverHeartbeat, settings.heartbeatSeconds)
                let channels = channelMax == 0 ? settings.channelMax : min(channelMax, settings.channelMax)
                self.frameMax = Int(frameMax)
                self.heartbeat = Int(heartbeat)
                state = .awaitingOpenOk
                return [.write([.method(.connectionTuneOk(channelMax: channels, frameMax: frameMax, heartbeat: heartbeat), channel: 0),
                                .method(.connectionOpen(virtualHost: settings.virtualHost), channel: 0)])]
            case (.awaitingOpenOk, .connectionOpenOk):
                state = .open
                return [.ready(frameMax: frameMax, heartbeat: heartbeat)]
            case (_, .connectionClose(let code, let text, _, _)):
                let error = state == .awaitingTune || state == .awaitingOpenOk || state == .awaitingStart
                    ? AMQPError.unavailable("the broker refused the connection: \(code) \(text)")
                    : AMQPError.serverClosed(code: code, text: text)
                state = .closed
                return [.write([.method(.connectionCloseOk, channel: 0)]), .fail(error)]
            case (.closing, .connectionCloseOk):
                state = .closed
                return [.fail(closeError ?? .connectionClosed)]
            case (.open, .connectionBlocked(let reason)):
                isBlocked = true
                return [.blocked(reason)]
            case (.open, .connectionUnblocked):
                isBlocked = false
                return [.unblocked]
            case (.closing, _):
                return []
            default:
                throw AMQPError.malformedFrame("unexpected \(method) in state \(state)")
            }
        }

        /// Closes from our side: connection.close is sent, and the socket closes on close-ok.
        mutating func close(_ error: AMQPError = .connectionClosed) -> [Action] {
            switch state {
            case .open, .awaitingOpenOk, .awaitingTune:
                state = .closing
                closeError = error
                return [.write([.method(.connectionClose(code: 200, text: "goodbye", classID: 0, methodID: 0), channel: 0)])]
            case .idle, .awaitingStart:
                return fail(error)
            case .closing, .closed:
                return []
            }
        }

        /// The socket ended or failed.
        mutating func fail(_ error: AMQPError) -> [Action] {
            guard state != .closed else { return [] }
            let handshaking = state == .awaitingStart || state == .awaitingTune || state == .awaitingOpenOk
            state = .closed
            if handshaking, error == .connectionClosed {
                return [.fail(.unavailable("the broker closed the connection during the handshake (credentials or virtual host refused)"))]
            }
            return [.fail(error)]
        }

        /// Called every half heartbeat interval: sends a heartbeat when we have been quiet, and
        /// declares the peer dead after two intervals without a frame from it.
        mutating func tick(now: UInt64) -> [Action] {
            guard heartbeat > 0, state == .open || state == .closing else { return [] }
            let interval = UInt64(heartbeat) * 1_000_000_000
            if now >= lastReceived, now - lastReceived > 2 * interval { return fail(.heartbeatMissed) }
            if now >= lastSent, now - lastSent >= interval / 2 {
                lastSent = now
                return [.write([.heartbeat])]
            }
            return []
        }
    }
}
