import Foundation
import NIOCore
import StarlingCore
import StarlingHTTP
import Testing

private struct Sample: JSONWritable, Encodable {
    let text: String
    let number: Int64
    let flag: Bool
    let missing: String?
    let list: [String]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("text")
        writer.string(text)
        writer.key("number")
        writer.int(number)
        writer.key("flag")
        writer.bool(flag)
        writer.key("missing")
        writer.string(missing)
        writer.key("list")
        writer.array(list)
        writer.endObject()
    }
}

@Suite struct JSONWriterTests {
    func parsed(_ value: some JSONWritable) throws -> NSDictionary {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return try #require(try JSONSerialization.jsonObject(with: Data(writer.buffer.readableBytesView)) as? NSDictionary)
    }

    @Test func writesWhatJSONEncoderWrites() throws {
        let sample = Sample(text: "quote \" backslash \\ newline \n tab \t bell \u{7} é 🐦 </script>", number: (1 << 53) - 1,
                            flag: true, missing: nil, list: ["a", "", "\u{0}"])
        let mine = try parsed(sample)
        let foundation = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(sample)) as? NSDictionary)
        #expect(mine["text"] as? String == sample.text)
        #expect(mine["missing"] is NSNull)
        #expect(mine.isEqual(to: foundation as! [AnyHashable: Any]) || (mine["text"] as? String == foundation["text"] as? String))
        #expect((mine["number"] as? NSNumber)?.int64Value == (1 << 53) - 1)
        #expect(mine["list"] as? [String] == ["a", "", "\u{0}"])
    }

    @Test(arguments: [Int64]([Int64.min, Int64.min + 1, -1_234_567, -10, -9, -1, 0, 1, 9, 10, 99, 100, 1_234_567_890, (1 << 53) - 1, Int64.max]))
    func integersAreWrittenInDecimal(_ number: Int64) {
        var writer = JSONWriter()
        writer.beginArray()
        writer.int(number)
        writer.int(7)
        writer.endArray()
        #expect(String(buffer: writer.buffer) == "[\(number),7]")
    }

    @Test func everyControlCharacterIsEscaped() throws {
        let text = String(decoding: (0..<0x20).map { UInt8($0) } + Array("a\"b\\c".utf8), as: UTF8.self)
        var writer = JSONWriter()
        writer.beginArray()
        writer.string(text)
        writer.string("plain")
        writer.string("ends with a quote\"")
        writer.endArray()
        let written = String(buffer: writer.buffer)
        #expect(written.utf8.allSatisfy { $0 >= 0x20 }, "no raw control character: \(written)")
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(written.utf8)) as? [String])
        #expect(parsed == [text, "plain", "ends with a quote\""])
        #expect(written.contains("\\u001f") && written.contains("\\n") && written.contains("\\t"))
    }

    @Test func pagesNestValues() throws {
        let page = EndlessPage(hasNextPage: false, results: [Sample(text: "x", number: 1, flag: false, missing: "y", list: [])])
        let object = try parsed(page)
        #expect(object["has_next_page"] as? Bool == false)
        #expect(((object["results"] as? [[String: Any]])?.first)?["missing"] as? String == "y")
        let empty = try parsed(EndlessPage<Sample>(hasNextPage: true, results: []))
        #expect((empty["results"] as? [Any])?.isEmpty == true)
    }
}
