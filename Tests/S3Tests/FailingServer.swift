import Foundation

/// A loopback HTTP server (Python's `http.server`, stopped by its PID) that answers
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
        with open(sys.argv[1] + ".tmp", "w") as f: f.write(str(server.server_address[1]) + "\\n")
        import os; os.rename(sys.argv[1] + ".tmp", sys.argv[1])
        server.serve_forever()
        """
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("starling-failing-\(UInt64.random(in: 0 ... .max))")
        defer { try? FileManager.default.removeItem(at: portFile) }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, portFile.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        var port: Int?
        for _ in 0..<400 where port == nil {  // up to 20 s for Python to start on a loaded machine
            usleep(50_000)
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { $0.hasSuffix("\n") ? Int($0.dropLast()) : nil }
        }
        guard let port else {
            kill(process.processIdentifier, SIGKILL)
            throw SilentServerError()
        }
        self.port = port
    }

    /// SIGKILL: a test process running a service group ignores SIGTERM, and its children inherit that.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}
