namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// A person of a simulated school and their simulated card.
/// </summary>
/// <param name="Id">Staff code or admission number (what scenario steps name).</param>
/// <param name="Name">Display name (scenario steps may use it too).</param>
/// <param name="Kind">"staff" or "pupil".</param>
/// <param name="Card">The simulated card UID, hex (see <see cref="SimulatedCards"/>).</param>
/// <param name="Office">Whether the person works in the office (opens the office unit for pupil phones).</param>
/// <param name="Slt">Whether the person is in the senior leadership team.</param>
public sealed record SimulatedPerson(string Id, string Name, string Kind, string Card, bool Office = false, bool Slt = false)
{
    /// <summary>Gets a value indicating whether the person is a pupil.</summary>
    public bool IsPupil => Kind == "pupil";

    /// <summary>Gets the card UID bytes.</summary>
    /// <returns>The UID.</returns>
    public byte[] CardUid() => Convert.FromHexString(Card);
}
