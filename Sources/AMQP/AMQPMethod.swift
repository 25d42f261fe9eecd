/// The AMQP 0-9-1 methods this client sends or understands, with their arguments (reserved
/// arguments are written as the spec requires and dropped when read). Any other method a broker
/// sends decodes as `.unknown`.
public enum AMQPMethod: Sendable, Equatable {
    case connectionStart(serverProperties: AMQPTable, mechanisms: String, locales: String)
    case connectionStartOk(clientProperties: AMQPTable, mechanism: String, response: String, locale: String)
    case connectionTune(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
    case connectionTuneOk(channelMax: UInt16, frameMax: UInt32, heartbeat: UInt16)
    case connectionOpen(virtualHost: String)
    case connectionOpenOk
    case connectionClose(code: UInt16, text: String, classID: UInt16, methodID: UInt16)
    case connectionCloseOk
    case connectionBlocked(reason: String)
    case connectionUnblocked

    case channelOpen
    case channelOpenOk
    case channelClose(code: UInt16, text: String, classID: UInt16, methodID: UInt16)
    case channelCloseOk

    case exchangeDeclare(name: String, type: String, durable: Bool, arguments: AMQPTable)
    case exchangeDeclareOk
    case queueDeclare(name: String, durable: Bool, exclusive: Bool, autoDelete: Bool, arguments: AMQPTable)
    case queueDeclareOk(name: String, messageCount: UInt32, consumerCount: UInt32)
    case queueBind(queue: String, exchange: String, routingKey: String, arguments: AMQPTable)
    case queueBindOk
    case queuePurge(name: String)
    case queuePurgeOk(messageCount: UInt32)
    case queueDelete(name: String)
    case queueDeleteOk(messageCount: UInt32)

    case basicQos(prefetchCount: UInt16, global: Bool)
    case basicQosOk
    case basicConsume(queue: String, consumerTag: String, noAck: Bool, exclusive: Bool, arguments: AMQPTable)
    case basicConsumeOk(consumerTag: String)
    case basicCancel(consumerTag: String, noWait: Bool)
    case basicCancelOk(consumerTag: String)
    case basicPublish(exchange: String, routingKey: String, mandatory: Bool)
    case basicReturn(code: UInt16, text: String, exchange: String, routingKey: String)
    case basicDeliver(consumerTag: String, deliveryTag: UInt64, redelivered: Bool, exchange: String, routingKey: String)
    case basicAck(deliveryTag: UInt64, multiple: Bool)
    case basicReject(deliveryTag: UInt64, requeue: Bool)
    case basicNack(deliveryTag: UInt64, multiple: Bool, requeue: Bool)

    case confirmSelect
    case confirmSelectOk

    case unknown(classID: UInt16, methodID: UInt16)

    /// True for the methods followed by a content header and body frames.
    public var carriesContent: Bool {
        switch self {
        case .basicPublish, .basicReturn, .basicDeliver: true
        default: false
        }
    }
}
