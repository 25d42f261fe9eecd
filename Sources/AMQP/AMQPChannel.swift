import NIOCore
import Synchronization

/// One channel of an `AMQPConnection`: declares, publishes (with confirms once `confirmSelect`
/// was called), consumes with manual acks. Synchronous methods are answered in order; a channel
/// the broker closed (an error such as a failed declare) fails every caller with
/// `AMQPError.serverClosed` and is done.
public final class AMQPChannel: Sendable {
    public let id: UInt16
    let connection: AMQPConnection
    let book = Mutex(Book())
    private let nextConsumer = Atomic<Int>(0)

    init(id: UInt16, connection: AMQPConnection) {
        self.id = id
        self.connection = connection
    }

    /// True until the channel closed.
    public var isOpen: Bool { book.withLock { $0.closed == nil } }

    /// Sends a synchronous method and returns its answer. An answer that does not come within the
    /// connection's method timeout fails the whole connection with `AMQPError.methodTimeout` (the
    /// answers of a channel come in order, so one lost answer leaves the channel unusable).
    func call(_ method: AMQPMethod) async throws -> AMQPMethod {
        let name = String(describing: method).prefix { $0 != "(" }
        return try await withCheckedThrowingContinuation { continuation in
            let refusal = book.withLock { book -> AMQPError? in
                if let closed = book.closed { return closed }
                book.replies.append(Book.Reply(method: String(name), since: NIODeadline.now().uptimeNanoseconds, continuation: continuation))
                connection.write([.method(method, channel: id)])
                return nil
            }
            if let refusal { continuation.resume(throwing: refusal) }
        }
    }

    /// What on this channel has waited for the broker longer than `timeout` (counted from
    /// `notBefore` at the earliest), if anything.
    func overdue(now: UInt64, timeout: UInt64, notBefore: UInt64) -> String? {
        guard let (what, since) = book.withLock({ $0.oldestWait }) else { return nil }
        let start = max(since, notBefore)
        return now > start && now - start > timeout ? what : nil
    }

    /// Declares an exchange (`direct`, `fanout`, `topic`, `headers`).
    public func declareExchange(_ name: String, type: String = "direct", durable: Bool = true, arguments: AMQPTable = [:]) async throws {
        _ = try await call(.exchangeDeclare(name: name, type: type, durable: durable, arguments: arguments))
    }

    /// Declares a queue; `arguments` carry e.g. `x-dead-letter-exchange`, `x-message-ttl`.
    /// Returns the number of messages ready in it.
    @discardableResult
    public func declareQueue(_ name: String, durable: Bool = true, exclusive: Bool = false, autoDelete: Bool = false,
                             arguments: AMQPTable = [:]) async throws -> UInt32 {
        let answer = try await call(.queueDeclare(name: name, durable: durable, exclusive: exclusive, autoDelete: autoDelete,
                                                  arguments: arguments))
        guard case .queueDeclareOk(_, let messages, _) = answer else { return 0 }
        return messages
    }

    /// The queue's ready messages and its consumers (it is declared durable if it does not exist).
    public func queueStatus(_ name: String) async throws -> (messages: UInt32, consumers: UInt32) {
        let answer = try await call(.queueDeclare(name: name, durable: true, exclusive: false, autoDelete: false, arguments: [:]))
        guard case .queueDeclareOk(_, let messages, let consumers) = answer else { return (0, 0) }
        return (messages, consumers)
    }

    public func bindQueue(_ queue: String, exchange: String, routingKey: String, arguments: AMQPTable = [:]) async throws {
        _ = try await call(.queueBind(queue: queue, exchange: exchange, routingKey: routingKey, arguments: arguments))
    }

    /// Deletes a queue; returns the number of messages it held.
    @discardableResult
    public func deleteQueue(_ name: String) async throws -> UInt32 {
        guard case .queueDeleteOk(let count) = try await call(.queueDelete(name: name)) else { return 0 }
        return count
    }

    /// Removes every ready message of a queue; returns how many.
    @discardableResult
    public func purgeQueue(_ name: String) async throws -> UInt32 {
        guard case .queuePurgeOk(let count) = try await call(.queuePurge(name: name)) else { return 0 }
        return count
    }

    /// At most `prefetch` unacknowledged messages at once per consumer on this channel.
    public func qos(prefetch: UInt16) async throws {
        _ = try await call(.basicQos(prefetchCount: prefetch, global: false))
    }

    /// Puts the channel in confirm mode: from now on `publish` returns once the broker confirmed.
    public func confirmSelect() async throws {
        book.withLock { if $0.confirms == nil { $0.confirms = AMQPConfirms() } }
        _ = try await call(.confirmSelect)
    }

    /// Publishes a message. In confirm mode it returns once the broker took responsibility for it
    /// (a persistent message on a durable queue: written to disk), and throws `nacked`, or
    /// `returned` for a `mandatory` message no queue took; a confirm that does not come within the
    /// method timeout fails the connection with `AMQPError.methodTimeout`.
    public func publish(_ body: ByteBuffer, exchange: String = "", routingKey: String, properties: AMQPProperties = .persistent,
                        mandatory: Bool = true) async throws {
        let frames = AMQPMessage.frames(.basicPublish(exchange: exchange, routingKey: routingKey, mandatory: mandatory),
                                        properties: properties, body: body, channel: id, frameMax: connection.frameMax)
        try await withCheckedThrowingContinuation { (continuation: Book.Confirm) in
            let outcome = book.withLock { book -> AMQPError?? in
                if let closed = book.closed { return .some(closed) }
                if book.confirms != nil {
                    _ = book.confirms?.published(messageID: properties.messageID, waiter: continuation,
                                                 since: NIODeadline.now().uptimeNanoseconds)
                    connection.write(frames)
                    return .none
                }
                connection.write(frames)
                return .some(nil)
            }
            switch outcome {
            case .none: break
            case .some(nil): continuation.resume()
            case .some(.some(let error)): continuation.resume(throwing: error)
            }
        }
    }

    /// Starts a consumer with manual acks; its deliveries end when it is cancelled (by us or by
    /// the broker, then with `AMQPError.cancelled`) or the channel closes.
    public func consume(queue: String, exclusive: Bool = false) async throws -> AMQPConsumer {
        let tag = "starling-\(id)-\(nextConsumer.wrappingAdd(1, ordering: .relaxed).newValue)"
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: AMQPDelivery.self)
        book.withLock { $0.consumers[tag] = continuation }
        _ = try await call(.basicConsume(queue: queue, consumerTag: tag, noAck: false, exclusive: exclusive, arguments: [:]))
        return AMQPConsumer(tag: tag, deliveries: stream)
    }

    /// Stops a consumer; messages it did not ack go back to the queue when the channel closes.
    public func cancel(_ consumer: AMQPConsumer) async throws {
        _ = try await call(.basicCancel(consumerTag: consumer.tag, noWait: false))
        book.withLock { $0.consumers.removeValue(forKey: consumer.tag) }?.finish()
    }

    /// The message was handled (with `multiple`, every one up to it too).
    public func ack(_ deliveryTag: UInt64, multiple: Bool = false) {
        send(.basicAck(deliveryTag: deliveryTag, multiple: multiple))
    }

    /// The message was not handled: back to its queue with `requeue`, else dropped or dead-lettered.
    public func nack(_ deliveryTag: UInt64, multiple: Bool = false, requeue: Bool = true) {
        send(.basicNack(deliveryTag: deliveryTag, multiple: multiple, requeue: requeue))
    }

    /// Like `nack` for one message.
    public func reject(_ deliveryTag: UInt64, requeue: Bool = true) {
        send(.basicReject(deliveryTag: deliveryTag, requeue: requeue))
    }

    /// Closes the channel; its unacked deliveries go back to their queues.
    public func close() async throws {
        guard isOpen else { return }
        _ = try await call(.channelClose(code: 200, text: "bye", classID: 0, methodID: 0))
        fail(.connectionClosed)
        connection.channelClosed(id)
    }

    private func send(_ method: AMQPMethod) {
        book.withLock { book in
            if book.closed == nil { connection.write([.method(method, channel: id)]) }
        }
    }
}
