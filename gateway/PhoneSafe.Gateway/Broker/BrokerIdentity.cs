using PhoneSafe.Firmware.Core.Protocol;

namespace PhoneSafe.Gateway.Broker;

/// <summary>
/// Who a broker client logged in as: the gateway, or one locker (account <c>&lt;school&gt;.&lt;locker&gt;</c>).
/// </summary>
/// <param name="IsGateway">Whether it is a gateway account.</param>
/// <param name="School">The locker's school (null for the gateway).</param>
/// <param name="Locker">The locker (null for the gateway).</param>
public sealed record BrokerIdentity(bool IsGateway, string? School, string? Locker)
{
    /// <summary>The gateway's identity.</summary>
    public static readonly BrokerIdentity Gateway = new(true, null, null);

    /// <summary>
    /// A locker's identity.
    /// </summary>
    /// <param name="school">School identifier.</param>
    /// <param name="locker">Locker identifier.</param>
    /// <returns>The identity.</returns>
    public static BrokerIdentity ForLocker(string school, string locker) => new(false, school, locker);

    /// <summary>
    /// Reads a locker account name (<see cref="BrokerAccount.UserName"/>).
    /// </summary>
    /// <param name="userName">The account name a client logged in with.</param>
    /// <param name="identity">The locker's identity.</param>
    /// <returns>true when the name has the form <c>&lt;school&gt;.&lt;locker&gt;</c> with valid identifiers.</returns>
    public static bool TryParseLocker(string? userName, out BrokerIdentity identity)
    {
        identity = Gateway;
        int dot = userName?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (dot < 0 || !Identifiers.IsValid(userName![..dot]) || !Identifiers.IsValid(userName[(dot + 1)..]))
        {
            return false;
        }

        identity = ForLocker(userName[..dot], userName[(dot + 1)..]);
        return true;
    }
}
