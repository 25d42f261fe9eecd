extension Database {
    /// Closes what the store's services would have closed, for a start-up that failed before they
    /// ran (a SQLite connection must be closed before it is released).
    func closeUnstarted() async {
        for case let closer as SQLiteCloser in services { try? await closer.store.close() }
    }
}
