import Memcached
import NIOCore
import Testing

/// Every answer the meta protocol has, as bytes and as the value the parser must read.
let memcachedSamples: [(wire: String, response: MemcachedResponse)] = [
    ("VA 2 c12 t-1 kfoo O7\r\nhi\r\n", MemcachedResponse(status: .value, flags: .init(cas: 12, ttl: -1, key: "foo", opaque: 7), value: ByteBuffer(string: "hi"))),
    ("VA 0 c8 W\r\n\r\n", MemcachedResponse(status: .value, flags: .init(cas: 8, won: true), value: ByteBuffer())),
    ("VA 3 c3 Z X\r\na\r\n\r\n", MemcachedResponse(status: .value, flags: .init(cas: 3, stale: true, alreadyWon: true), value: ByteBuffer(string: "a\r\n"))),
    ("HD\r\n", MemcachedResponse(status: .success)),
    ("HD O4294967295 f0 s2\r\n", MemcachedResponse(status: .success, flags: .init(opaque: .max))),
    ("EN\r\n", MemcachedResponse(status: .miss)),
    ("NF\r\n", MemcachedResponse(status: .notFound)),
    ("NS\r\n", MemcachedResponse(status: .notStored)),
    ("EX c18446744073709551615\r\n", MemcachedResponse(status: .exists, flags: .init(cas: .max))),
    ("MN\r\n", MemcachedResponse(status: .noop)),
    ("STAT get_hits 42\r\n", MemcachedResponse(status: .stat(name: "get_hits", value: "42"))),
    ("END\r\n", MemcachedResponse(status: .end)),
    ("CLIENT_ERROR bad command line format\r\n", MemcachedResponse(status: .error("CLIENT_ERROR bad command line format"))),
    ("ERROR\r\n", MemcachedResponse(status: .error("ERROR"))),
]

/// Answers that arrive in pieces, answers over the limits, and bytes that are not the protocol.
@Suite struct MemcachedParserTests {
    @Test(arguments: memcachedSamples.indices)
    func anAnswerSplitAtAnyByteNeedsMoreDataThenReads(_ index: Int) throws {
        let (wire, expected) = memcachedSamples[index]
        let bytes = Array(wire.utf8)
        let parser = MemcachedParser()
        for split in 0..<bytes.count {
            var buffer = ByteBuffer(bytes: bytes[..<split])
            #expect(try parser.parse(&buffer) == nil, "\(split) of \(bytes.count) bytes is not an answer yet")
            #expect(buffer.readableBytes == split, "nothing is consumed until the answer is whole")
            buffer.writeBytes(bytes[split...])
            #expect(try parser.parse(&buffer) == expected)
            #expect(buffer.readableBytes == 0)
        }
    }

    @Test func manyAnswersFedOneByteAtATime() throws {
        var buffer = ByteBuffer()
        var responses: [MemcachedResponse] = []
        let parser = MemcachedParser()
        for byte in memcachedSamples.map(\.wire).joined().utf8 {
            buffer.writeInteger(byte)
            while let response = try parser.parse(&buffer) { responses.append(response) }
        }
        #expect(responses == memcachedSamples.map(\.response))
    }

    @Test(arguments: [
        "XX 1\r\n", "VA\r\n", "VA -1\r\n", "VA 1x\r\n", "VA 99999999999999999999999\r\n", "VA 2\r\nhiXY",
        "HD c-1\r\n", "HD c18446744073709551616\r\n", "HD Oabc\r\n", "HD O4294967296\r\n", "HD t\r\n", "HD 5\r\n",
        "HD\n", "\r\n", "HD\u{1}\r\n", "VA 1 \u{7f}\r\na\r\n", "STAT\r\n",
    ])
    func garbageIsRejectedWithAnError(_ wire: String) {
        var buffer = ByteBuffer(string: wire)
        #expect(throws: MemcachedError.self, "\(wire.debugDescription)") { try MemcachedParser().parse(&buffer) }
    }

    @Test func aValueOverTheLimitIsRejectedBeforeItsBytesArrive() throws {
        var buffer = ByteBuffer(string: "VA 11 c1\r\n")
        #expect(throws: MemcachedError.self) { try MemcachedParser(limits: .init(maxValueLength: 10)).parse(&buffer) }
        var fits = ByteBuffer(string: "VA 10 c1\r\n")
        #expect(try MemcachedParser(limits: .init(maxValueLength: 10)).parse(&fits) == nil, "waits for its bytes")
    }

    @Test func aLineWithoutAnEndIsRejectedOnceItPassesTheLimit() throws {
        let parser = MemcachedParser(limits: .init(maxLineLength: 16))
        var short = ByteBuffer(string: String(repeating: "H", count: 17))
        #expect(try parser.parse(&short) == nil, "it may still end")
        var long = ByteBuffer(string: String(repeating: "H", count: 18))
        #expect(throws: MemcachedError.self) { try parser.parse(&long) }
    }

    @Test func randomBytesNeverCrashTheParser() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return state
        }
        let alphabet = Array("VAHDENFSXMTOCckvtWZ0123456789- \r\n".utf8)
        for _ in 0..<5_000 {
            let count = Int(next() % 40)
            var buffer = ByteBuffer(bytes: (0..<count).map { _ in next() % 4 == 0 ? UInt8(truncatingIfNeeded: next()) : alphabet[Int(next() % UInt64(alphabet.count))] })
            while (try? MemcachedParser().parse(&buffer)) ?? nil != nil {}
        }
    }
}
