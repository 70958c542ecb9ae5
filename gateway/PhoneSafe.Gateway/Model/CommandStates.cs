namespace PhoneSafe.Gateway.Model;

/// <summary>
/// The delivery states of a locker command (stored as these words).
/// </summary>
public static class CommandStates
{
    /// <summary>Published to the broker; no result from the locker yet.</summary>
    public const string Sent = "sent";

    /// <summary>The locker reports it carried the command out.</summary>
    public const string Executed = "executed";

    /// <summary>The locker reports it refused the command, with the reason.</summary>
    public const string Refused = "refused";

    /// <summary>No result arrived before the command's expiry (the locker offline, or the result lost).</summary>
    public const string Expired = "expired";
}
