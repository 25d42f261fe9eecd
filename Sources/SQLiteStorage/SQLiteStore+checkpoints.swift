import Logging
import SQLiteDriver
import StarlingCore

extension SQLiteStore {
    /// Checkpoints the main file's write-ahead log in the background until the task is
    /// cancelled, so that no request's commit does it.
    ///
    /// SQLite's own checkpoint runs in the commit that grows the log past 1,000 pages and syncs
    /// the log and the database file: every transaction queued behind it waited for two fsyncs
    /// (10–100 ms each on a busy disk). Here the writer's automatic checkpoint is off, and a
    /// connection of its own copies the log into the database every `interval`; a passive
    /// checkpoint runs beside the writer, and readers find their pages in the database file or in
    /// the log's few pages not yet copied, however long the log.
    ///
    /// The log starts again from its beginning when a write begins with all of it copied: after
    /// any pause in writing longer than a checkpoint. Under writes that never pause it only grows;
    /// past `rewindAbovePages` (default 1 GiB of 4 KiB pages) the last pages are copied on the
    /// writer's queue, between two transactions, so that the next one rewinds it. That stalls
    /// writes for two fsyncs (75–480 ms measured under a burst of posts), so it is kept rare.
    /// The automatic checkpoint is back on when this returns.
    public func checkpointContinuously(every interval: Duration = .milliseconds(100), rewindAbovePages: Int = 262_144,
                                       logger: Logger = Logger(label: "starling.sqlite")) async {
        let checkpointer: SQLiteConnection
        do {
            checkpointer = try await SQLiteConnection.open(path: path)
            _ = try await checkpointer.query("PRAGMA synchronous=NORMAL")
            // It copies log frames to the file and reads no table: a page cache would sit idle.
            _ = try await checkpointer.query("PRAGMA cache_size=-64")
            try await setAutomaticCheckpoint(pages: 0)
        } catch {
            logger.warning("no background checkpoints; SQLite checkpoints in commits", metadata: ["error": "\(error)"])
            return
        }
        // Commits seen at the last checkpoint that left nothing to copy: an idle store is not
        // checkpointed again (each one cost ~46,000 instructions, ten a second).
        var copiedThrough: Int?
        while !Task.isCancelled {
            do {
                try await Task.sleep(for: interval)
                let commits = mainCommits.load(ordering: .relaxed)
                if commits == copiedThrough { continue }
                var (pages, left) = try await passiveCheckpoint(on: checkpointer)
                copiedThrough = left == 0 ? commits : nil
                guard pages > rewindAbovePages else { continue }
                // Catch up beside the writer first, so that little is left to copy on its queue.
                for _ in 0..<3 where left > 64 { (pages, left) = try await passiveCheckpoint(on: checkpointer) }
                // On the writer's queue: no transaction appends to the log meanwhile.
                _ = try await writer.batch { try $0.query("PRAGMA wal_checkpoint(PASSIVE)") }
            } catch is CancellationError {
                break
            } catch {
                logger.warning("background checkpoint failed", metadata: ["error": "\(error)"])
            }
        }
        try? await setAutomaticCheckpoint(pages: 1_000)
        try? await checkpointer.close()
    }

    /// A passive checkpoint: the pages in the log, and how many of them it could not copy yet.
    private func passiveCheckpoint(on connection: SQLiteConnection) async throws -> (pages: Int, left: Int) {
        guard let row = try await connection.query("PRAGMA wal_checkpoint(PASSIVE)").first else { return (0, 0) }
        let pages = row.int("log")
        return (pages, max(0, pages - row.int("checkpointed")))
    }

    private func setAutomaticCheckpoint(pages: Int) async throws {
        _ = try await writer.query("PRAGMA wal_autocheckpoint=\(pages)")
    }
}
