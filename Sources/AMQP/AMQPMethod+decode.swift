import NIOCore

extension AMQPMethod {
    /// Reads a method frame's payload. Throws `malformedFrame` on truncated arguments; a method
    /// this client does not know decodes as `.unknown` (its arguments skipped).
    public static func decode(_ payload: ByteBuffer) throws -> AMQPMethod {
        var b = payload
        let classID: UInt16 = try b.readAMQP()
        let methodID: UInt16 = try b.readAMQP()
        switch (classID, methodID) {
        case (10, 10):
            _ = try b.readAMQP(UInt16.self)
            return .connectionStart(serverProperties: try b.readTable(), mechanisms: try b.readLongString(), locales: try b.readLongString())
        case (10, 11):
            return .connectionStartOk(clientProperties: try b.readTable(), mechanism: try b.readShortString(),
                                      response: try b.readLongString(), locale: try b.readShortString())
        case (10, 30):
            return .connectionTune(channelMax: try b.readAMQP(), frameMax: try b.readAMQP(), heartbeat: try b.readAMQP())
        case (10, 31):
            return .connectionTuneOk(channelMax: try b.readAMQP(), frameMax: try b.readAMQP(), heartbeat: try b.readAMQP())
        case (10, 40):
            let host = try b.readShortString()
            _ = try b.readShortString(); _ = try b.readBits(1)
            return .connectionOpen(virtualHost: host)
        case (10, 41): _ = try b.readShortString(); return .connectionOpenOk
        case (10, 50):
            return .connectionClose(code: try b.readAMQP(), text: try b.readShortString(), classID: try b.readAMQP(), methodID: try b.readAMQP())
        case (10, 51): return .connectionCloseOk
        case (10, 60): return .connectionBlocked(reason: try b.readShortString())
        case (10, 61): return .connectionUnblocked
        case (20, 10): _ = try b.readShortString(); return .channelOpen
        case (20, 11): _ = try b.readLongBytes(); return .channelOpenOk
        case (20, 40):
            return .channelClose(code: try b.readAMQP(), text: try b.readShortString(), classID: try b.readAMQP(), methodID: try b.readAMQP())
        case (20, 41): return .channelCloseOk
        case (40, 10):
            _ = try b.readAMQP(UInt16.self)
            let name = try b.readShortString(), type = try b.readShortString(), bits = try b.readBits(5)
            return .exchangeDeclare(name: name, type: type, durable: bits[1], arguments: try b.readTable())
        case (40, 11): return .exchangeDeclareOk
        case (50, 10):
            _ = try b.readAMQP(UInt16.self)
            let name = try b.readShortString(), bits = try b.readBits(5)
            return .queueDeclare(name: name, durable: bits[1], exclusive: bits[2], autoDelete: bits[3], arguments: try b.readTable())
        case (50, 11):
            return .queueDeclareOk(name: try b.readShortString(), messageCount: try b.readAMQP(), consumerCount: try b.readAMQP())
        case (50, 20):
            _ = try b.readAMQP(UInt16.self)
            let queue = try b.readShortString(), exchange = try b.readShortString(), key = try b.readShortString()
            _ = try b.readBits(1)
            return .queueBind(queue: queue, exchange: exchange, routingKey: key, arguments: try b.readTable())
        case (50, 21): return .queueBindOk
        case (50, 30):
            _ = try b.readAMQP(UInt16.self)
            let name = try b.readShortString()
            _ = try b.readBits(1)
            return .queuePurge(name: name)
        case (50, 31): return .queuePurgeOk(messageCount: try b.readAMQP())
        case (50, 40):
            _ = try b.readAMQP(UInt16.self)
            let name = try b.readShortString()
            _ = try b.readBits(3)
            return .queueDelete(name: name)
        case (50, 41): return .queueDeleteOk(messageCount: try b.readAMQP())
        case (60, 10):
            _ = try b.readAMQP(UInt32.self)
            return .basicQos(prefetchCount: try b.readAMQP(), global: try b.readBits(1)[0])
        case (60, 11): return .basicQosOk
        case (60, 20):
            _ = try b.readAMQP(UInt16.self)
            let queue = try b.readShortString(), tag = try b.readShortString(), bits = try b.readBits(4)
            return .basicConsume(queue: queue, consumerTag: tag, noAck: bits[1], exclusive: bits[2], arguments: try b.readTable())
        case (60, 21): return .basicConsumeOk(consumerTag: try b.readShortString())
        case (60, 30): return .basicCancel(consumerTag: try b.readShortString(), noWait: try b.readBits(1)[0])
        case (60, 31): return .basicCancelOk(consumerTag: try b.readShortString())
        case (60, 40):
            _ = try b.readAMQP(UInt16.self)
            let exchange = try b.readShortString(), key = try b.readShortString()
            return .basicPublish(exchange: exchange, routingKey: key, mandatory: try b.readBits(2)[0])
        case (60, 50):
            return .basicReturn(code: try b.readAMQP(), text: try b.readShortString(), exchange: try b.readShortString(),
                                routingKey: try b.readShortString())
        case (60, 60):
            let tag = try b.readShortString(), deliveryTag: UInt64 = try b.readAMQP(), redelivered = try b.readBits(1)[0]
            return .basicDeliver(consumerTag: tag, deliveryTag: deliveryTag, redelivered: redelivered, exchange: try b.readShortString(),
                                 routingKey: try b.readShortString())
        case (60, 80): return .basicAck(deliveryTag: try b.readAMQP(), multiple: try b.readBits(1)[0])
        case (60, 90): return .basicReject(deliveryTag: try b.readAMQP(), requeue: try b.readBits(1)[0])
        case (60, 120):
            let tag: UInt64 = try b.readAMQP(), bits = try b.readBits(2)
            return .basicNack(deliveryTag: tag, multiple: bits[0], requeue: bits[1])
        case (85, 10): _ = try b.readBits(1); return .confirmSelect
        case (85, 11): return .confirmSelectOk
        default: return .unknown(classID: classID, methodID: methodID)
        }
    }
}
