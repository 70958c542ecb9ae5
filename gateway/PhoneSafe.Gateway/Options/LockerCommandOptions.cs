using System.ComponentModel.DataAnnotations;

namespace PhoneSafe.Gateway.Options;

/// <summary>
/// Remote locker commands (appsettings section "LockerCommandOptions").
/// </summary>
public sealed class LockerCommandOptions
{
    /// <summary>Gets or sets how long a command stays valid, in seconds: a locker refuses it after that (short, so an unlock cannot wait offline for hours).</summary>
    [Range(1, int.MaxValue)]
    public int LifetimeSeconds { get; set; } = 120;

    /// <summary>Gets or sets how often, in seconds, commands with no result are marked expired once past their expiry.</summary>
    [Range(1, int.MaxValue)]
    public int SweepSeconds { get; set; } = 10;
}
