import NIOCore
import RESP
import Testing

/// Every RESP2 and RESP3 type, as the server writes it, and the value it reads as.
let respSamples: [(wire: String, value: RESPValue)] = [
    ("+OK\r\n", .simpleString("OK")),
    ("+\r\n", .simpleString("")),
    ("-ERR unknown command 'FOO'\r\n", .error("ERR unknown command 'FOO'")),
    (":0\r\n", .integer(0)),
    (":-42\r\n", .integer(-42)),
    (":9223372036854775807\r\n", .integer(.max)),
    (":-9223372036854775808\r\n", .integer(.min)),
    ("$5\r\nhello\r\n", .bulkString(ByteBuffer(string: "hello"))),
    ("$0\r\n\r\n", .bulkString(ByteBuffer())),
    ("$4\r\na\r\nb\r\n", .bulkString(ByteBuffer(string: "a\r\nb"))),
    ("$-1\r\n", .null),
    ("*-1\r\n", .null),
    ("*0\r\n", .array([])),
    ("*3\r\n:1\r\n$1\r\nx\r\n$-1\r\n", .array([.integer(1), .bulkString(ByteBuffer(string: "x")), .null])),
    ("*2\r\n*2\r\n+a\r\n*1\r\n:1\r\n-ERR e\r\n", .array([.array([.simpleString("a"), .array([.integer(1)])]), .error("ERR e")])),
    ("_\r\n", .null),
    ("#t\r\n", .boolean(true)),
    ("#f\r\n", .boolean(false)),
    (",3.25\r\n", .double(3.25)),
    (",-1e3\r\n", .double(-1000)),
    (",inf\r\n", .double(.infinity)),
    (",-inf\r\n", .double(-.infinity)),
    ("(3492890328409238509324850943850943825024385\r\n", .bigNumber("3492890328409238509324850943850943825024385")),
    ("(-12\r\n", .bigNumber("-12")),
    ("!21\r\nSYNTAX invalid syntax\r\n", .error("SYNTAX invalid syntax")),
    ("=15\r\ntxt:Some string\r\n", .verbatimString(format: "txt", text: "Some string")),
    ("%2\r\n+first\r\n:1\r\n+second\r\n#f\r\n", .map([
        RESPPair(key: .simpleString("first"), value: .integer(1)),
        RESPPair(key: .simpleString("second"), value: .boolean(false)),
    ])),
    ("~2\r\n+a\r\n:2\r\n", .set([.simpleString("a"), .integer(2)])),
    (">3\r\n+message\r\n+channel\r\n$2\r\nhi\r\n", .push([.simpleString("message"), .simpleString("channel"), .bulkString(ByteBuffer(string: "hi"))])),
    ("|1\r\n+ttl\r\n:3600\r\n$3\r\nval\r\n", .attributed(
        attributes: [RESPPair(key: .simpleString("ttl"), value: .integer(3600))],
        value: .bulkString(ByteBuffer(string: "val")))),
]

@Suite struct RESPParserTests {
    @Test(arguments: respSamples.indices)
    func readsEveryType(_ index: Int) throws {
        let (wire, expected) = respSamples[index]
        var buffer = ByteBuffer(string: wire)
        #expect(try RESPParser().parse(&buffer) == expected)
        #expect(buffer.readableBytes == 0, "the whole value is consumed, nothing more")
    }

    @Test func notANumberIsADouble() throws {
        var buffer = ByteBuffer(string: ",nan\r\n")
        guard case .double(let value) = try RESPParser().parse(&buffer) else {
            Issue.record("expected a double")
            return
        }
        #expect(value.isNaN)
    }

    @Test func errorRepliesAreValuesNotThrows() throws {
        var buffer = ByteBuffer(string: "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")
        let value = try RESPParser().parse(&buffer)
        #expect(value?.errorMessage == "WRONGTYPE Operation against a key holding the wrong kind of value")
    }

    @Test func readsValuesOneAfterAnother() throws {
        var buffer = ByteBuffer(string: "+OK\r\n:1\r\n$3\r\nabc\r\n+PARTIAL")
        let parser = RESPParser()
        #expect(try parser.parse(&buffer) == .simpleString("OK"))
        #expect(try parser.parse(&buffer) == .integer(1))
        #expect(try parser.parse(&buffer)?.string == "abc")
        #expect(try parser.parse(&buffer) == nil)
        #expect(String(buffer: buffer) == "+PARTIAL", "an incomplete value is left in place")
    }

    @Test func accessorsReadThroughAttributes() throws {
        let value = RESPValue.attributed(attributes: [], value: .bulkString(ByteBuffer(string: "12")))
        #expect(value.string == "12")
        #expect(value.int == 12)
        #expect(RESPValue.integer(7).int == 7)
        #expect(RESPValue.set([.integer(1)]).array == [.integer(1)])
        #expect(RESPValue.null.isNull)
        #expect(RESPValue.null.string == nil)
    }
}
