import NIOCore
import RESP
import Seeding
import Testing

/// Values that arrive in pieces, values over the limits, and bytes that are not RESP.
@Suite struct RESPParserFramingTests {
    @Test(arguments: respSamples.indices)
    func aValueSplitAtAnyByteNeedsMoreDataThenReads(_ index: Int) throws {
        let (wire, expected) = respSamples[index]
        let bytes = Array(wire.utf8)
        let parser = RESPParser()
        for split in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<split])
            #expect(try parser.parse(&buffer) == nil, "\(split) of \(bytes.count) bytes is not a value yet")
            #expect(buffer.readableBytes == split, "nothing is consumed until the value is whole")
            buffer.writeBytes(bytes[split...])
            #expect(try parser.parse(&buffer) == expected)
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func manyValuesFedOneByteAtATime() throws {
        let stream = respSamples.map(\.wire).joined()
        var buffer = ByteBuffer()
        var values: [RESPValue] = []
        let parser = RESPParser()
        for byte in stream.utf8 {
            buffer.writeInteger(byte)
            while let value = try parser.parse(&buffer) { values.append(value) }
        }
        #expect(values == respSamples.map(\.value))
    }

    @Test func bulkLengthOverTheLimitIsRejectedBeforeItsBytesArrive() {
        var buffer = ByteBuffer(string: "$536870913\r\n")
        #expect(throws: RedisError.protocolError("length 536870913 over the limit of 536870912")) {
            try RESPParser().parse(&buffer)
        }
        var small = ByteBuffer(string: "$11\r\n")
        #expect(throws: RedisError.self) { try RESPParser(limits: .init(maxBulkLength: 10)).parse(&small) }
    }

    @Test func aggregateCountOverTheLimitIsRejected() {
        for header in ["*4\r\n", "~4\r\n", ">4\r\n", "%4\r\n", "|4\r\n"] {
            var buffer = ByteBuffer(string: header)
            #expect(throws: RedisError.self, "\(header)") { try RESPParser(limits: .init(maxAggregateCount: 3)).parse(&buffer) }
        }
        var huge = ByteBuffer(string: "*9223372036854775807\r\n")
        #expect(throws: RedisError.self) { try RESPParser().parse(&huge) }
    }

    @Test func nestingDeeperThanTheLimitIsRejected() throws {
        let parser = RESPParser(limits: .init(maxDepth: 32))
        var deepest = ByteBuffer(string: String(repeating: "*1\r\n", count: 32) + ":1\r\n")
        #expect(try parser.parse(&deepest) != nil, "32 levels are allowed")
        var tooDeep = ByteBuffer(string: String(repeating: "*1\r\n", count: 33) + ":1\r\n")
        #expect(throws: RedisError.protocolError("aggregates nested deeper than 32")) { try parser.parse(&tooDeep) }
        var hostile = ByteBuffer(string: String(repeating: "*1\r\n", count: 100_000))
        #expect(throws: RedisError.self, "no stack overflow") { try parser.parse(&hostile) }
    }

    @Test func aLineThatNeverEndsIsRejected() {
        var buffer = ByteBuffer(string: "+" + String(repeating: "a", count: 70_000))
        #expect(throws: RedisError.self) { try RESPParser().parse(&buffer) }
    }

    @Test(arguments: [
        "hello\r\n", ":12a\r\n", ":\r\n", ":-\r\n", ":99999999999999999999\r\n", "$3\r\nabcd\r\n", "+OK\rX",
        "$-2\r\n", "$?\r\n", "*-2\r\n", "%-1\r\n", "~-1\r\n", "!-1\r\n", "_x\r\n", "#x\r\n", ",abc\r\n", ",0x10\r\n",
        "(12a\r\n", "(\r\n", "=3\r\ntxt\r\n", "=5\r\ntxt_x\r\n", "\r\n", "\0",
    ])
    func garbageIsATypedError(_ wire: String) {
        var buffer = ByteBuffer(string: wire)
        let error = #expect(throws: RedisError.self) { try RESPParser().parse(&buffer) }
        #expect(error?.code == .protocolError)
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet = Array("+-:$*_#,(!=%~>|\r\n0123456789-abct?".utf8)
        let parser = RESPParser(limits: .init(maxBulkLength: 64, maxAggregateCount: 64))
        for _ in 0..<20_000 {
            let length = Int(random.next() % 48)
            var buffer = ByteBuffer(bytes: (0..<length).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
            do {
                while buffer.readableBytes > 0, try parser.parse(&buffer) != nil {}
            } catch {
                #expect(error.code == .protocolError)
            }
        }
    }
}
