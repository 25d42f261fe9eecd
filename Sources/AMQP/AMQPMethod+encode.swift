import NIOCore

extension AMQPMethod {
    /// The class and method ids of the method.
    public var ids: (classID: UInt16, methodID: UInt16) {
        switch self {
        case .connectionStart: (10, 10)
        case .connectionStartOk: (10, 11)
        case .connectionTune: (10, 30)
        case .connectionTuneOk: (10, 31)
        case .connectionOpen: (10, 40)
        case .connectionOpenOk: (10, 41)
        case .connectionClose: (10, 50)
        case .connectionCloseOk: (10, 51)
        case .connectionBlocked: (10, 60)
        case .connectionUnblocked: (10, 61)
        case .channelOpen: (20, 10)
        case .channelOpenOk: (20, 11)
        case .channelClose: (20, 40)
        case .channelCloseOk: (20, 41)
        case .exchangeDeclare: (40, 10)
        case .exchangeDeclareOk: (40, 11)
        case .queueDeclare: (50, 10)
        case .queueDeclareOk: (50, 11)
        case .queueBind: (50, 20)
        case .queueBindOk: (50, 21)
        case .queuePurge: (50, 30)
        case .queuePurgeOk: (50, 31)
        case .queueDelete: (50, 40)
        case .queueDeleteOk: (50, 41)
        case .basicQos: (60, 10)
        case .basicQosOk: (60, 11)
        case .basicConsume: (60, 20)
        case .basicConsumeOk: (60, 21)
        case .basicCancel: (60, 30)
        case .basicCancelOk: (60, 31)
        case .basicPublish: (60, 40)
        case .basicReturn: (60, 50)
        case .basicDeliver: (60, 60)
        case .basicAck: (60, 80)
        case .basicReject: (60, 90)
        case .basicNack: (60, 120)
        case .confirmSelect: (85, 10)
        case .confirmSelectOk: (85, 11)
        case .unknown(let classID, let methodID): (classID, methodID)
        }
    }

    /// Appends the method's payload: class id, method id, arguments.
    public func encode(into b: inout ByteBuffer) {
        b.writeInteger(ids.classID)
        b.writeInteger(ids.methodID)
        switch self {
        case .connectionStart(let properties, let mechanisms, let locales):
            b.writeInteger(UInt8(0)); b.writeInteger(UInt8(9))
            b.writeTable(properties); b.writeLongString(mechanisms); b.writeLongString(locales)
        case .connectionStartOk(let properties, let mechanism, let response, let locale):
            b.writeTable(properties); b.writeShortString(mechanism); b.writeLongString(response); b.writeShortString(locale)
        case .connectionTune(let channelMax, let frameMax, let heartbeat), .connectionTuneOk(let channelMax, let frameMax, let heartbeat):
            b.writeInteger(channelMax); b.writeInteger(frameMax); b.writeInteger(heartbeat)
        case .connectionOpen(let host):
            b.writeShortString(host); b.writeShortString(""); b.writeBits(false)
        case .connectionOpenOk, .channelOpen:
            b.writeShortString("")
        case .channelOpenOk:
            b.writeLongString("")
        case .connectionClose(let code, let text, let classID, let methodID), .channelClose(let code, let text, let classID, let methodID):
            b.writeInteger(code); b.writeShortString(text); b.writeInteger(classID); b.writeInteger(methodID)
        case .connectionBlocked(let reason):
            b.writeShortString(reason)
        case .exchangeDeclare(let name, let type, let durable, let arguments):
            b.writeInteger(UInt16(0)); b.writeShortString(name); b.writeShortString(type)
            b.writeBits(false, durable, false, false, false); b.writeTable(arguments)
        case .queueDeclare(let name, let durable, let exclusive, let autoDelete, let arguments):
            b.writeInteger(UInt16(0)); b.writeShortString(name)
            b.writeBits(false, durable, exclusive, autoDelete, false); b.writeTable(arguments)
        case .queueDeclareOk(let name, let messages, let consumers):
            b.writeShortString(name); b.writeInteger(messages); b.writeInteger(consumers)
        case .queueBind(let queue, let exchange, let key, let arguments):
            b.writeInteger(UInt16(0)); b.writeShortString(queue); b.writeShortString(exchange); b.writeShortString(key)
            b.writeBits(false); b.writeTable(arguments)
        case .queuePurge(let name):
            b.writeInteger(UInt16(0)); b.writeShortString(name); b.writeBits(false)
        case .queueDelete(let name):
            b.writeInteger(UInt16(0)); b.writeShortString(name); b.writeBits(false, false, false)
        case .queuePurgeOk(let count), .queueDeleteOk(let count):
            b.writeInteger(count)
        case .basicQos(let prefetch, let global):
            b.writeInteger(UInt32(0)); b.writeInteger(prefetch); b.writeBits(global)
        case .basicConsume(let queue, let tag, let noAck, let exclusive, let arguments):
            b.writeInteger(UInt16(0)); b.writeShortString(queue); b.writeShortString(tag)
            b.writeBits(false, noAck, exclusive, false); b.writeTable(arguments)
        case .basicConsumeOk(let tag), .basicCancelOk(let tag):
            b.writeShortString(tag)
        case .basicCancel(let tag, let noWait):
            b.writeShortString(tag); b.writeBits(noWait)
        case .basicPublish(let exchange, let key, let mandatory):
            b.writeInteger(UInt16(0)); b.writeShortString(exchange); b.writeShortString(key); b.writeBits(mandatory, false)
        case .basicReturn(let code, let text, let exchange, let key):
            b.writeInteger(code); b.writeShortString(text); b.writeShortString(exchange); b.writeShortString(key)
        case .basicDeliver(let tag, let deliveryTag, let redelivered, let exchange, let key):
            b.writeShortString(tag); b.writeInteger(deliveryTag); b.writeBits(redelivered)
            b.writeShortString(exchange); b.writeShortString(key)
        case .basicAck(let tag, let multiple):
            b.writeInteger(tag); b.writeBits(multiple)
        case .basicReject(let tag, let requeue):
            b.writeInteger(tag); b.writeBits(requeue)
        case .basicNack(let tag, let multiple, let requeue):
            b.writeInteger(tag); b.writeBits(multiple, requeue)
        case .confirmSelect:
            b.writeBits(false)
        case .connectionCloseOk, .connectionUnblocked, .channelCloseOk, .exchangeDeclareOk, .queueBindOk, .basicQosOk,
             .confirmSelectOk, .unknown:
            break
        }
    }
}
