using System.Security.Cryptography;
using System.Text;

namespace PhoneSafe.Simulator.Provisioning;

/// <summary>
/// Card UIDs for simulated people. They are generated from the school and person identifiers, never taken from a real
/// card, and always start with <see cref="Marker"/> so a simulated card is recognisable in any export.
/// </summary>
public static class SimulatedCards
{
    /// <summary>First byte of every simulated UID (not an ISO/IEC 7816-6 manufacturer code used by school cards).</summary>
    public const byte Marker = 0x5A;

    /// <summary>
    /// The simulated 7-byte UID of a person: <see cref="Marker"/> then 6 bytes of SHA-256("phonesafe-simulated-card/school/person").
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="personId">Staff code or admission number.</param>
    /// <returns>7 bytes.</returns>
    public static byte[] Uid(string school, string personId)
    {
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"phonesafe-simulated-card/{school}/{personId}"));
        byte[] uid = new byte[7];
        uid[0] = Marker;
        Array.Copy(hash, 0, uid, 1, 6);
        return uid;
    }
}
