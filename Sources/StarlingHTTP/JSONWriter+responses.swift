import Hummingbird
import StarlingCore

extension JSONBody {
    /// A JSON response from a value that writes itself.
    public static func response(writing value: some JSONWritable, status: HTTPResponse.Status = .ok) -> Response {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: writer.buffer))
    }
}

extension EndlessPage: JSONWritable where Item: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("has_next_page")
        writer.bool(hasNextPage)
        writer.key("results")
        writer.array(results)
        writer.endObject()
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    public func writeJSON(to writer: inout JSONWriter) {
        writer.array(self)
    }
}
