namespace PhoneSafe.Gateway.Options;

/// <summary>
/// The demonstration school started by <c>--demo</c> (appsettings section "DemoOptions").
/// </summary>
public sealed class DemoOptions
{
    /// <summary>Gets or sets a value indicating whether demo mode is on (set by the --demo switch).</summary>
    public bool Enabled { get; set; }

    /// <summary>Gets or sets the demo school's identifier.</summary>
    public string School { get; set; } = "demo-school";

    /// <summary>Gets or sets the number of classroom lockers.</summary>
    public int Lockers { get; set; } = 3;

    /// <summary>Gets or sets the compartments per locker.</summary>
    public int CompartmentsPerLocker { get; set; } = 8;

    /// <summary>Gets or sets the number of staff with badges.</summary>
    public int Staff { get; set; } = 12;

    /// <summary>Gets or sets the pause between simulated badge taps, in milliseconds.</summary>
    public int TapIntervalMilliseconds { get; set; } = 3000;
}
