namespace PhoneSafe.Gateway.Options;

/// <summary>
/// What goes into every locker configuration besides the allow-list (appsettings section "LockerConfigOptions").
/// </summary>
public sealed class LockerConfigOptions
{
    /// <summary>Gets or sets how long a compartment stays unlocked waiting for its door, in seconds (3 to 10: lockers hold a solenoid on for at most 10 s and use 10 for anything longer).</summary>
    public int UnlockSeconds { get; set; } = 10;

    /// <summary>Gets or sets after how many seconds an open door counts as left open (10 to 3600).</summary>
    public int LeftOpenSeconds { get; set; } = 120;

    /// <summary>Gets or sets the school's time zone (IANA id); its UTC offset goes into each configuration.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Gets or sets the ISO weekdays (1 = Monday) with contact time; null means Monday to Friday.</summary>
    public int[]? ContactWeekdays { get; set; }

    /// <summary>Gets or sets the contact periods of each of those days as "HH:mm-HH:mm" local time; null means 08:45-12:15 and 13:05-15:15.</summary>
    public string[]? ContactPeriods { get; set; }

    /// <summary>Gets or sets how often, in minutes, the gateway rebuilds every configuration to catch clock changes and calendar edits.</summary>
    public int RefreshMinutes { get; set; } = 60;

    /// <summary>Gets or sets how many days a card presented in enrolment mode stays in the pending list.</summary>
    public int PendingCardDays { get; set; } = 7;
}
