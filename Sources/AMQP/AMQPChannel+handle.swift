extension AMQPChannel {
    /// A method (with its content) the broker sent on this channel.
    func handle(_ message: AMQPMessage) {
        switch message.method {
        case .basicDeliver(let tag, let deliveryTag, let redelivered, let exchange, let routingKey):
            let delivery = AMQPDelivery(deliveryTag: deliveryTag, redelivered: redelivered, exchange: exchange, routingKey: routingKey,
                                        properties: message.properties, body: message.body)
            book.withLock { $0.consumers[tag] }?.yield(delivery)
        case .basicAck(let tag, let multiple), .basicNack(let tag, let multiple, _):
            var nacked = false
            if case .basicNack = message.method { nacked = true }
            let resolved = book.withLock { $0.confirms?.confirmed(tag: tag, multiple: multiple, nacked: nacked) ?? [] }
            for (waiter, error) in resolved {
                if let error { waiter.resume(throwing: error) } else { waiter.resume() }
            }
        case .basicReturn(let code, let text, _, _):
            book.withLock { $0.confirms?.returned(messageID: message.properties.messageID, error: .returned(code: code, text: text)) }
        case .basicCancel(let tag, _):
            // The broker cancelled a consumer (its queue was deleted, say).
            book.withLock { $0.consumers.removeValue(forKey: tag) }?.finish(throwing: AMQPError.cancelled)
        case .channelClose(let code, let text, _, _):
            connection.write([.method(.channelCloseOk, channel: id)])
            fail(.serverClosed(code: code, text: text))
            connection.channelClosed(id)
        default:
            let waiter = book.withLock { book -> Book.Reply? in
                book.replies.isEmpty ? nil : book.replies.removeFirst()
            }
            waiter?.continuation.resume(returning: message.method)
        }
    }

    /// The channel or its connection closed: everyone waiting fails with `error`.
    func fail(_ error: AMQPError) {
        let (replies, confirms, consumers) = book.withLock { $0.close(error) }
        for reply in replies { reply.continuation.resume(throwing: error) }
        for confirm in confirms { confirm.resume(throwing: error) }
        for consumer in consumers { consumer.finish(throwing: error) }
    }
}
