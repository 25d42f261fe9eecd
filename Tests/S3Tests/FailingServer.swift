import Foundation

/// A loopback HTTP server (Python's `http.server`, started by PID and stopped by it) that answers
/// `failures` requests with 503, then 200 `ok`; `GET …/count` tells how many requests it got.
final class FailingServer: @unchecked Sendable {
    let process = Process()
    let port: Int

    init(failures: Int) throws {
        let script = """
        import http.server, sys
        state = {"requests": 0}
        class Handler(http.server.BaseHTTPRequestHandler):
            def answer(self):
                if self.path.endswith("/count"):
                    body = str(state["requests"]).encode()
                    status = 200
                else:
                    state["requests"] += 1
                    length = int(self.headers.get("Content-Length") or 0)
                    if length: self.rfile.read(length)
                    status = 503 if state["requests"] <= \(failures) else 200
                    body = b"" if status == 503 else b"ok"
                self.send_response(status)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_GET = do_PUT = do_DELETE = answer
            def log_message(self, *args): pass
        server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
        print(server.server_address[1], flush=True)
        server.serve_forever()
        """
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        var line = Data()
        while !line.contains(UInt8(ascii: "\n")) {
            let piece = pipe.fileHandleForReading.availableData  // what is there now: the port, as soon as it is printed
            if piece.isEmpty { break }
            line += piece
        }
        guard let port = Int(String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) else {
            process.terminate()
            throw SilentServerError()
        }
        self.port = port
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}
