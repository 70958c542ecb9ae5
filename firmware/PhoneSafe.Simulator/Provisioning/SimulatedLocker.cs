namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// A registered locker unit and its device key.
/// </summary>
/// <param name="Id">Locker identifier.</param>
/// <param name="Kind">"classroom" or "office".</param>
/// <param name="Compartments">Number of compartments (1 to 16).</param>
/// <param name="DeviceKey">The 32-byte device key, hex.</param>
public sealed record SimulatedLocker(string Id, string Kind, int Compartments, string DeviceKey)
{
    /// <summary>Gets a value indicating whether this is an office unit.</summary>
    public bool IsOffice => Kind == "office";
}
