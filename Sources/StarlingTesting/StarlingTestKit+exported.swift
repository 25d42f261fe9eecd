// The port-level test support (clocks, cache and blob contracts, test servers) is its own target,
// so tests of adapters that need nothing else link only it; app-level tests see it through here.
@_exported import StarlingTestKit
