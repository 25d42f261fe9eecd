import AMQP
import NIOCore
import Testing

@Suite struct AMQPFrameParserTests {
    /// A realistic stream: a method, a content header and two body frames, and a heartbeat.
    func sampleFrames() -> [AMQPFrame] {
        var body = ByteBuffer(string: String(repeating: "starling ", count: 40))
        body.writeString("!")
        return AMQPMessage.frames(.basicDeliver(consumerTag: "c1", deliveryTag: 7, redelivered: true, exchange: "", routingKey: "q"),
                                  properties: AMQPProperties(contentType: "application/json", headers: ["x-attempts": .int32(3)],
                                                             deliveryMode: 2, messageID: "42"),
                                  body: body, channel: 3, frameMax: 200) + [.heartbeat]
    }

    @Test func everyFrameSplitAtEveryByteBoundaryParsesTheSame() throws {
        let frames = sampleFrames()
        var whole = ByteBuffer()
        for frame in frames { frame.encode(into: &whole) }
        let bytes = Array(whole.readableBytesView)
        for cut in 0...bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<cut])
            var parsed: [AMQPFrame] = []
            let parser = AMQPFrameParser()
            while let frame = try parser.parse(&buffer) { parsed.append(frame) }
            buffer.writeBytes(bytes[cut...])
            while let frame = try parser.parse(&buffer) { parsed.append(frame) }
            #expect(parsed == frames, "cut at \(cut)")
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func byteByByteParsesTheSame() throws {
        let frames = sampleFrames()
        var whole = ByteBuffer()
        for frame in frames { frame.encode(into: &whole) }
        var buffer = ByteBuffer()
        var parsed: [AMQPFrame] = []
        for byte in whole.readableBytesView {
            buffer.writeInteger(byte)
            while let frame = try AMQPFrameParser().parse(&buffer) { parsed.append(frame) }
        }
        #expect(parsed == frames)
    }

    @Test func anOversizeFrameIsRejectedBeforeItsPayloadArrives() {
        var buffer = ByteBuffer(bytes: [1, 0, 1, 0x7F, 0xFF, 0xFF, 0xFF])
        #expect(throws: AMQPError.frameTooLarge(0, max: 0)) { try AMQPFrameParser(maximumFrameSize: 4096).parse(&buffer) }
    }

    @Test func garbageIsRejectedWithoutACrash() {
        for garbage: [UInt8] in [[9, 0, 0, 0, 0, 0, 0, 0xCE], [1, 0, 0, 0, 0, 0, 1, 0, 0x00], [8, 0, 5, 0, 0, 0, 0, 0xCE]] {
            var buffer = ByteBuffer(bytes: garbage)
            #expect(throws: AMQPError.malformedFrame("")) { try AMQPFrameParser().parse(&buffer) }
        }
        var header = ByteBuffer(bytes: AMQPFrame.protocolHeader)
        #expect(throws: AMQPError.unsupportedProtocol) { try AMQPFrameParser().parse(&header) }
    }

    @Test func randomBytesNeverCrashTheParserOrTheMethodDecoder() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let count = Int.random(in: 0...64, using: &generator)
            var buffer = ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
            _ = try? AMQPFrameParser().parse(&buffer)
            _ = try? AMQPMethod.decode(ByteBuffer(bytes: [0, 60, 0, 60] + (0..<count).map { _ in UInt8.random(in: 0...255) }))
            _ = try? AMQPContentHeader.decode(ByteBuffer(bytes: (0..<count).map { _ in UInt8.random(in: 0...255) }))
        }
    }
}
