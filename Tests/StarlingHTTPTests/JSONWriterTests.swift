import Foundation
import NIOCore
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

    @Test func pagesNestValues() throws {
        let page = EndlessPage(hasNextPage: false, results: [Sample(text: "x", number: 1, flag: false, missing: "y", list: [])])
        let object = try parsed(page)
        #expect(object["has_next_page"] as? Bool == false)
        #expect(((object["results"] as? [[String: Any]])?.first)?["missing"] as? String == "y")
        let empty = try parsed(EndlessPage<Sample>(hasNextPage: true, results: []))
        #expect((empty["results"] as? [Any])?.isEmpty == true)
    }
}
