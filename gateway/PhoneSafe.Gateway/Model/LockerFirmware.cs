namespace PhoneSafe.Gateway.Model;

/// <summary>
/// A locker's firmware: the version it last reported running and where its update stands.
/// </summary>
/// <param name="Locker">Locker identifier.</param>
/// <param name="Running">The version it runs, or null before its first report.</param>
/// <param name="Target">The version being rolled out to it, or null.</param>
/// <param name="State">A <see cref="FirmwareStates"/> value.</param>
/// <param name="ChunksReceived">Chunks of the target the locker holds.</param>
/// <param name="Chunks">Chunks of the target in all (0 without one).</param>
/// <param name="Reason">Why it failed, or null.</param>
/// <param name="UpdatedUtc">When the state last changed.</param>
public sealed record LockerFirmware(string Locker, string? Running, string? Target, string State, int ChunksReceived, int Chunks, string? Reason, DateTimeOffset UpdatedUtc);
