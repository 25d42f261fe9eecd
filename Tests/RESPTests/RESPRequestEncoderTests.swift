import NIOCore
import RESP
import Testing

/// Commands on the wire: arrays of bulk strings.
@Suite struct RESPRequestEncoderTests {
    private func wire(_ commands: RESPCommand...) -> String {
        var buffer = ByteBuffer()
        RESPRequestEncoder().encode(commands, into: &buffer)
        return String(buffer: buffer)
    }

    @Test func aCommandIsAnArrayOfBulkStrings() {
        #expect(wire(RESPCommand("SET", "key", "välue")) == "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$6\r\nvälue\r\n")
        #expect(wire(RESPCommand("PING")) == "*1\r\n$4\r\nPING\r\n")
        #expect(wire(RESPCommand(["GET", "k"])) == "*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
    }

    @Test func binaryAndNumericArguments() {
        var buffer = ByteBuffer()
        RESPRequestEncoder().encode(RESPCommand("SET", "b", ByteBuffer(bytes: [0, 255, 13, 10])), into: &buffer)
        #expect(Array(buffer.readableBytesView) == Array("*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$4\r\n".utf8) + [0, 255, 13, 10] + Array("\r\n".utf8))
        #expect(wire(RESPCommand("INCRBY", "n", -5)) == "*3\r\n$6\r\nINCRBY\r\n$1\r\nn\r\n$2\r\n-5\r\n")
        #expect(wire(RESPCommand("X", Int64(1_767_225_600_000_000))) == "*2\r\n$1\r\nX\r\n$16\r\n1767225600000000\r\n")
    }

    @Test func integersAtTheirEdgesAndNumberedKeys() throws {
        #expect(wire(RESPCommand("X", Int64.min, Int64.max, 0)) == "*4\r\n$1\r\nX\r\n$20\r\n-9223372036854775808\r\n$19\r\n9223372036854775807\r\n$1\r\n0\r\n")
        #expect(wire(.mget([RESPNumberedKey(prefix: "kv:tweet:", number: 42), RESPNumberedKey(prefix: "", number: -7)]))
            == "*3\r\n$4\r\nMGET\r\n$11\r\nkv:tweet:42\r\n$2\r\n-7\r\n")
        let long = String(repeating: "k", count: 12_345)
        #expect(wire(RESPCommand("GET", long)) == "*2\r\n$3\r\nGET\r\n$12345\r\n\(long)\r\n")
    }

    @Test func decimalBulkStringsReadAsIntegers() {
        func decimal(_ text: String) -> Int64? { RESPValue.bulkString(ByteBuffer(string: text)).decimal }
        #expect(decimal("1767225600000001") == 1_767_225_600_000_001)
        #expect(decimal("-9223372036854775808") == .min)
        #expect(decimal("9223372036854775807") == .max)
        #expect(decimal("+5") == 5)
        // Up to 18 digits are read with no overflow checks; 19 with them.
        #expect(decimal("999999999999999999") == 999_999_999_999_999_999)
        #expect(decimal("-999999999999999999") == -999_999_999_999_999_999)
        #expect(decimal("000000000000000007") == 7)
        #expect(decimal("1999999999999999999") == 1_999_999_999_999_999_999)
        for refused in ["", "-", "9223372036854775808", "12a", " 1", "1.0", "complete", "12345678901234567890", "1/", "1:", "--1"] {
            #expect(decimal(refused) == nil, "\(refused)")
        }
        #expect(RESPValue.integer(5).decimal == nil, "an integer reply is not a bulk string")
    }

    @Test func scoresOfIdsAreWrittenExactly() {
        #expect(wire(.zadd("z", [(1_767_225_600_000_001, "1767225600000001")]))
            == "*4\r\n$4\r\nZADD\r\n$1\r\nz\r\n$16\r\n1767225600000001\r\n$16\r\n1767225600000001\r\n")
        #expect(wire(.zrevrangebyscore("z", max: .exclusive(40), min: .negativeInfinity, limit: (0, 3)))
            == "*7\r\n$16\r\nZREVRANGEBYSCORE\r\n$1\r\nz\r\n$3\r\n(40\r\n$4\r\n-inf\r\n$5\r\nLIMIT\r\n$1\r\n0\r\n$1\r\n3\r\n")
        #expect(wire(RESPCommand("X", 2.5, RedisScoreBound.positiveInfinity)) == "*3\r\n$1\r\nX\r\n$3\r\n2.5\r\n$4\r\n+inf\r\n")
        #expect(wire(RESPCommand("X", RedisScoreBound.inclusive(0), RedisScoreBound.inclusive(7))) == "*3\r\n$1\r\nX\r\n$1\r\n0\r\n$1\r\n7\r\n")
    }

    @Test func pipelinedCommandsFollowEachOther() {
        #expect(wire(.get("a"), .set("b", "1", expireMilliseconds: 500, onlyIfAbsent: true))
            == "*2\r\n$3\r\nGET\r\n$1\r\na\r\n*6\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n1\r\n$2\r\nPX\r\n$3\r\n500\r\n$2\r\nNX\r\n")
    }

    @Test func encodedCommandsParseBackAsTheirWords() throws {
        var buffer = ByteBuffer()
        RESPRequestEncoder().encode(.evalsha(RedisScript("return 1"), keys: ["k"], arguments: ["a", ""]), into: &buffer)
        let words = try RESPParser().parse(&buffer)?.array?.compactMap(\.string)
        #expect(words == ["EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "1", "k", "a", ""])
    }
}
