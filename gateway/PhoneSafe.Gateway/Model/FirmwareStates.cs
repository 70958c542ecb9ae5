namespace PhoneSafe.Gateway.Model;

/// <summary>
/// Where a locker's update stands at the gateway (<see cref="LockerFirmware.State"/>).
/// </summary>
public static class FirmwareStates
{
    /// <summary>No update for it.</summary>
    public const string None = "none";

    /// <summary>In a rollout, waiting for the first locker to be confirmed.</summary>
    public const string Waiting = "waiting";

    /// <summary>Receiving the image (the manifest is sent again whenever it reports without it).</summary>
    public const string Sending = "sending";

    /// <summary>Running the new version on trial; the gateway has confirmed it.</summary>
    public const string Confirmed = "confirmed";

    /// <summary>The image failed the locker's checks.</summary>
    public const string Failed = "failed";

    /// <summary>The new version did not reach the gateway in time and the locker went back to the previous one.</summary>
    public const string RolledBack = "rolled-back";

    /// <summary>Not sent: the first locker of the rollout failed or rolled back.</summary>
    public const string Cancelled = "cancelled";
}
