import Memcached
import NIOCore
import Testing

/// The exact bytes of each meta command, and keys the protocol cannot carry.
@Suite struct MemcachedRequestEncoderTests {
    func bytes(_ requests: [MemcachedRequest]) throws -> String {
        var buffer = ByteBuffer()
        try MemcachedRequestEncoder().encode(requests, into: &buffer)
        return String(buffer: buffer)
    }

    @Test func everyCommandAndFlag() throws {
        #expect(try bytes([.get("user:1", [.value, .returnCAS, .returnTTL, .returnKey, .opaque(7), .quiet])]) == "mg user:1 v c t k O7 q\r\n")
        #expect(try bytes([.get("hot", [.value, .returnCAS, .vivify(ttl: 5)])]) == "mg hot v c N5\r\n")
        #expect(try bytes([.set("k", ByteBuffer(bytes: [0, 13, 10]), [.ttl(600), .compareCAS(99), .quiet])]) == "ms k 3 T600 C99 q\r\n\u{0}\r\n\r\n")
        #expect(try bytes([.set("empty", ByteBuffer(), [.mode(.add)])]) == "ms empty 0 ME\r\n\r\n")
        #expect(try bytes([.delete("k", [.invalidate, .ttl(30), .quiet])]) == "md k I T30 q\r\n")
        #expect(try bytes([.arithmetic("n", [.value, .delta(2), .mode(.decrement)])]) == "ma n v D2 MD\r\n")
        #expect(try bytes([.arithmetic("n", [.vivify(ttl: 0), .initial(5), .base64Key])]) == "ma n N0 J5 b\r\n")
        #expect(try bytes([.noop, .stats]) == "mn\r\nstats\r\n")
    }

    @Test(arguments: ["", "has space", "tab\there", "new\nline", "é", String(repeating: "k", count: 251)])
    func aKeyTheProtocolCannotCarryIsRefusedAndNothingIsWritten(_ key: String) {
        var buffer = ByteBuffer()
        #expect(throws: MemcachedError.invalidKey(key)) { try MemcachedRequestEncoder().encode(.get(key), into: &buffer) }
        #expect(buffer.readableBytes == 0)
    }

    @Test func anyStringBecomesASafeKeyWithoutMeetingAnother() {
        #expect(MemcachedKey.safe("user:1") == "user:1", "safe keys are kept")
        let long = String(repeating: "k", count: 300)
        for key in ["has space", "é", long, "#user:1", "new\nline", ""] {
            let safe = MemcachedKey.safe(key)
            #expect(MemcachedKey.isValid(safe) && safe.hasPrefix("#") && safe.utf8.count == 65, "\(key.prefix(20))")
        }
        #expect(MemcachedKey.safe("a b") != MemcachedKey.safe("a  b"))
        #expect(MemcachedKey.isValid(String(repeating: "k", count: 250)))
    }

    @Test func serverListsAreReadAndBadOnesExplained() throws {
        #expect(try MemcachedServer.list("127.0.0.1:11211, cache-2:11311,[::1]:5") ==
                [MemcachedServer(host: "127.0.0.1"), MemcachedServer(host: "cache-2", port: 11311), MemcachedServer(host: "::1", port: 5)])
        #expect(try MemcachedServer.list("localhost") == [MemcachedServer(host: "localhost", port: 11211)])
        for bad in ["", ",", "host:0", "host:x", "host:70000", ":11211", "a:1,a:1", "a b:1"] {
            #expect(throws: MemcachedError.self, "\(bad)") { try MemcachedServer.list(bad) }
        }
    }
}
