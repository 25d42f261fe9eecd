import AMQP
import NIOCore
import Testing

@Suite struct AMQPMethodCodecTests {
    static let methods: [AMQPMethod] = [
        .connectionStart(serverProperties: ["product": .string("RabbitMQ"), "capabilities": .table(["basic.nack": .bool(true)]),
                                            "n": .array([.int64(-1), .uint8(2), .double(1.5), .void, .timestamp(9)])],
                         mechanisms: "AMQPLAIN PLAIN", locales: "en_US"),
        .connectionStartOk(clientProperties: ["product": .string("starling")], mechanism: "PLAIN", response: "\u{0}u\u{0}p", locale: "en_US"),
        .connectionTune(channelMax: 2047, frameMax: 131_072, heartbeat: 60),
        .connectionTuneOk(channelMax: 2047, frameMax: 131_072, heartbeat: 10),
        .connectionOpen(virtualHost: "/"), .connectionOpenOk,
        .connectionClose(code: 320, text: "CONNECTION_FORCED", classID: 0, methodID: 0), .connectionCloseOk,
        .connectionBlocked(reason: "low on memory"), .connectionUnblocked,
        .channelOpen, .channelOpenOk, .channelClose(code: 404, text: "NOT_FOUND", classID: 50, methodID: 10), .channelCloseOk,
        .exchangeDeclare(name: "starling.retry", type: "direct", durable: true, arguments: [:]), .exchangeDeclareOk,
        .queueDeclare(name: "starling.fanout", durable: true, exclusive: false, autoDelete: false,
                      arguments: ["x-dead-letter-exchange": .string(""), "x-message-ttl": .int32(500)]),
        .queueDeclareOk(name: "q", messageCount: 3, consumerCount: 1),
        .queueBind(queue: "q", exchange: "x", routingKey: "k", arguments: [:]), .queueBindOk,
        .queuePurge(name: "q"), .queuePurgeOk(messageCount: 5), .queueDelete(name: "q"), .queueDeleteOk(messageCount: 0),
        .basicQos(prefetchCount: 16, global: false), .basicQosOk,
        .basicConsume(queue: "q", consumerTag: "c", noAck: false, exclusive: true, arguments: [:]), .basicConsumeOk(consumerTag: "c"),
        .basicCancel(consumerTag: "c", noWait: true), .basicCancelOk(consumerTag: "c"),
        .basicPublish(exchange: "", routingKey: "q", mandatory: true),
        .basicReturn(code: 312, text: "NO_ROUTE", exchange: "", routingKey: "nowhere"),
        .basicDeliver(consumerTag: "c", deliveryTag: 1 << 40, redelivered: true, exchange: "", routingKey: "q"),
        .basicAck(deliveryTag: 9, multiple: true), .basicReject(deliveryTag: 9, requeue: false),
        .basicNack(deliveryTag: 9, multiple: true, requeue: false), .confirmSelect, .confirmSelectOk,
    ]

    @Test(arguments: methods) func aMethodDecodesToWhatWasEncoded(_ method: AMQPMethod) throws {
        var buffer = ByteBuffer()
        method.encode(into: &buffer)
        #expect(try AMQPMethod.decode(buffer) == method)
    }

    @Test(arguments: methods) func aTruncatedMethodThrows(_ method: AMQPMethod) {
        var buffer = ByteBuffer()
        method.encode(into: &buffer)
        for length in 0..<min(buffer.readableBytes, 4) {
            #expect(throws: AMQPError.self) { try AMQPMethod.decode(buffer.getSlice(at: 0, length: length)!) }
        }
    }

    @Test func anUnknownMethodDecodesAsUnknown() throws {
        #expect(try AMQPMethod.decode(ByteBuffer(bytes: [0, 90, 0, 11])) == .unknown(classID: 90, methodID: 11))
    }

    @Test func everyPropertyRoundTrips() throws {
        var properties = AMQPProperties(contentType: "application/json", headers: ["a": .string("b")], deliveryMode: 2,
                                        expiration: "500", messageID: "m", type: "fan_out")
        properties.contentEncoding = "utf-8"
        properties.priority = 3
        properties.correlationID = "c"
        properties.replyTo = "r"
        properties.timestamp = 1_700_000_000
        properties.userID = "guest"
        properties.appID = "starling"
        properties.clusterID = "x"
        var buffer = ByteBuffer()
        AMQPContentHeader(bodySize: 12, properties: properties).encode(into: &buffer)
        #expect(try AMQPContentHeader.decode(buffer) == AMQPContentHeader(bodySize: 12, properties: properties))
    }

    @Test func aBodyIsCutToTheFrameMaximum() {
        let frames = AMQPMessage.frames(.basicPublish(exchange: "", routingKey: "q", mandatory: false), properties: .persistent,
                                        body: ByteBuffer(repeating: 7, count: 1_000), channel: 1, frameMax: 108)
        #expect(frames.map(\.kind) == [.method, .header] + Array(repeating: .body, count: 10))
        #expect(frames.dropFirst(2).allSatisfy { $0.payload.readableBytes == 100 })
    }
}
