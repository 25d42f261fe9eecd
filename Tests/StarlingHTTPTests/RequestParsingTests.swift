import StarlingCore
import StarlingHTTP
import HTTPTypes
import Testing

@Suite struct RequestParsingTests {
    @Test func multipartFieldsAndFilesAreSeparated() throws {
        let body = "--XyZ\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhello world\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"files\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n\u{1}\u{2}\r\n"
            + "--XyZ--\r\n"
        let parts = try #require(MultipartFormData.parse(Array(body.utf8), boundary: "XyZ"))
        #expect(parts.count == 2)
        #expect(parts[0].name == "content" && parts[0].filename == nil && parts[0].body == Array("hello world".utf8))
        #expect(parts[1].filename == "a.png" && parts[1].contentType == "image/png" && parts[1].body == [1, 2])
        #expect(MultipartFormData.boundary(fromContentType: "multipart/form-data; boundary=\"XyZ\"") == "XyZ")
    }

    @Test(arguments: ["", "garbage", "--XyZ\r\nno headers end", "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--"])
    func malformedMultipartIsRejected(_ body: String) {
        #expect(MultipartFormData.parse(Array(body.utf8), boundary: "XyZ") == nil)
    }

    @Test func formEncodingDecodesPlusAndPercent() {
        #expect(FormURLEncoding.decode("a=1+2&b=%C3%A9%2B&c") == ["a": "1 2", "b": "é+", "c": ""])
    }

    @Test func paginationParametersBecomeKeyBounds() throws {
        let page = try QueryInput(values: ["created_at__lt": "1970-01-01T00:00:01Z", "max_id": "500", "since_id": "7", "limit": "5"]).page()
        #expect(page == PageRequest(olderThan: 500, newerThan: 7, limit: 5))
        #expect(try QueryInput(values: [:]).page() == PageRequest())
        #expect(try QueryInput(values: ["created_at__gt": "1970-01-01 00:00:00 00:00"]).page().newerThan == 0,
                "a + that arrived as a space")
    }

    @Test(arguments: [["limit": "0"], ["limit": "101"], ["limit": "x"], ["created_at__lt": "soon"], ["max_id": "-1"], ["since_id": "1e3"]])
    func badPaginationParametersAreA400(_ values: [String: String]) {
        #expect(throws: StarlingError.self) { try QueryInput(values: values).page() }
    }
}
