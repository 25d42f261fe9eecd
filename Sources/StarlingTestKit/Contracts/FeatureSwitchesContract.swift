import NIOCore
import StarlingCore
import Testing

/// The behaviour every `FeatureSwitches` must have.
public enum FeatureSwitchesContract {
    public static func run(_ switches: any FeatureSwitches, prefix: String = "switch-\(UInt32.random(in: 0 ... .max))-") async throws {
        let name = prefix + "feature"
        #expect(try await switches.percentage(name) == 0, "unknown switches are off")
        try await switches.set(name, percentage: 100)
        #expect(try await switches.percentage(name) == 100)
        #expect(await switches.isOn(name, for: 12345))
        try await switches.set(name, percentage: 30)
        var on = 0
        for user in Int64(1)...1_000 where await switches.isOn(name, for: user) { on += 1 }
        #expect((200...400).contains(on), "about 30% of users: \(on)")
        let once = await switches.isOn(name, for: 7)
        #expect(await switches.isOn(name, for: 7) == once, "stable per user")
        try await switches.set(name, percentage: 0)
        #expect(await !switches.isOn(name, for: 7))
    }
}
